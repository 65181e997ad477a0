package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EsdirkTableauTest {

    static Stream<EsdirkTableau> methods() {
        return Stream.of(EsdirkTableau.KVAERNO3, EsdirkTableau.KVAERNO5);
    }

    @Test
    void rootedTreeCountsAndDensitiesAreRight() {
        List<RootedTree> trees = RootedTree.upToOrder(6);
        int[] counts = new int[7];
        for (RootedTree t : trees) {
            counts[t.order]++;
        }
        assertThat(counts).containsExactly(0, 1, 1, 2, 4, 9, 20); // OEIS A000081
        // the tall tree of order 5 has density 5! = 120, the bushy one 5
        assertThat(trees.stream().filter(t -> t.order == 5).mapToDouble(t -> t.density))
                .contains(120.0, 5.0, 10.0, 20.0, 30.0, 40.0, 60.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void orderConditionsHoldUpToTheClaimedOrdersAndFailAbove(EsdirkTableau t) {
        double[][] a = t.a();
        double worstAbove = 0;
        double worstAboveEmbedded = 0;
        for (RootedTree tree : RootedTree.upToOrder(t.order() + 1)) {
            double[] phi = tree.rkWeight(a);
            double r = RootedTree.residual(t.b(), phi, tree.density);
            double rh = RootedTree.residual(t.bHat(), phi, tree.density);
            if (tree.order <= t.order()) {
                assertThat(r).as("%s tree %s", t.name(), tree).isCloseTo(0.0, within(1e-15));
            } else {
                worstAbove = Math.max(worstAbove, Math.abs(r));
            }
            if (tree.order <= t.embeddedOrder()) {
                assertThat(rh).as("%s embedded tree %s", t.name(), tree).isCloseTo(0.0, within(1e-15));
            } else if (tree.order == t.embeddedOrder() + 1) {
                worstAboveEmbedded = Math.max(worstAboveEmbedded, Math.abs(rh));
            }
        }
        assertThat(worstAbove).isGreaterThan(1e-4);
        assertThat(worstAboveEmbedded).isGreaterThan(1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void isLStableAndStifflyAccurate(EsdirkTableau t) {
        double[][] a = t.a();
        assertThat(StabilityFunction.abs(a, t.b(), -1e9, 0)).isLessThan(1e-7);
        for (double y = 0; y <= 1e4; y = y < 1 ? y + 0.05 : y * 1.1) {
            assertThat(StabilityFunction.abs(a, t.b(), 0, y)).as("|R(%si)|", y).isLessThanOrEqualTo(1 + 1e-12);
        }
        for (double x = -0.1; x > -1e4; x *= 1.3) {
            for (double y = 0; y < 50; y += 1.7) {
                assertThat(StabilityFunction.abs(a, t.b(), x, y)).isLessThanOrEqualTo(1 + 1e-12);
            }
        }
        assertThat(t.isStifflyAccurate()).isTrue();
        assertThat(t.isFsal()).isTrue();
        // the embedded solution is the previous stage, itself stiffly accurate
        for (int j = 0; j < t.stages(); j++) {
            assertThat(t.bHat()[j]).isEqualTo(t.a(t.stages() - 2, j));
        }
    }

    @Test
    void kvaerno3UsesTheFullPrecisionRootForGamma() {
        double g = EsdirkTableau.KVAERNO3.gamma();
        assertThat(6 * g * g * g - 18 * g * g + 9 * g - 1).isCloseTo(0.0, within(1e-15));
        // diffrax / OrdinaryDiffEq.jl values, computed there from gamma rounded to 0.4358665215
        EsdirkTableau t = EsdirkTableau.KVAERNO3;
        assertThat(g).isCloseTo(0.4358665215, within(1e-10));
        assertThat(t.a(2, 0)).isCloseTo(0.490563388419108, within(1e-9));
        assertThat(t.a(2, 1)).isCloseTo(0.073570090080892, within(1e-9));
        assertThat(t.a(3, 0)).isCloseTo(0.308809969973036, within(1e-9));
        assertThat(t.a(3, 1)).isCloseTo(1.490563388254106, within(1e-9));
        assertThat(t.a(3, 2)).isCloseTo(-1.235239879727145, within(1e-9));
        double[] err = t.errorWeights(); // OrdinaryDiffEq's btilde = bhat - b
        assertThat(err).containsExactly(new double[] {-0.181753418446072, 1.416993298173214, -1.671106401227145,
            0.4358665215}, within(1e-9));
        assertThat(t.c()).containsExactly(new double[] {0, 2 * g, 1, 1}, within(1e-15));
    }

    @Test
    void kvaerno5StageTimesMatchThePublishedValues() {
        // diffrax kvaerno5.py lists c; our c are the row sums of A
        assertThat(EsdirkTableau.KVAERNO5.c()).containsExactly(new double[] {0, 0.52, 1.230333209967908,
            0.8957659843500759, 0.43639360985864756, 1.0, 1.0}, within(5e-16));
        double[] err = EsdirkTableau.KVAERNO5.errorWeights(); // OrdinaryDiffEq btilde = bhat - b
        assertThat(err).containsExactly(new double[] {-0.00195889053627933, 0, -0.01251571594786333,
            -0.06565284626324187, 0.01050265826535727, -0.19037520551797272, 0.26}, within(1e-16));
    }

    @Test
    void accessorsReturnCopiesAndBuilderValidates() {
        EsdirkTableau t = EsdirkTableau.KVAERNO5;
        t.a()[2][0] = 9;
        t.b()[0] = 9;
        t.bHat()[0] = 9;
        t.c()[1] = 9;
        assertThat(t.a(2, 0)).isEqualTo(0.13);
        assertThat(t.b(0)).isEqualTo(0.13659751177640291);
        assertThat(t.bHat()[0]).isEqualTo(0.13855640231268224);
        assertThat(t.c(1)).isEqualTo(0.52);
        assertThat(t.stages()).isEqualTo(7);
        assertThat(t.gamma()).isEqualTo(0.26);
        assertThat(t.denseOrder()).isEqualTo(3);

        assertThatThrownBy(() -> EsdirkTableau.of("bad", 1, 1, new double[][] {{0.1}, {0.5, 0.5}},
                new double[] {0.5, 0.5}, new double[] {1, 0})).hasMessageContaining("explicit");
        assertThatThrownBy(() -> EsdirkTableau.of("bad", 1, 1, new double[][] {{0}, {0.5, 0.5}, {0.2, 0.2, 0.6}},
                new double[] {0.2, 0.2, 0.6}, new double[] {0.5, 0.5, 0})).hasMessageContaining("gamma");
    }

    @Test
    void cubicHermiteIsExactForCubicsAndMatchesEndDerivatives() {
        // y(t) = 2 - t + 3t^2 - t^3 on [0.5, 0.5 + h]
        double t0 = 0.5;
        double h = 0.7;
        double[] y0 = {cubic(t0)};
        double[] y1 = {cubic(t0 + h)};
        double[] f0 = {dcubic(t0)};
        double[] f1 = {dcubic(t0 + h)};
        double[] out = new double[1];
        for (double theta = -0.5; theta <= 1.5; theta += 0.125) {
            CubicHermite.interpolate(theta, h, y0, f0, y1, f1, out);
            assertThat(out[0]).isCloseTo(cubic(t0 + theta * h), within(1e-13));
            CubicHermite.derivative(theta, h, y0, f0, y1, f1, out);
            assertThat(out[0]).isCloseTo(dcubic(t0 + theta * h), within(1e-13));
        }
    }

    private static double cubic(double t) {
        return 2 - t + 3 * t * t - t * t * t;
    }

    private static double dcubic(double t) {
        return -1 + 6 * t - 3 * t * t;
    }
}
