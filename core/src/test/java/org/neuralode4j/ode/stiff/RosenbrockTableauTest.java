package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RosenbrockTableauTest {

    /**
     * Per-method tolerance for the order conditions and the c/d consistency checks. The published
     * coefficients carry ~16 digits; the larger C entries of Rodas5P (up to ~165) cost about two of
     * them in the back-transformation (observed worst residual 1.7e-14).
     */
    static Stream<Object[]> methods() {
        return Stream.of(
                new Object[] {RosenbrockTableau.RODAS5P, 1e-13},
                new Object[] {RosenbrockTableau.RODAS4, 1e-14},
                new Object[] {RosenbrockTableau.ROSENBROCK23, 1e-15});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void stageTimesAndTimeDerivativeWeightsMatchTheStandardForm(RosenbrockTableau t, double tol) {
        RosenbrockStandardForm sf = new RosenbrockStandardForm(t);
        for (int i = 0; i < t.stages(); i++) {
            assertThat(sf.gam[i][i]).isCloseTo(t.gamma(), within(1e-15));
            assertThat(sf.alphaSum(i)).as("c_%d = alpha_%d", i + 1, i + 1).isCloseTo(t.c(i), within(tol));
            assertThat(sf.gammaSum(i)).as("d_%d = gamma_%d", i + 1, i + 1).isCloseTo(t.d(i), within(tol));
            for (int j = i; j < t.stages(); j++) {
                assertThat(sf.alpha[i][j]).isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void hairerWannerTable71ConditionsHold(RosenbrockTableau t, double tol) {
        RosenbrockStandardForm sf = new RosenbrockStandardForm(t);
        double[] residuals = hwResiduals(sf, sf.b);
        int count = conditionsUpTo(Math.min(t.order(), 4));
        for (int k = 0; k < count; k++) {
            assertThat(residuals[k]).as("%s condition %d", t.name(), k + 1).isCloseTo(0.0, within(tol));
        }
        double[] embedded = hwResiduals(sf, sf.bHat);
        for (int k = 0; k < conditionsUpTo(Math.min(t.embeddedOrder(), 4)); k++) {
            assertThat(embedded[k]).as("%s embedded condition %d", t.name(), k + 1).isCloseTo(0.0, within(tol));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void treeOrderConditionsHoldUpToTheClaimedOrderAndFailAbove(RosenbrockTableau t, double tol) {
        RosenbrockStandardForm sf = new RosenbrockStandardForm(t);
        int top = Math.max(t.order(), t.embeddedOrder()) + 1;
        List<RootedTree> trees = RootedTree.upToOrder(top);
        double worstAbove = 0;
        double worstAboveEmbedded = 0;
        for (RootedTree tree : trees) {
            double[] phi = tree.rosenbrockWeight(sf.alpha, sf.gam);
            double r = RootedTree.residual(sf.b, phi, tree.density);
            double rh = RootedTree.residual(sf.bHat, phi, tree.density);
            if (tree.order <= t.order()) {
                assertThat(r).as("%s tree %s", t.name(), tree).isCloseTo(0.0, within(tol));
            } else if (tree.order == t.order() + 1) {
                worstAbove = Math.max(worstAbove, Math.abs(r));
            }
            if (tree.order <= t.embeddedOrder()) {
                assertThat(rh).as("%s embedded tree %s", t.name(), tree).isCloseTo(0.0, within(tol));
            } else if (tree.order == t.embeddedOrder() + 1) {
                worstAboveEmbedded = Math.max(worstAboveEmbedded, Math.abs(rh));
            }
        }
        assertThat(worstAbove).as("some order-%d condition must fail", t.order() + 1).isGreaterThan(1e-4);
        assertThat(worstAboveEmbedded).as("embedded order is not higher than claimed").isGreaterThan(1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void isLStable(RosenbrockTableau t, double tol) {
        RosenbrockStandardForm sf = new RosenbrockStandardForm(t);
        double[][] beta = new double[sf.s][sf.s];
        for (int i = 0; i < sf.s; i++) {
            for (int j = 0; j <= i; j++) {
                beta[i][j] = sf.alpha[i][j] + sf.gam[i][j];
            }
        }
        assertThat(StabilityFunction.abs(beta, sf.b, -1e9, 0)).isLessThan(1e-6);
        for (double y = 0; y <= 1e4; y = y < 1 ? y + 0.05 : y * 1.1) {
            assertThat(StabilityFunction.abs(beta, sf.b, 0, y)).as("|R(%si)|", y).isLessThanOrEqualTo(1 + 1e-12);
        }
        for (double x = -0.1; x > -1e4; x *= 1.3) {
            for (double y = 0; y < 50; y += 1.7) {
                assertThat(StabilityFunction.abs(beta, sf.b, x, y)).isLessThanOrEqualTo(1 + 1e-12);
            }
        }
    }

    @Test
    void rosenbrock23RecoversTheOde23sCoefficients() {
        double d = 1 / (2 + Math.sqrt(2));
        double e32 = 6 + Math.sqrt(2);
        RosenbrockStandardForm sf = new RosenbrockStandardForm(RosenbrockTableau.ROSENBROCK23);
        double[][] alpha = {{0, 0, 0}, {0.5, 0, 0}, {0, 1, 0}};
        double[][] gam = {{d, 0, 0}, {-d, d, 0}, {d * (e32 - 2), -e32 * d, d}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(sf.alpha[i][j]).isCloseTo(alpha[i][j], within(1e-15));
                assertThat(sf.gam[i][j]).isCloseTo(gam[i][j], within(1e-14));
            }
        }
        assertThat(sf.b).containsExactly(new double[] {0, 1, 0}, within(1e-15));
        assertThat(sf.bHat).containsExactly(new double[] {1 / 6.0, 2 / 3.0, 1 / 6.0}, within(1e-14));
        assertThat(RosenbrockTableau.ROSENBROCK23.isFsal()).isTrue();
        assertThat(RosenbrockTableau.RODAS4.isFsal()).isFalse();
        assertThat(RosenbrockTableau.RODAS5P.isFsal()).isFalse();
    }

    @Test
    void rosenbrock23StepMatchesShampineReichelt() {
        // One step of ode23s written directly from SR97 Sect. 4.1 (slopes k_i, W = I - h d J),
        // against the transformed tableau driven by the reference integrator.
        TestProblem p = TestProblem.smooth();
        double d = 1 / (2 + Math.sqrt(2));
        double e32 = 6 + Math.sqrt(2);
        double t0 = 0.3;
        double h = 0.17;
        double[] y0 = p.exact(t0);
        int n = 2;
        double[] jac = new double[4];
        p.jacobian(t0, y0, jac);
        double[] w = {1 - h * d * jac[0], -h * d * jac[1], -h * d * jac[2], 1 - h * d * jac[3]};
        DenseLu lu = new DenseLu(n);
        lu.factor(w);
        double[] tt = new double[n];
        p.dfdt(t0, y0, tt);
        double[] f0 = new double[n];
        p.f(t0, y0, f0);
        double[] k1 = new double[n];
        for (int i = 0; i < n; i++) {
            k1[i] = f0[i] + h * d * tt[i];
        }
        lu.solveInPlace(k1);
        double[] arg = {y0[0] + 0.5 * h * k1[0], y0[1] + 0.5 * h * k1[1]};
        double[] f1 = new double[n];
        p.f(t0 + 0.5 * h, arg, f1);
        double[] k2 = {f1[0] - k1[0], f1[1] - k1[1]};
        lu.solveInPlace(k2);
        k2[0] += k1[0];
        k2[1] += k1[1];
        double[] y1 = {y0[0] + h * k2[0], y0[1] + h * k2[1]};
        double[] f2 = new double[n];
        p.f(t0 + h, y1, f2);
        double[] k3 = new double[n];
        for (int i = 0; i < n; i++) {
            k3[i] = f2[i] - e32 * (k2[i] - f1[i]) - 2 * (k1[i] - f0[i]) + h * d * tt[i];
        }
        lu.solveInPlace(k3);
        double[] err = new double[n];
        for (int i = 0; i < n; i++) {
            // SR97 estimate y1hat - y1; the tableau's convention is err = y1 - y1hat
            err[i] = -h / 6 * (k1[i] - 2 * k2[i] + k3[i]);
        }

        ReferenceRosenbrock ref = new ReferenceRosenbrock(RosenbrockTableau.ROSENBROCK23, p);
        double[] y1Ref = new double[n];
        double[] errRef = ref.step(t0, h, y0, y1Ref);
        assertThat(y1Ref).containsExactly(y1, within(1e-14));
        assertThat(errRef).containsExactly(err, within(1e-14));
        double[] out = new double[n];
        for (double theta : new double[] {0.1, 0.5, 0.9}) {
            RosenbrockTableau.ROSENBROCK23.interpolate(theta, y0, y1Ref, ref.denseVectors(), out);
            for (int i = 0; i < n; i++) {
                double expected = y0[i] + h * (theta * (1 - theta) / (1 - 2 * d) * k1[i]
                        + theta * (theta - 2 * d) / (1 - 2 * d) * k2[i]);
                assertThat(out[i]).isCloseTo(expected, within(1e-14));
            }
        }
    }

    @Test
    void denseOutputInterpolatesTheEndpointsAndItsDerivativeMatchesDifferences() {
        TestProblem p = TestProblem.smooth();
        for (RosenbrockTableau t : List.of(RosenbrockTableau.RODAS5P, RosenbrockTableau.RODAS4,
                RosenbrockTableau.ROSENBROCK23)) {
            ReferenceRosenbrock ref = new ReferenceRosenbrock(t, p);
            double h = 0.1;
            double[] y0 = p.exact(0.0);
            double[] y1 = new double[2];
            ref.step(0.0, h, y0, y1);
            double[][] z = ref.denseVectors();
            double[] a = new double[2];
            double[] b = new double[2];
            t.interpolate(0.0, y0, y1, z, a);
            assertThat(a).containsExactly(y0, within(1e-15));
            t.interpolate(1.0, y0, y1, z, a);
            assertThat(a).containsExactly(y1, within(1e-15));
            double[] der = new double[2];
            double eps = 1e-6;
            for (double theta : new double[] {0.0, 0.3, 0.8, 1.0}) {
                t.interpolate(theta + eps, y0, y1, z, a);
                t.interpolate(theta - eps, y0, y1, z, b);
                t.interpolateDerivative(theta, h, y0, y1, z, der);
                for (int i = 0; i < 2; i++) {
                    assertThat(der[i]).isCloseTo((a[i] - b[i]) / (2 * eps * h), within(1e-7));
                }
            }
        }
    }

    @Test
    void accessorsReturnCopies() {
        RosenbrockTableau t = RosenbrockTableau.RODAS4;
        t.a()[1][0] = 99;
        t.cMatrix()[1][0] = 99;
        t.c()[1] = 99;
        t.d()[1] = 99;
        t.m()[0] = 99;
        t.errorWeights()[5] = 99;
        t.denseMatrix()[0][0] = 99;
        assertThat(t.a(1, 0)).isEqualTo(1.544);
        assertThat(t.cMatrix(1, 0)).isEqualTo(-5.6688);
        assertThat(t.c(1)).isEqualTo(0.386);
        assertThat(t.d(1)).isEqualTo(-0.1043);
        assertThat(t.m(0)).isEqualTo(1.221224509226641);
        assertThat(t.errorWeight(5)).isEqualTo(1.0);
        assertThat(t.denseMatrix(0, 0)).isEqualTo(10.12623508344586);
        assertThat(t.embeddedWeights()[5]).isZero();
        assertThat(t.stages()).isEqualTo(6);
        assertThat(RosenbrockTableau.RODAS5P.stages()).isEqualTo(8);
        assertThat(RosenbrockTableau.RODAS5P.denseRows()).isEqualTo(3);
        assertThat(RosenbrockTableau.ROSENBROCK23.denseRows()).isEqualTo(1);
    }

    @Test
    void rejectsMalformedTableaus() {
        double[][] a = {{}, {1.0}};
        assertThatThrownBy(() -> RosenbrockTableau.of("bad", 1, 1, 1, 0.5, a, new double[][] {{}, {0.0, 1.0}},
                new double[] {0, 1}, new double[] {0.5, 0}, new double[] {1, 0}, new double[] {0, 1},
                new double[0][])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C");
        assertThatThrownBy(() -> RosenbrockTableau.of("bad", 1, 1, 1, 0.5, a, new double[][] {{}, {0.0}},
                new double[] {0, 1, 2}, new double[] {0.5, 0}, new double[] {1, 0}, new double[] {0, 1},
                new double[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RosenbrockTableau.of("bad", 1, 1, 1, -0.5, a, new double[][] {{}, {0.0}},
                new double[] {0, 1}, new double[] {0.5, 0}, new double[] {1, 0}, new double[] {0, 1},
                new double[0][])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma");
    }

    // ---- Hairer & Wanner, Table IV.7.1, orders 1..4 (8 conditions) ------------------------------

    static int conditionsUpTo(int order) {
        return new int[] {0, 1, 2, 4, 8}[order];
    }

    /** Residuals of HW Table IV.7.1 with beta_ij = alpha_ij + gamma_ij (j < i) and beta'_i = sum_j beta_ij. */
    static double[] hwResiduals(RosenbrockStandardForm f, double[] b) {
        int s = f.s;
        double g = f.gamma;
        double[] al = new double[s];
        double[] bp = new double[s];
        for (int i = 0; i < s; i++) {
            al[i] = f.alphaSum(i);
            bp[i] = f.betaPrime(i);
        }
        double[] r = new double[8];
        for (int j = 0; j < s; j++) {
            r[0] += b[j];
            r[1] += b[j] * bp[j];
            r[2] += b[j] * al[j] * al[j];
            r[4] += b[j] * al[j] * al[j] * al[j];
            for (int k = 0; k < s; k++) {
                r[3] += b[j] * f.beta(j, k) * bp[k];
                r[5] += b[j] * al[j] * f.alpha[j][k] * bp[k];
                r[6] += b[j] * f.beta(j, k) * al[k] * al[k];
                for (int l = 0; l < s; l++) {
                    r[7] += b[j] * f.beta(j, k) * f.beta(k, l) * bp[l];
                }
            }
        }
        r[0] -= 1;
        r[1] -= 0.5 - g;
        r[2] -= 1.0 / 3;
        r[3] -= 1.0 / 6 - g + g * g;
        r[4] -= 0.25;
        r[5] -= 1.0 / 8 - g / 3;
        r[6] -= 1.0 / 12 - g / 3;
        r[7] -= 1.0 / 24 - g / 2 + 1.5 * g * g - g * g * g;
        return r;
    }
}
