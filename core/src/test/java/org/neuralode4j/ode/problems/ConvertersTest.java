package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/**
 * The converters against REFERENCE.md and against exact solutions: with a constant input the
 * circuit is linear, x' = A x + b, so x(t + τ) = x* + e^{Aτ}(x − x*) with x* = (u/R, u) and, for
 * A's eigenvalues α ± iω, e^{Aτ} = e^{ατ}[cos(ωτ) I + sin(ωτ)/ω (A − αI)].
 */
class ConvertersTest {
    private static final double VIN = 12;
    private static final double L = 100e-6;
    private static final double C = 100e-6;
    private static final double R = 5;

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }

    /** Exact propagation of the buck circuit over τ with constant source voltage u. */
    private static double[] propagate(double[] x, double u, double tau) {
        double a11 = 0;
        double a12 = -1 / L;
        double a21 = 1 / C;
        double a22 = -1 / (R * C);
        double alpha = (a11 + a22) / 2;
        double omega = Math.sqrt((a11 * a22 - a12 * a21) - alpha * alpha);
        double e = Math.exp(alpha * tau);
        double c = Math.cos(omega * tau);
        double s = Math.sin(omega * tau) / omega;
        double di = x[0] - u / R;
        double dv = x[1] - u;
        return new double[] {
            u / R + e * ((c + s * (a11 - alpha)) * di + s * a12 * dv),
            u + e * (s * a21 * di + (c + s * (a22 - alpha)) * dv)
        };
    }

    private static Solution solve(String name, Map<String, Double> params, double[] times, double rtol) {
        Problem p = Problems.byName(name);
        Dynamics d = p.dynamics(params);
        SolveOptions o = d.configure(SolveOptions.builder().method("dopri5").rtol(rtol).atol(1e-14),
                times[0], times[times.length - 1]).build();
        return OdeSolver.solve(d.field(), Tensor.of(p.y0()), times, o);
    }

    @Test
    void averagedBuckMatchesTheReferenceAt1And2Milliseconds() {
        Solution s = solve("buck", Map.of(), new double[] {0, 1e-3, 2e-3}, 1e-12);
        double[] at1 = s.state(1).toArray();
        double[] at2 = s.state(2).toArray();
        assertThat(relative(at1[0], 0.49214777)).isLessThan(1e-7);
        assertThat(relative(at1[1], 8.02111008)).isLessThan(1e-7);
        assertThat(relative(at2[0], 1.81304529)).isLessThan(1e-7);
        assertThat(relative(at2[1], 5.52530386)).isLessThan(1e-7);
        // and against the matrix exponential, to the solver's accuracy
        double[] exact = propagate(new double[] {0, 0}, 0.5 * VIN, 1e-3);
        assertThat(relative(at1[0], exact[0])).isLessThan(1e-10);
        assertThat(relative(at1[1], exact[1])).isLessThan(1e-10);
    }

    @Test
    void averagedBuckSettlesAtItsSteadyState() {
        Solution s = solve("buck", Map.of("d", 0.4), new double[] {0, 0.03}, 1e-10);
        assertThat(s.state(1).toArray()).containsExactly(new double[] {0.4 * VIN / R, 0.4 * VIN},
                within(1e-9));
    }

    @Test
    void switchedBuckMatchesTheExactPiecewiseSolution() {
        double d = 0.3;
        double fs = 100e3;
        double period = 1 / fs;
        double[] x = {0, 0};
        int periods = 100; // 1 ms
        for (int k = 0; k < periods; k++) {
            x = propagate(x, VIN, d * period);
            x = propagate(x, 0, (1 - d) * period);
        }
        Solution s = solve("buck-switched", Map.of("d", d), new double[] {0, 0.5e-3, 1e-3}, 1e-10);
        double[] end = s.state(2).toArray();
        assertThat(relative(end[0], x[0])).isLessThan(1e-8);
        assertThat(relative(end[1], x[1])).isLessThan(1e-8);
        // the solver landed on all 199 interior switching instants: at least 200 accepted steps
        assertThat(s.stats().acceptedSteps()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void switchedBuckRipplesAroundTheAveragedModel() {
        double[] times = new double[11];
        for (int i = 0; i <= 10; i++) {
            times[i] = i * 0.5e-3; // period boundaries
        }
        double[] averaged = solve("buck", Map.of(), times, 1e-10).states().toArray();
        double[] switched = solve("buck-switched", Map.of(), times, 1e-10).states().toArray();
        // at the start of a period the inductor current is at the bottom of its ripple
        // ΔiL = Vin d (1 − d)/(L fs) = 0.3 A, so in steady state it sits ΔiL/2 below the average
        double halfRipple = VIN * 0.25 / (L * 100e3) / 2;
        for (int i = 0; i < times.length; i++) {
            assertThat(Math.abs(switched[2 * i + 1] - averaged[2 * i + 1])).as("vC at %s", times[i]).isLessThan(0.1);
            if (times[i] >= 3e-3) {
                assertThat(switched[2 * i] - averaged[2 * i]).as("iL at %s", times[i])
                        .isCloseTo(-halfRipple, within(0.01));
                assertThat(Math.abs(switched[2 * i + 1] - averaged[2 * i + 1])).as("vC at %s", times[i]).isLessThan(0.01);
            }
        }
    }

    @Test
    void boostSettlesAtVinOverOneMinusD() {
        Solution s = solve("boost", Map.of(), new double[] {0, 0.03}, 1e-10);
        assertThat(s.state(1).toArray()).containsExactly(new double[] {VIN / (0.5 * 0.5 * R), VIN / 0.5},
                within(1e-8));
    }
}
