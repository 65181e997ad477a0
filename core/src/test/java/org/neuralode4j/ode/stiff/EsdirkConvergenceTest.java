package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observed convergence orders of the ESDIRK tableaus with the fixed-step {@link ReferenceEsdirk}
 * (simplified Newton to round-off) on [0, 1], plus the cubic Hermite dense output.
 */
class EsdirkConvergenceTest {

    private static final double T = 1.0;

    static Stream<Arguments> cases() {
        // method, problem, propagate embedded?, claimed order, first N, number of N
        return Stream.of(
                Arguments.of(EsdirkTableau.KVAERNO3, TestProblem.smooth(), false, 3, 8, 6),
                Arguments.of(EsdirkTableau.KVAERNO3, TestProblem.smooth(), true, 2, 8, 6),
                Arguments.of(EsdirkTableau.KVAERNO3, TestProblem.stiffLinear(), false, 3, 32, 4),
                Arguments.of(EsdirkTableau.KVAERNO3, TestProblem.stiffLinear(), true, 2, 16, 5),
                Arguments.of(EsdirkTableau.KVAERNO5, TestProblem.smooth(), false, 5, 8, 5),
                Arguments.of(EsdirkTableau.KVAERNO5, TestProblem.smooth(), true, 4, 64, 3),
                Arguments.of(EsdirkTableau.KVAERNO5, TestProblem.stiffLinear(), false, 5, 16, 4));
    }

    @ParameterizedTest(name = "{0} on {1}, embedded={2}")
    @MethodSource("cases")
    void observedOrderMatchesTheClaim(EsdirkTableau t, TestProblem p, boolean embedded, int order, int first,
            int count) {
        double[] exact = p.exact(T);
        Convergence c = Convergence.study(t.name() + (embedded ? " embedded" : "") + ", " + p.name(), first, count,
                n -> Convergence.maxAbsDiff(new ReferenceEsdirk(t, p).integrate(T, n, embedded), exact));
        for (double o : c.orders) {
            assertThat(o).as(c.toString()).isCloseTo(order, within(0.2));
        }
    }

    static Stream<Arguments> embeddedStiff() {
        return Stream.of(Arguments.of(EsdirkTableau.KVAERNO5, 4, 32, 4, 1e-11));
    }

    /**
     * Kvaerno5's embedded solution on the stiff problem is pre-asymptotic while h|&lambda;| &gt; 1 for
     * &lambda; = -50 (observed 3.3, 2.85 for N = 8..32, then 3.6, 3.8, 3.9): required here are accuracy
     * and no collapse below claimed - 1 from N = 32 on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddedStiff")
    void embeddedSolutionOnTheStiffProblemDoesNotCollapse(EsdirkTableau t, int order, int first, int count,
            double bound) {
        TestProblem p = TestProblem.stiffLinear();
        double[] exact = p.exact(T);
        Convergence c = Convergence.study(t.name() + " embedded, " + p.name(), first, count,
                n -> Convergence.maxAbsDiff(new ReferenceEsdirk(t, p).integrate(T, n, true), exact));
        assertThat(c.minOrder()).as(c.toString()).isGreaterThanOrEqualTo(order - 1);
        assertThat(c.finestError()).isLessThan(bound);
    }

    static Stream<EsdirkTableau> methods() {
        return Stream.of(EsdirkTableau.KVAERNO3, EsdirkTableau.KVAERNO5);
    }

    /** Cubic Hermite on (y0, f0, y1, f1) of one step from the exact solution: local error O(h^4). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void hermiteDenseOutputHasLocalOrderFour(EsdirkTableau t) {
        TestProblem p = TestProblem.smooth();
        double t0 = 0.2;
        Convergence c = Convergence.study(t.name() + " cubic Hermite, one step from the exact solution", 8, 4, n -> {
            double h = 0.8 / n;
            double[] y0 = p.exact(t0);
            double[] y1 = new double[2];
            double[] y1hat = new double[2];
            new ReferenceEsdirk(t, p).step(t0, h, y0, y1, y1hat);
            double[] f0 = new double[2];
            double[] f1 = new double[2];
            p.f(t0, y0, f0);
            p.f(t0 + h, y1, f1);
            double[] out = new double[2];
            double worst = 0;
            for (double theta = 0.1; theta < 0.95; theta += 0.1) {
                CubicHermite.interpolate(theta, h, y0, f0, y1, f1, out);
                worst = Math.max(worst, Convergence.maxAbsDiff(out, p.exact(t0 + theta * h)));
            }
            return worst;
        });
        for (double o : c.orders) {
            assertThat(o).as(c.toString()).isCloseTo(t.denseOrder() + 1, within(0.2));
        }
    }
}
