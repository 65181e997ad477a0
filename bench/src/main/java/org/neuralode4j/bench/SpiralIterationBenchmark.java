package org.neuralode4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.optim.RMSprop;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.tensor.VectorMath;
import org.neuralode4j.train.SpiralBenchmark;

/**
 * A profiling harness for one spiral training iteration (torchdiffeq's ode_demo, REFERENCE.md):
 * SpiralOdeFunc, 20 windows of 10 samples from the true spiral at linspace(0, 25, 1000), the
 * recipe's solver settings ({@link SpiralBenchmark#solveOptions}, torchdiffeq's dopri5 at rtol 1e-7 /
 * atol 1e-9, and {@link SpiralBenchmark#adjointOptions}), L1 loss, RMSprop lr 1e-3. For each gradient method: a JIT warm-up on
 * throw-away models (runs as long as the timed ones), then {@code repeats} timed runs of {@code iters} iterations, each from a fresh
 * model with seed 0 (as {@code /work/shared/bench/torchdiffeq_spiral.py}, which times the first
 * NITERS iterations of training). Prints ms/iteration (median and min over the repeats, and the
 * median thread CPU time, steadier on a shared machine) and the
 * forward and backward evaluations per iteration.
 *
 * <p>Not the official benchmark (that is {@code neuralode bench spiral}); this one is meant to be
 * run under a profiler:
 * {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.SpiralIterationBenchmark [--iters 200] [--warmup 1000] [--repeats 5]
 * [--methods direct,adjoint,checkpointed,recursive]}
 */
public final class SpiralIterationBenchmark {
    private static final int SAMPLES = 1000;
    private static final int BATCH = 20;
    private static final int BATCH_TIME = 10;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private final double[] trueY;
    private final double[] times;
    private final SolveOptions options;

    private SpiralIterationBenchmark() {
        options = SpiralBenchmark.solveOptions(SpiralBenchmark.METHOD);
        times = Tensor.linspace(0, 25, SAMPLES).toArray();
        ArrayVectorField truth = (t, y, dy) -> {
            double x3 = y[0] * y[0] * y[0];
            double y3 = y[1] * y[1] * y[1];
            dy[0] = -0.1 * x3 - 2.0 * y3;
            dy[1] = 2.0 * x3 - 0.1 * y3;
        };
        trueY = OdeSolver.solve(truth, Tensor.of(new double[][] {{2, 0}}), times, options).states().toArray();
    }

    /** Result of one timed run. */
    private record Run(double msPerIter, double cpuMsPerIter, double kbPerIter, double nfeForward, double nfeBackward,
                       double lastLoss) {
    }

    private Run run(Gradient gradient, int iters, long seed) {
        SpiralOdeFunc model = new SpiralOdeFunc(new SplittableRandom(0));
        ModuleField field = new ModuleField(model);
        RMSprop opt = new RMSprop(model.parameters(), 1e-3);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] batchT = Arrays.copyOf(times, BATCH_TIME);
        double[] z0 = new double[BATCH * 2];
        double[] target = new double[BATCH_TIME * BATCH * 2];
        long nfeF = 0;
        long nfeB = 0;
        double loss = Double.NaN;
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long allocStart = allocated();
        for (int it = 0; it < iters; it++) {
            opt.zeroGrad();
            int[] s = sample(rng, SAMPLES - BATCH_TIME, BATCH);
            for (int b = 0; b < BATCH; b++) {
                z0[2 * b] = trueY[2 * s[b]];
                z0[2 * b + 1] = trueY[2 * s[b] + 1];
                for (int i = 0; i < BATCH_TIME; i++) {
                    target[(i * BATCH + b) * 2] = trueY[2 * (s[b] + i)];
                    target[(i * BATCH + b) * 2 + 1] = trueY[2 * (s[b] + i) + 1];
                }
            }
            GradientSolution sol = Odeint.solve(field, Tensor.fromArray(z0, BATCH, 2), batchT, options, gradient,
                    SpiralBenchmark.adjointOptions());
            Tensor l = Losses.l1(sol.states(), Tensor.fromArray(target, BATCH_TIME, BATCH, 2));
            l.backward();
            opt.step();
            nfeF += sol.forwardStats().functionEvaluations();
            nfeB += gradient == Gradient.DIRECT ? 0 : sol.backwardStats().functionEvaluations();
            loss = l.item();
        }
        double ms = (System.nanoTime() - start) / 1e6 / iters;
        double cpuMs = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e6 / iters;
        double kb = (allocated() - allocStart) / 1024.0 / iters;
        return new Run(ms, cpuMs, kb, (double) nfeF / iters, (double) nfeB / iters, loss);
    }

    /** Bytes allocated by this thread so far (HotSpot's extension of ThreadMXBean), or 0 when unavailable. */
    private static long allocated() {
        return CPU instanceof com.sun.management.ThreadMXBean hs ? hs.getThreadAllocatedBytes(Thread.currentThread().getId())
                : 0;
    }

    /** {@code k} distinct integers from [0, n) (partial Fisher–Yates). */
    private static int[] sample(SplittableRandom rng, int n, int k) {
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = pool[i];
            pool[i] = pool[j];
            pool[j] = tmp;
        }
        return Arrays.copyOf(pool, k);
    }

    public static void main(String[] args) {
        int iters = 200;
        int warmup = 1000;
        int repeats = 5;
        List<Gradient> methods = new ArrayList<>(List.of(Gradient.DIRECT, Gradient.ADJOINT));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iters" -> iters = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--methods" -> {
                    methods.clear();
                    for (String m : args[++i].split(",")) {
                        methods.add(Gradient.fromName(m));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --iters N --warmup N --repeats N --methods direct,adjoint,checkpointed,recursive");
            }
        }
        SpiralIterationBenchmark bench = new SpiralIterationBenchmark();
        System.out.printf(Locale.ROOT, "# spiral iteration: batch %d x %d samples, dopri5-shampine (I controller) rtol 1e-7 atol 1e-9, L1, RMSprop 1e-3;"
                + " %s; %s %s%n", BATCH, BATCH_TIME, VectorMath.get().name(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        System.out.println("| gradient | ms/iter median | ms/iter min | thread CPU ms/iter median | KB allocated/iter "
                + "| NFE fwd/iter | NFE bwd/iter | µs/eval (all) | loss at end |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Gradient g : methods) {
            // warm-up runs as long as the timed ones: a fresh run's start (new model, optimizer) is compiled too
            for (int done = 0; done < warmup; done += iters) {
                bench.run(g, Math.min(iters, warmup - done), 12345);
            }
            double[] ms = new double[repeats];
            double[] cpu = new double[repeats];
            Run last = null;
            for (int r = 0; r < repeats; r++) {
                last = bench.run(g, iters, 0);
                ms[r] = last.msPerIter;
                cpu[r] = last.cpuMsPerIter;
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            Arrays.sort(cpu);
            double median = sorted[repeats / 2];
            double evals = last.nfeForward + last.nfeBackward;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.0f | %.1f | %.1f | %.2f | %.5f |%n", g.shortName(),
                    median, sorted[0], cpu[repeats / 2], last.kbPerIter, last.nfeForward, last.nfeBackward,
                    1000 * median / evals, last.lastLoss);
        }
    }
}
