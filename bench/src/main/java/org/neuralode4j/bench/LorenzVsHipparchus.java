package org.neuralode4j.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.PIController;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * dopri5 against Hipparchus's DormandPrince54 on Lorenz (σ = 10, ρ = 28, β = 8/3, from (1, 1, 1))
 * over [0, 20] at rtol = atol = 1e-8: function evaluations, steps, the error at t = 20 against
 * Hipparchus's DormandPrince853 at 1e-14, and wall time per solve and per evaluation (median of
 * timed rounds after a warm-up, one thread). Then a work–precision table over tolerances, so that
 * evaluations can be compared at equal accuracy.
 *
 * <p>Run: {@code mvn -q -pl bench -am -DskipTests package && java -cp bench/target/benchmarks.jar
 * org.neuralode4j.bench.LorenzVsHipparchus}. Prints; asserts nothing.
 */
public final class LorenzVsHipparchus {
    private static final double T_END = 20;
    private static final double[] Y0 = {1, 1, 1};
    private static final double[][] REFERENCE_HOLDER = new double[1][];

    private LorenzVsHipparchus() {
    }

    static void lorenz(double[] z, double[] dz) {
        dz[0] = 10 * (z[1] - z[0]);
        dz[1] = z[0] * (28 - z[2]) - z[1];
        dz[2] = z[0] * z[1] - 8.0 / 3 * z[2];
    }

    private static final OrdinaryDifferentialEquation HIPPARCHUS_LORENZ = new OrdinaryDifferentialEquation() {
        @Override
        public int getDimension() {
            return 3;
        }

        @Override
        public double[] computeDerivatives(double t, double[] y) {
            double[] dy = new double[3];
            lorenz(y, dy);
            return dy;
        }
    };

    private static final ArrayVectorField ARRAY_LORENZ = (t, z, dz) -> lorenz(z, dz);

    /** The same field with tensor operations (what a differentiable model would be written as). */
    private static final VectorField TENSOR_LORENZ = (t, z) -> {
        Tensor x = z.slice(0, 0, 1);
        Tensor y = z.slice(0, 1, 2);
        Tensor w = z.slice(0, 2, 3);
        return Tensor.cat(0, y.sub(x).mul(10), x.mul(w.neg().add(28)).sub(y), x.mul(y).sub(w.mul(8.0 / 3)));
    };

    /** Outcome of one solve. */
    private record Run(double[] end, long evaluations, long accepted, long rejected) {
    }

    private static Run hipparchus(double tol) {
        DormandPrince54Integrator integrator = new DormandPrince54Integrator(0, Double.POSITIVE_INFINITY, tol, tol);
        double[] end = integrator.integrate(HIPPARCHUS_LORENZ, new ODEState(0, Y0.clone()), T_END).getPrimaryState();
        return new Run(end, integrator.getEvaluations(), -1, -1);
    }

    /** Hairer's DOPRI5 controller exactly (accepted steps may shrink the next one). */
    private static final PIController HAIRER = PIController.hairer().withNeverShrink(false);

    private static Run ours(VectorField f, double tol) {
        return ours(f, tol, PIController.hairer());
    }

    private static Run ours(VectorField f, double tol, PIController controller) {
        SolveOptions options = SolveOptions.builder().method("dopri5").rtol(tol).atol(tol).controller(controller).build();
        Solution s = OdeSolver.solve(f, Tensor.of(Y0), new double[] {0, T_END}, options);
        return new Run(s.state(1).toArray(), s.stats().functionEvaluations(), s.stats().acceptedSteps(),
                s.stats().rejectedSteps());
    }

    private static double error(double[] y, double[] ref) {
        double e = 0;
        for (int i = 0; i < y.length; i++) {
            e = Math.max(e, Math.abs(y[i] - ref[i]));
        }
        return e;
    }

    /** Median nanoseconds per call over timed rounds of about {@code roundMillis} each, after a warm-up. */
    private static double timePerSolve(DoubleSupplier solve, int rounds, long roundMillis) {
        double sink = 0;
        long warmEnd = System.nanoTime() + 2 * roundMillis * 1_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink += solve.getAsDouble();
        }
        double[] perCall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            long end = start + roundMillis * 1_000_000L;
            long calls = 0;
            long now;
            do {
                sink += solve.getAsDouble();
                calls++;
                now = System.nanoTime();
            } while (now < end);
            perCall[r] = (now - start) / (double) calls;
        }
        if (sink == 42.4242) {
            System.out.print("");
        }
        Arrays.sort(perCall);
        return perCall[rounds / 2];
    }

    public static void main(String[] args) {
        double tol = 1e-8;
        DormandPrince853Integrator reference = new DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, 1e-14, 1e-14);
        double[] ref = reference.integrate(HIPPARCHUS_LORENZ, new ODEState(0, Y0.clone()), T_END).getPrimaryState();
        REFERENCE_HOLDER[0] = ref;

        System.out.printf(Locale.ROOT, "Lorenz (sigma 10, rho 28, beta 8/3) from (1, 1, 1) over [0, %.0f], rtol = atol = %.0e%n",
                T_END, tol);
        System.out.printf(Locale.ROOT, "reference z(20) = (%.10f, %.10f, %.10f) by Hipparchus DormandPrince853 at 1e-14%n%n",
                ref[0], ref[1], ref[2]);

        Run h = hipparchus(tol);
        Run a = ours(ARRAY_LORENZ, tol);
        Run p = ours(ARRAY_LORENZ, tol, HAIRER);
        Run t = ours(TENSOR_LORENZ, tol);
        double th = timePerSolve(() -> hipparchus(tol).end()[0], 5, 1000);
        double ta = timePerSolve(() -> ours(ARRAY_LORENZ, tol).end()[0], 5, 1000);
        double tp = timePerSolve(() -> ours(ARRAY_LORENZ, tol, HAIRER).end()[0], 5, 1000);
        double tt = timePerSolve(() -> ours(TENSOR_LORENZ, tol).end()[0], 5, 1000);

        System.out.println("solver                                            evals  accepted rejected  |error at t=20|   "
                + "us/solve  ns/eval");
        print("Hipparchus DormandPrince54", h, ref, th);
        print("dopri5, default PI (never shrink), arrays", a, ref, ta);
        print("dopri5, Hairer's PI (may shrink), arrays", p, ref, tp);
        print("dopri5, default PI, tensor-op VectorField", t, ref, tt);

        System.out.println();
        System.out.println("work-precision: evaluations and |error at t=20| (compare at equal error)");
        System.out.println("   tol      Hipparchus DP54       dopri5 default PI     dopri5 Hairer's PI");
        for (double w : new double[] {1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11}) {
            Run hw = hipparchus(w);
            Run ow = ours(ARRAY_LORENZ, w);
            Run pw = ours(ARRAY_LORENZ, w, HAIRER);
            System.out.printf(Locale.ROOT, "  %.0e   %6d  %.3e      %6d  %.3e      %6d  %.3e%n", w, hw.evaluations(),
                    error(hw.end(), ref), ow.evaluations(), error(ow.end(), ref), pw.evaluations(), error(pw.end(), ref));
        }
        System.out.println();
        double target = error(h.end(), ref);
        matchAccuracy("default PI", PIController.hairer(), target, h);
        matchAccuracy("Hairer's PI", HAIRER, target, h);
    }

    /** The loosest tolerance (in steps of 2^(1/4)) at which dopri5 is at least as accurate as Hipparchus at 1e-8. */
    private static void matchAccuracy(String name, PIController controller, double target, Run hipparchus) {
        for (double w = 1e-8 * 4; w >= 1e-9; w /= Math.pow(2, 0.25)) {
            Run o = ours(ARRAY_LORENZ, w, controller);
            if (error(o.end(), REFERENCE_HOLDER[0]) <= target) {
                System.out.printf(Locale.ROOT, "equal accuracy (|error| <= %.3e, Hipparchus at 1e-8: %d evaluations): dopri5 "
                        + "with %s at rtol = atol = %.3e, %d evaluations%n", target, hipparchus.evaluations(), name, w,
                        o.evaluations());
                return;
            }
        }
    }

    private static void print(String name, Run r, double[] ref, double nanos) {
        System.out.printf(Locale.ROOT, "%-48s %6d  %8s %8s  %14.3e  %9.1f  %7.1f%n", name, r.evaluations(),
                r.accepted() < 0 ? "-" : Long.toString(r.accepted()), r.rejected() < 0 ? "-" : Long.toString(r.rejected()),
                error(r.end(), ref), nanos / 1e3, nanos / r.evaluations());
    }
}
