package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.ExplicitTableaus;
import org.neuralode4j.tensor.Tensor;

/**
 * The dense output's order on its own: one step of size h from the exact state, interpolated at
 * θ = 0.3, 0.5, 0.7; the local error is O(h^(q+1)) with q = min(interpolant order, method order)
 * (the Hermite fallback cannot beat the step it interpolates). Observed slope within ±0.2, fitted
 * over five step sizes in ratio 0.8 on the nonlinear non-autonomous rotation of
 * {@link FixedStepOrderTest}, started at t0 = 0.5.
 */
class DenseOutputOrderTest {
    private static final double T0 = 0.5;

    static List<String> methods() {
        return ExplicitTableaus.names();
    }

    /** Interpolant order as the engine uses it: the tableau's, DOP853's 7, or cubic Hermite's 3. */
    static int interpolantOrder(ButcherTableau t) {
        if (t.hasDenseOutput()) {
            return t.denseOrder();
        }
        return t.name().equals("dopri8") ? 7 : 3;
    }

    static double maxInterpolationError(String method, double h) {
        double[] times = {T0, T0 + 0.3 * h, T0 + 0.5 * h, T0 + 0.7 * h, T0 + h};
        SolveOptions o = SolveOptions.builder().method(method).stepSize(h).build();
        Solution s = OdeSolver.solve(FixedStepOrderTest.FIELD, Tensor.of(new double[][] {FixedStepOrderTest.exact(T0)}),
                times, o);
        assertThat(s.stats().acceptedSteps()).isEqualTo(1);
        double worst = 0;
        for (int i = 1; i <= 3; i++) {
            double[] y = s.state(i).toArray();
            double[] e = FixedStepOrderTest.exact(times[i]);
            worst = Math.max(worst, Math.max(Math.abs(y[0] - e[0]), Math.abs(y[1] - e[1])));
        }
        return worst;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void localErrorOfTheInterpolantHasTheExpectedOrder(String method) {
        ButcherTableau t = ExplicitTableaus.byName(method);
        int expected = Math.min(interpolantOrder(t), t.order()) + 1;
        double h0 = expected >= 8 ? 0.3 : expected >= 5 ? 0.05 : 0.02;
        StringBuilder log = new StringBuilder();
        double mx = 0;
        double my = 0;
        double[][] points = new double[5][];
        for (int i = 0; i < 5; i++) {
            double h = h0 * Math.pow(0.8, i);
            double err = maxInterpolationError(method, h);
            log.append(String.format(Locale.ROOT, " h=%.4f err=%.3e", h, err));
            assertThat(err).as("%s: error above rounding%s", method, log).isGreaterThan(1e-12);
            points[i] = new double[] {Math.log(h), Math.log(err)};
            mx += points[i][0] / 5;
            my += points[i][1] / 5;
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        assertThat(sxy / sxx).as("%s dense-output local order (expected %d):%s", method, expected, log)
                .isCloseTo(expected, within(0.2));
    }
}
