package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.hipparchus.ode.nonstiff.ButcherArrayProvider;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EulerIntegrator;
import org.hipparchus.ode.nonstiff.MidpointIntegrator;
import org.hipparchus.ode.nonstiff.ThreeEighthesIntegrator;
import org.junit.jupiter.api.Test;

/**
 * Our coefficients against Hipparchus 4.0.3's independent transcriptions, through its
 * {@link ButcherArrayProvider} (which omits the first node c0 = 0 and the empty first row of a).
 */
class HipparchusCrossCheckTest {

    /**
     * Allowed difference in units of the last place. Hipparchus computes DP853's coefficients that
     * involve √6 in double arithmetic; 16 of its 89 entries in the first 12 stages are 1 or 2 ulps
     * from the correctly rounded 30-digit values of dop853.f used here. Everything else is equal.
     */
    private static final double ULPS = 2;

    @Test
    void euler() {
        assertSameStages(Euler.TABLEAU, new EulerIntegrator(0.1), 1);
        assertEqualArrays("b", Euler.TABLEAU.b(), new EulerIntegrator(0.1).getB());
    }

    @Test
    void midpoint() {
        assertSameStages(Midpoint.TABLEAU, new MidpointIntegrator(0.1), 2);
        assertEqualArrays("b", Midpoint.TABLEAU.b(), new MidpointIntegrator(0.1).getB());
    }

    @Test
    void classicalRk4() {
        assertSameStages(Rk4.TABLEAU, new ClassicalRungeKuttaIntegrator(0.1), 4);
        assertEqualArrays("b", Rk4.TABLEAU.b(), new ClassicalRungeKuttaIntegrator(0.1).getB());
    }

    @Test
    void threeEighthsRule() {
        assertSameStages(Rk38.TABLEAU, new ThreeEighthesIntegrator(0.1), 4);
        assertEqualArrays("b", Rk38.TABLEAU.b(), new ThreeEighthesIntegrator(0.1).getB());
    }

    @Test
    void dormandPrince54() throws ReflectiveOperationException {
        DormandPrince54Integrator hip = new DormandPrince54Integrator(1e-6, 1.0, 1e-8, 1e-8);
        assertThat(hip.getC()).hasSize(6);
        assertSameStages(Dopri5.TABLEAU, hip, 7);
        assertEqualArrays("b", Dopri5.TABLEAU.b(), hip.getB());
        assertEqualArrays("e", Dopri5.TABLEAU.errorWeights(), errorWeights(DormandPrince54Integrator.class, "E", 7));
    }

    /**
     * Hipparchus's DP853 has 16 stages: our 12, then the FSAL evaluation at (t0 + h, y1), whose row
     * is b, then three stages used only for dense output.
     */
    @Test
    void dormandPrince853() throws ReflectiveOperationException {
        DormandPrince853Integrator hip = new DormandPrince853Integrator(1e-6, 1.0, 1e-8, 1e-8);
        assertThat(hip.getC()).hasSize(15);
        ButcherTableau t = Dopri8.TABLEAU;
        assertSameStages(t, hip, 12);
        assertThat(hip.getC()[11]).isEqualTo(1.0);
        assertEqualArrays("a[12] (FSAL row)", t.b(), hip.getA()[11]);
        double[] hipB = hip.getB();
        assertThat(hipB).hasSize(16);
        assertEqualArrays("b", t.b(), java.util.Arrays.copyOf(hipB, 12));
        for (int i = 12; i < 16; i++) {
            assertThat(hipB[i]).isZero();
        }
        assertEqualArrays("e5", t.errorWeights(), errorWeights(DormandPrince853Integrator.class, "E1_", 12));
        assertEqualArrays("e3", t.secondaryErrorWeights(), errorWeights(DormandPrince853Integrator.class, "E2_", 12));
    }

    /** Compares the first {@code stages} nodes and rows of a. */
    private static void assertSameStages(ButcherTableau t, ButcherArrayProvider hip, int stages) {
        double[] c = t.c();
        double[][] a = t.a();
        double[] hipC = hip.getC();
        double[][] hipA = hip.getA();
        assertThat(c[0]).isZero();
        for (int i = 1; i < stages; i++) {
            assertEqualArrays(t.name() + " c[" + i + "]", new double[] {c[i]}, new double[] {hipC[i - 1]});
            assertEqualArrays(t.name() + " a[" + i + "]", a[i], hipA[i - 1]);
        }
    }

    private static void assertEqualArrays(String what, double[] ours, double[] theirs) {
        assertThat(ours).as(what).hasSameSizeAs(theirs);
        for (int i = 0; i < ours.length; i++) {
            double tol = ULPS * Math.ulp(Math.max(Math.abs(ours[i]), Math.abs(theirs[i])));
            assertThat(Math.abs(ours[i] - theirs[i])).as("%s[%d]: ours %s, Hipparchus %s", what, i, ours[i], theirs[i])
                    .isLessThanOrEqualTo(tol);
        }
    }

    /**
     * Reads Hipparchus's package-private error coefficients (fields {@code prefix + k}, k = 1 … n,
     * two-digit k for DP853); absent fields are zero weights.
     */
    private static double[] errorWeights(Class<?> type, String prefix, int n) throws ReflectiveOperationException {
        double[] e = new double[n];
        int found = 0;
        for (int k = 1; k <= n; k++) {
            String name = prefix.endsWith("_") ? String.format("%s%02d", prefix, k) : prefix + k;
            Field f;
            try {
                f = type.getDeclaredField(name);
            } catch (NoSuchFieldException absent) {
                continue;
            }
            f.setAccessible(true);
            e[k - 1] = f.getDouble(null);
            found++;
        }
        assertThat(found).as("error coefficients found in %s", type.getSimpleName()).isGreaterThanOrEqualTo(6);
        return e;
    }
}
