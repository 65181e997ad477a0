package org.neuralode4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.neuralode4j.data.Batch;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.WindowSampler;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.PIController;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.train.SpiralBenchmark;

/**
 * What the backsolve adjoint's evaluations buy in accuracy on the spiral recipe (REFERENCE.md): the
 * backward evaluations of {@link Gradient#ADJOINT} per batch, and the relative error of its parameter
 * gradient against the exact gradient of the continuous problem, next to DIRECT's error, for several
 * backward methods and tolerances, on models trained 1 to 2000 iterations.
 *
 * <p>The "exact" gradient is DIRECT through dopri5 at rtol 1e-13, atol 1e-15 (its own error, the
 * difference to rtol 1e-12, is printed and is orders below the figures compared). DIRECT at the
 * recipe's settings (torchdiffeq's dopri5, rtol 1e-7, atol 1e-9) carries the forward solve's
 * discretization error into its gradient; an adjoint whose error is no larger is "as accurate as
 * DIRECT's". The forward solve of every row is the recipe's; only the backward solve varies.
 *
 * <p>Why the table matters: the backward solve must land on each of the 8 interior output times to
 * add ∂L/∂z(t_i), so each of the 9 output intervals takes at least one step. An FSAL pair then pays
 * its error estimate's last stage at the old state and a fresh first stage at the new one: dopri5
 * and tsit5 need 9·6 stages, 8 restarts and the first stage, 63 evaluations, once the steps are as
 * long as the output spacing; Cash–Karp, six stages and no FSAL stage, 9·6 = 54 (the automatic
 * backward method since; the first step is the forward's average step, so no evaluation goes to
 * the initial-step estimate). Fewer evaluations need fewer stages per interval, i.e. a lower order
 * (no explicit method of five stages has order five, not even on the linear time-varying adjoint
 * equation alone: {@code bench/scripts/linear_order_barrier.py}), whose error at that step length is
 * far above DIRECT's.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.AdjointEvaluationBudget [iterations,...] [batches]} (defaults
 * {@code 1,200,1000,2000} and 10 batches per model; about two minutes).
 */
public final class AdjointEvaluationBudget {
    private static final String[] METHODS = {"dopri5-shampine", "dopri5", "tsit5", "cashkarp", "bosh3"};
    private static final double[] RTOLS = {1e-7, 1e-6, 1e-5, 1e-4};
    /** The backward atol is rtol times this (the recipe's 1e-9 for 1e-7). */
    private static final double ATOL_PER_RTOL = 1e-2;

    private AdjointEvaluationBudget() {
    }

    public static void main(String[] args) {
        int[] stages = parseInts(args.length > 0 ? args[0] : "1,200,1000,2000");
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println("| trained iterations | gradient | backward method | backward rtol | backward evaluations "
                + "| relative error (mean) | relative error (max) |");
        System.out.println("| ---: | --- | --- | ---: | ---: | ---: | ---: |");
        for (int iterations : stages) {
            measure(iterations, batches);
        }
    }

    private static void measure(int iterations, int batches) {
        SpiralBenchmark.Session session = SpiralBenchmark.session(iterations, Gradient.DIRECT, 0, SpiralBenchmark.METHOD);
        session.trainer().build().fit();
        SpiralOdeFunc model = session.model();
        WindowSampler sampler = new WindowSampler(TimeSeriesDataset.of(SpiralBenchmark.trueTrajectory().slice(0,
                SpiralBenchmark.DATA_SIZE - 1)), SpiralBenchmark.BATCH_SIZE, SpiralBenchmark.BATCH_TIME);
        SolveOptions recipe = SpiralBenchmark.solveOptions(SpiralBenchmark.METHOD);
        SolveOptions exact = SolveOptions.builder().method("dopri5").rtol(1e-13).atol(1e-15).build();
        SolveOptions nearlyExact = SolveOptions.builder().method("dopri5").rtol(1e-12).atol(1e-14).build();
        List<Row> rows = new ArrayList<>();
        Row reference = new Row("DIRECT (reference: rtol 1e-12 against 1e-13)", "dopri5", 1e-12);
        Row direct = new Row("DIRECT", SpiralBenchmark.METHOD, 1e-7);
        for (String method : METHODS) {
            for (double rtol : RTOLS) {
                rows.add(new Row("ADJOINT", method, rtol));
            }
        }
        for (int b = 0; b < batches; b++) {
            Batch batch = sampler.next(new Random(1000L * iterations + b));
            double[] truth = gradient(model, batch, exact, Gradient.DIRECT, null).values;
            reference.add(gradient(model, batch, nearlyExact, Gradient.DIRECT, null), truth);
            direct.add(gradient(model, batch, recipe, Gradient.DIRECT, null), truth);
            for (Row r : rows) {
                AdjointOptions backward = AdjointOptions.builder().method(r.method).rtol(r.rtol)
                        .atol(r.rtol * ATOL_PER_RTOL).controller(PIController.hairer()).build();
                r.add(gradient(model, batch, recipe, Gradient.ADJOINT, backward), truth);
            }
        }
        reference.print(iterations, batches);
        direct.print(iterations, batches);
        for (Row r : rows) {
            r.print(iterations, batches);
        }
    }

    private record Measured(double[] values, long backwardEvaluations) {
    }

    /** The L1 loss's gradient with respect to every parameter of the model, flattened. */
    private static Measured gradient(SpiralOdeFunc model, Batch batch, SolveOptions forward, Gradient method,
                                     AdjointOptions backward) {
        model.zeroGrad();
        GradientSolution sol = Odeint.solve(new ModuleField(model), batch.z0(), batch.sharedRelativeTimes(), forward,
                method, backward == null ? AdjointOptions.defaults() : backward);
        Losses.l1(sol.states(), batch.targets()).backward();
        double[] g = GradientVectors.flatten(model.parameters());
        return new Measured(g, sol.backwardStats().functionEvaluations());
    }

    private static final class Row {
        final String gradient;
        final String method;
        final double rtol;
        long evaluations;
        double errorSum;
        double errorMax;

        Row(String gradient, String method, double rtol) {
            this.gradient = gradient;
            this.method = method;
            this.rtol = rtol;
        }

        void add(Measured m, double[] truth) {
            double e = GradientVectors.relativeError(m.values, truth);
            errorSum += e;
            errorMax = Math.max(errorMax, e);
            evaluations += m.backwardEvaluations;
        }

        void print(int iterations, int batches) {
            boolean adjoint = gradient.equals("ADJOINT");
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %.2e | %.2e |%n", iterations, gradient, method,
                    String.format(Locale.ROOT, "%.0e", rtol),
                    adjoint ? String.format(Locale.ROOT, "%.1f", evaluations / (double) batches) : "-",
                    errorSum / batches, errorMax);
        }
    }

    private static int[] parseInts(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }
}
