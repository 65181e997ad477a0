package org.neuralode4j.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;

/**
 * Memory of the gradient methods against the number of solver steps: the spiral model (batch
 * 20) integrated with fixed-step rk4 over [0, 1] in N steps, 11 output times, an L1 loss and one
 * backward pass. Prints the peak bytes held by the autodiff tape (what the graph keeps alive) and the
 * JVM heap in use after the forward pass (after a full GC, so it is what the
 * graph and the solution keep alive), and the backward pass's work (its accepted steps and
 * evaluations of f). DIRECT grows linearly with N; ADJOINT stays flat; CHECKPOINTED keeps only the
 * checkpoints on the tape (its backward pass holds one segment's dense output transiently: about 64
 * steps, or one output interval where that holds more);
 * RECURSIVE (binomial checkpointing, Griewank &amp; Walther's Revolve) holds c states, the step log
 * (26 bytes per step) and one step's tape, and its backward pass replays each of the N steps on the
 * tape once and advances r·N − C(c + r, r − 1) steps, r the smallest number with C(c + r, c) ≥ N
 * (shown for c = 8 and the default c = 32).
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar org.neuralode4j.bench.MemoryBenchmark}
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {
    }

    public static void main(String[] args) {
        int[] stepCounts = {10, 100, 1000, 10000};
        System.out.println("| gradient | steps | tape peak (bytes) | tape nodes after forward | live heap after forward (MB) "
                + "| backward steps | backward evaluations |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Gradient g : Gradient.values()) {
            int[] checkpointCounts = g == Gradient.RECURSIVE_CHECKPOINT ? new int[] {8, AdjointOptions.DEFAULT_CHECKPOINTS}
                    : new int[] {AdjointOptions.DEFAULT_CHECKPOINTS};
            for (int c : checkpointCounts) {
                String name = g == Gradient.RECURSIVE_CHECKPOINT ? g.shortName() + " (c = " + c + ")" : g.shortName();
                for (int steps : stepCounts) {
                    Row r = measure(g, steps, AdjointOptions.builder().checkpoints(c).build());
                    System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %d | %d |%n", name, steps, r.tapePeak,
                            r.nodes, r.heapMb, r.backward.acceptedSteps(), r.backward.functionEvaluations());
                }
            }
        }
    }

    private record Row(long tapePeak, long nodes, double heapMb, Stats backward) {
    }

    private static Row measure(Gradient gradient, int steps, AdjointOptions adjoint) {
        SpiralOdeFunc model = new SpiralOdeFunc(new SplittableRandom(0));
        ModuleField f = new ModuleField(model);
        Tensor z0 = Tensor.randn(new SplittableRandom(1), 20, 2);
        double[] times = Tensor.linspace(0, 1, 11).toArray();
        Tensor target = Tensor.zeros(11, 20, 2);
        SolveOptions rk4 = SolveOptions.builder().method("rk4").stepSize(1.0 / steps).maxSteps(Integer.MAX_VALUE).build();
        Tape tape = Tape.current();
        System.gc();
        tape.resetCounters();
        GradientSolution sol = Odeint.solve(f, z0, times, rk4, gradient, adjoint);
        Tensor loss = Losses.l1(sol.states(), target);
        long nodes = tape.liveNodes();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        double heap = (rt.totalMemory() - rt.freeMemory()) / 1e6;
        loss.backward();
        long peak = tape.peakBytes();
        return new Row(peak, nodes, heap, sol.backwardStats());
    }
}
