package org.neuralode4j.sensitivity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.tensor.Tensor;

/**
 * A quiet measurement, not a test: the backward pass of the adjoint methods with stiff solvers on
 * two stiff problems with a neural term (MLP 2-H-2, tanh), timed by the thread's CPU time and by
 * System.nanoTime (medians of 5 after 3 warm-up runs; CPU time is the steadier figure on a shared
 * machine), with its work counts and the gradient's worst relative disagreement with DIRECT. It
 * and its problems ({@link StiffNeuralProblem}) use the public API only, so the same sources also
 * run against an older build of core. Run from core after {@code mvn -pl core test-compile}:
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes \
 *       org.neuralode4j.sensitivity.StiffAdjointCost [H]
 * </pre>
 */
public final class StiffAdjointCost {
    private StiffAdjointCost() {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Run(double[] gradient, Stats backward, long nanos, long cpuNanos) {
    }

    private static Run run(StiffNeuralProblem p, String method, Gradient gradient) {
        for (Tensor t : p.trained()) {
            t.zeroGrad();
        }
        p.z0().zeroGrad();
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-10).build();
        GradientSolution sol = Odeint.solve(p.field(), p.z0(), p.times(), o, gradient,
                AdjointOptions.builder().maxSteps(100_000).build());
        Tensor loss = sol.states().square().sum();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        loss.backward();
        long nanos = System.nanoTime() - start;
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        List<Tensor> leaves = new ArrayList<>(List.of(p.z0()));
        leaves.addAll(p.trained());
        return new Run(WholeSolveGradients.flatGradients(leaves), sol.backwardStats(), nanos, cpu);
    }

    private static void measure(String name, StiffNeuralProblem p, String method, Gradient gradient) {
        int n = p.z0().numel();
        int params = p.trained().stream().mapToInt(Tensor::numel).sum();
        int augmented = (gradient == Gradient.ADJOINT ? 2 * n : n) + params;
        int core = gradient == Gradient.ADJOINT ? 2 * n : n;
        String head = String.format(Locale.ROOT, "%-22s %-8s %-20s n=%d P=%d augmented=%d core=%d", name, method,
                gradient, n, params, augmented, core);
        try {
            double[] direct = run(p, method, Gradient.DIRECT).gradient();
            Run last = null;
            long[] times = new long[5];
            long[] cpu = new long[times.length];
            for (int i = 0; i < 3 + times.length; i++) {
                last = run(p, method, gradient);
                if (i >= 3) {
                    times[i - 3] = last.nanos();
                    cpu[i - 3] = last.cpuNanos();
                }
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            double scale = 0;
            double worst = 0;
            for (double v : direct) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < direct.length; i++) {
                worst = Math.max(worst, Math.abs(last.gradient()[i] - direct[i]) / scale);
            }
            Stats s = last.backward();
            System.out.printf(Locale.ROOT, "%s | backward cpu %.1f ms (wall %.1f), evaluations %d, steps %d+%d, "
                            + "jacobians %d, LUs %d, newton %d | vs DIRECT %.1e%n", head, cpu[cpu.length / 2] / 1e6,
                    times[times.length / 2] / 1e6,
                    s.functionEvaluations(), s.acceptedSteps(), s.rejectedSteps(), s.jacobianEvaluations(),
                    s.luDecompositions(), s.newtonIterations(), worst);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            System.out.printf(Locale.ROOT, "%s | failed: %s%n", head, m.substring(0, Math.min(120, m.length())));
        }
    }

    /** @param args the MLP's hidden width (default 32) */
    public static void main(String[] args) {
        int hidden = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        for (String method : new String[] {"rodas5p", "kvaerno5"}) {
            measure("linear(-1,-1000)+MLP", StiffNeuralProblem.linearPlusMlp(hidden), method,
                    Gradient.CHECKPOINTED_ADJOINT);
        }
        measure("VanDerPol(30)+MLP", StiffNeuralProblem.vanDerPolPlusMlp(hidden), "rodas5p", Gradient.ADJOINT);
    }
}
