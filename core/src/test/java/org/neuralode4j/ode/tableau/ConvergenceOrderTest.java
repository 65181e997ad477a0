package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observed orders of convergence: the slope of log(error) against log(h), fitted by least squares
 * over five step counts in geometric progression (ratio 1.25), must be within ±0.2 of the claimed
 * order.
 *
 * <p>The step counts are chosen per method and problem so that the errors are in the asymptotic
 * regime and stay above 1e-11, well clear of roundoff (the fit asserts that). The first step
 * counts were found by scanning: the fifth-order pairs have such small leading error coefficients
 * that on many smooth problems (DETEST A3, y' = y cos t, among them) the next-order terms dominate
 * almost down to roundoff (there tsit5's fitted slopes stay between 5.3 and 5.7 for every window
 * above 1e-11). The logistic equation and the
 * non-autonomous nonlinear rotation below show every method's asymptotic order at moderate cost.
 */
class ConvergenceOrderTest {

    private static final double TOLERANCE = 0.2;
    private static final double THETA = 0.37;

    /** A problem with its exact solution. */
    record Problem(String name, FixedStepRk.Ode ode, double t0, double t1, DoubleFunction<double[]> exact) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** DETEST A4 (logistic): y' = (y/4)(1 - y/20), y(0) = 1, y = 20 / (1 + 19 e^(-t/4)), on [0, 20]. */
    static final Problem LOGISTIC = new Problem("A4", (t, y, out) -> out[0] = y[0] / 4 * (1 - y[0] / 20), 0.0, 20.0,
            t -> new double[] {20.0 / (1.0 + 19.0 * Math.exp(-t / 4))});

    /**
     * A nonlinear, non-autonomous rotation in the plane: with ω(t) = 1 + cos(t)/2,
     * x' = -ω(t) y (x² + y²), y' = ω(t) x (x² + y²), from (1, 0) on [0, 3]. The radius r is
     * invariant and the angle grows at rate ω(t) r², so the solution is (cos φ, sin φ) with
     * φ(t) = t + sin(t)/2. A numerical error in r turns into a growing phase error, so local errors
     * of every kind show in the global error, and the nodes c matter (they would not in an
     * autonomous problem).
     */
    static final Problem ROTATION = new Problem("rotation", (t, y, out) -> {
        double w = (1.0 + 0.5 * Math.cos(t)) * (y[0] * y[0] + y[1] * y[1]);
        out[0] = -w * y[1];
        out[1] = w * y[0];
    }, 0.0, 3.0, t -> {
        double phi = t + 0.5 * Math.sin(t);
        return new double[] {Math.cos(phi), Math.sin(phi)};
    });

    /**
     * First step counts {solution, embedded, dense} for each method on {@link #LOGISTIC} and
     * {@link #ROTATION}; 0 where the method has no such output.
     */
    private static final Map<String, int[][]> FIRST_STEPS = Map.ofEntries(
            Map.entry("euler", new int[][] {{1000, 0, 0}, {1000, 0, 0}}),
            Map.entry("midpoint", new int[][] {{1000, 0, 0}, {1000, 0, 0}}),
            Map.entry("heun2", new int[][] {{1000, 0, 0}, {1000, 0, 0}}),
            Map.entry("heun3", new int[][] {{1000, 0, 0}, {1000, 0, 0}}),
            Map.entry("ralston3", new int[][] {{1000, 0, 0}, {1000, 0, 0}}),
            Map.entry("rk4", new int[][] {{400, 0, 300}, {650, 0, 420}}),
            Map.entry("rk38", new int[][] {{400, 0, 0}, {520, 0, 0}}),
            Map.entry("heun-euler", new int[][] {{1000, 1000, 0}, {1000, 1000, 0}}),
            Map.entry("bosh3", new int[][] {{1000, 1000, 350}, {1000, 1000, 420}}),
            Map.entry("cashkarp", new int[][] {{40, 100, 0}, {40, 100, 0}}),
            Map.entry("dopri5", new int[][] {{70, 220, 60}, {56, 340, 70}}),
            Map.entry("dopri5-shampine", new int[][] {{70, 220, 60}, {56, 340, 70}}),
            Map.entry("tsit5", new int[][] {{50, 220, 60}, {36, 270, 15}}),
            Map.entry("dopri8", new int[][] {{5, 40, 0}, {6, 46, 0}}));

    static Stream<Arguments> cases() {
        return withProblems(TableauOrderTest.tableaus());
    }

    static Stream<Arguments> embeddedCases() {
        return withProblems(TableauOrderTest.tableaus().filter(ButcherTableau::hasErrorEstimate));
    }

    static Stream<Arguments> denseCases() {
        return withProblems(TableauOrderTest.tableaus().filter(ButcherTableau::hasDenseOutput));
    }

    private static Stream<Arguments> withProblems(Stream<ButcherTableau> tableaus) {
        return tableaus.flatMap(t -> Stream.of(Arguments.of(t, LOGISTIC), Arguments.of(t, ROTATION)));
    }

    /** Five step counts n0 · 1.25^k, rounded. */
    static int[] steps(ButcherTableau t, Problem p, int kind) {
        int n0 = FIRST_STEPS.get(t.name())[p == LOGISTIC ? 0 : 1][kind];
        assertThat(n0).as("step counts configured for %s on %s", t.name(), p).isPositive();
        int[] steps = new int[5];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = (int) Math.round(n0 * Math.pow(1.25, k));
        }
        return steps;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void solutionConvergesAtItsOrder(ButcherTableau t, Problem p) {
        double slope = globalSlope(t, t.b(), p, steps(t, p, 0));
        report(t, p, "solution", slope);
        assertThat(slope).isBetween(t.order() - TOLERANCE, t.order() + TOLERANCE);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("embeddedCases")
    void embeddedSolutionConvergesAtItsOrder(ButcherTableau t, Problem p) {
        double slope = globalSlope(t, OrderConditions.embeddedWeights(t), p, steps(t, p, 1));
        report(t, p, "embedded", slope);
        assertThat(slope).isBetween(t.embeddedOrder() - TOLERANCE, t.embeddedOrder() + TOLERANCE);
    }

    /**
     * The local error of the dense output at θ = 0.37, each step started from the exact solution,
     * is O(h^(q+1)) for dense order q (the maximum over the steps is fitted; the reported order is
     * the slope minus one). A global test could not see q: there the error of y0 itself, O(h^p),
     * would hide it whenever q + 1 &gt; p.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("denseCases")
    void denseOutputConvergesAtItsOrder(ButcherTableau t, Problem p) {
        int[] steps = steps(t, p, 2);
        double[] errors = new double[steps.length];
        double[] hs = new double[steps.length];
        double[] w = new double[t.stages()];
        t.denseWeights(THETA, w);
        for (int r = 0; r < steps.length; r++) {
            double h = (p.t1() - p.t0()) / steps[r];
            hs[r] = h;
            for (int n = 0; n < steps[r]; n++) {
                double tn = p.t0() + n * h;
                double[] yn = p.exact().apply(tn);
                double[] y = FixedStepRk.combine(yn, h, FixedStepRk.stages(t, p.ode(), tn, yn, h), w);
                errors[r] = Math.max(errors[r], maxDiff(y, p.exact().apply(tn + THETA * h)));
            }
        }
        double slope = fitSlope(hs, errors) - 1.0;
        report(t, p, "dense", slope);
        assertThat(slope).isBetween(t.denseOrder() - TOLERANCE, t.denseOrder() + TOLERANCE);
    }

    /** The slope of the global error, the maximum over all grid points of the max-norm error. */
    private static double globalSlope(ButcherTableau t, double[] weights, Problem p, int[] steps) {
        double[] errors = new double[steps.length];
        double[] hs = new double[steps.length];
        for (int r = 0; r < steps.length; r++) {
            double h = (p.t1() - p.t0()) / steps[r];
            hs[r] = h;
            double[] y = p.exact().apply(p.t0());
            for (int n = 0; n < steps[r]; n++) {
                double tn = p.t0() + n * h;
                y = FixedStepRk.combine(y, h, FixedStepRk.stages(t, p.ode(), tn, y, h), weights);
                errors[r] = Math.max(errors[r], maxDiff(y, p.exact().apply(p.t0() + (n + 1) * h)));
            }
        }
        return fitSlope(hs, errors);
    }

    /** Least-squares slope of log(error) against log(h); errors must be far above roundoff. */
    static double fitSlope(double[] hs, double[] errors) {
        int m = hs.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int r = 0; r < m; r++) {
            assertThat(errors[r]).as("error at h=%s must be well above roundoff", hs[r]).isGreaterThan(1e-11);
            double x = Math.log(hs[r]);
            double y = Math.log(errors[r]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (m * sxy - sx * sy) / (m * sxx - sx * sx);
    }

    private static double maxDiff(double[] x, double[] y) {
        double d = 0.0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    /** Prints the measured order when run with {@code -Dtableau.report=true}. */
    private static void report(ButcherTableau t, Problem p, String what, double slope) {
        if (Boolean.getBoolean("tableau.report")) {
            System.out.printf("ORDER %-10s %-8s %-8s %.3f%n", t.name(), p.name(), what, slope);
        }
    }
}
