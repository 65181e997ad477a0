package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The continuous extensions: consistency with b and the continuous order conditions. */
class DenseOutputTest {

    private static final double[] THETAS = {0.1, 0.25, 0.37, 0.5, 0.63, 0.8, 0.95, 1.0};

    static Stream<ButcherTableau> denseTableaus() {
        return TableauOrderTest.tableaus().filter(ButcherTableau::hasDenseOutput);
    }

    @Test
    void theExpectedMethodsHaveDenseOutput() {
        assertThat(denseTableaus().map(ButcherTableau::name)).containsExactly("rk4", "bosh3", "dopri5", "dopri5-shampine", "tsit5");
        assertThat(ExplicitTableaus.byName("dopri5").denseOrder()).isEqualTo(4);
        assertThat(ExplicitTableaus.byName("tsit5").denseOrder()).isEqualTo(4);
        assertThat(ExplicitTableaus.byName("bosh3").denseOrder()).isEqualTo(3);
        assertThat(ExplicitTableaus.byName("rk4").denseOrder()).isEqualTo(3);
        assertThat(ExplicitTableaus.byName("dopri8").hasDenseOutput()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denseTableaus")
    void weightsAtThetaOneAreB(ButcherTableau t) {
        double[] w = new double[t.stages()];
        t.denseWeights(1.0, w);
        double[] b = t.b();
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).as("%s b_%d(1)", t.name(), i).isCloseTo(b[i], within(1e-14 * Math.max(1, Math.abs(b[i]))));
        }
        t.denseWeights(0.0, w);
        assertThat(w).containsOnly(0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denseTableaus")
    void satisfiesContinuousOrderConditions(ButcherTableau t) {
        for (double theta : THETAS) {
            for (int n = 1; n <= t.denseOrder(); n++) {
                assertThat(OrderConditions.worstContinuousResidual(t, theta, n))
                        .as("%s θ=%s trees of order %d", t.name(), theta, n).isLessThan(TableauOrderTest.SATISFIED);
            }
        }
    }

    /** Inside the step the extension is not of higher order than claimed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("denseTableaus")
    void failsContinuousConditionOfOrderPlusOneInsideTheStep(ButcherTableau t) {
        assertThat(OrderConditions.worstContinuousResidual(t, 0.37, t.denseOrder() + 1))
                .isGreaterThan(TableauOrderTest.VIOLATED);
    }

    /** The stored polynomials equal Hairer's contd5 form, evaluated from Shampine's d_i directly. */
    @Test
    void dopri5MatchesContd5() {
        ButcherTableau t = Dopri5.TABLEAU;
        double[] b = t.b();
        double[] d = {-12715105075.0 / 11282082432.0, 0.0, 87487479700.0 / 32700410799.0,
            -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0, -1453857185.0 / 822651844.0,
            69997945.0 / 29380423.0};
        double[] w = new double[7];
        for (double theta : THETAS) {
            t.denseWeights(theta, w);
            double theta1 = 1.0 - theta;
            for (int i = 0; i < 7; i++) {
                double first = i == 0 ? 1.0 : 0.0;
                double last = i == 6 ? 1.0 : 0.0;
                // rcont2 = Δ, rcont3 = h k1 - Δ, rcont4 = Δ - h k7 - rcont3, rcont5 = h Σ d k (per unit h k_i)
                double r2 = b[i];
                double r3 = first - r2;
                double r4 = r2 - last - r3;
                double r5 = d[i];
                double expected = theta * (r2 + theta1 * (r3 + theta * (r4 + theta1 * r5)));
                assertThat(w[i]).as("θ=%s stage %d", theta, i).isCloseTo(expected, within(1e-15));
            }
        }
    }

    /** The stored expansion equals Tsitouras' factored b_i(θ) as printed in the paper. */
    @Test
    void tsit5MatchesFactoredPolynomialsOfThePaper() {
        double[] w = new double[7];
        for (double th : THETAS) {
            Tsit5.TABLEAU.denseWeights(th, w);
            double t2 = th * th;
            double[] expected = {
                -1.0530884977290216 * th * (th - 1.3299890189751412) * (t2 - 1.4364028541716351 * th + 0.7139816917074209),
                0.1017 * t2 * (t2 - 2.1966568338249754 * th + 1.2949852507374631),
                2.490627285651252793 * t2 * (t2 - 2.38535645472061657 * th + 1.57803468208092486),
                -16.54810288924490272 * (th - 1.21712927295533244) * (th - 0.61620406037800089) * t2,
                47.37952196281928122 * (th - 1.203071208372362603) * (th - 0.658047292653547382) * t2,
                -34.87065786149660974 * (th - 1.2) * (th - 2.0 / 3.0) * t2,
                2.5 * (th - 1) * (th - 0.6) * t2};
            for (int i = 0; i < 7; i++) {
                assertThat(w[i]).as("θ=%s stage %d", th, i).isCloseTo(expected[i], within(2e-14));
            }
        }
    }

    /** Bosh3's extension is the cubic Hermite interpolant through (y0, k1) and (y1, k4). */
    @Test
    void bosh3IsCubicHermite() {
        ButcherTableau t = Bosh3.TABLEAU;
        double[] b = t.b();
        double[] w = new double[4];
        for (double th : THETAS) {
            t.denseWeights(th, w);
            double h01 = 3 * th * th - 2 * th * th * th;
            double h10 = th - 2 * th * th + th * th * th;
            double h11 = th * th * th - th * th;
            double[] expected = {h01 * b[0] + h10, h01 * b[1], h01 * b[2], h01 * b[3] + h11};
            for (int i = 0; i < 4; i++) {
                assertThat(w[i]).as("θ=%s stage %d", th, i).isCloseTo(expected[i], within(1e-15));
            }
        }
    }
}
