package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Observed convergence orders of the Rosenbrock tableaus with the fixed-step
 * {@link ReferenceRosenbrock} on [0, 1]. Each case lists the step counts it uses (doubling from
 * {@code first}): large enough to be asymptotic, small enough to stay clear of round-off.
 */
class RosenbrockConvergenceTest {

    private static final double T = 1.0;

    static Stream<Arguments> smooth() {
        // method, propagate embedded?, claimed order, first N, number of N
        return Stream.of(
                Arguments.of(RosenbrockTableau.RODAS5P, false, 5, 16, 3),
                Arguments.of(RosenbrockTableau.RODAS5P, true, 4, 32, 4),
                Arguments.of(RosenbrockTableau.RODAS4, false, 4, 16, 5),
                Arguments.of(RosenbrockTableau.RODAS4, true, 3, 16, 5),
                Arguments.of(RosenbrockTableau.ROSENBROCK23, false, 2, 16, 5),
                Arguments.of(RosenbrockTableau.ROSENBROCK23, true, 3, 16, 5));
    }

    @ParameterizedTest(name = "{0} embedded={1}")
    @MethodSource("smooth")
    void observedOrderOnTheSmoothProblemMatchesTheClaim(RosenbrockTableau t, boolean embedded, int order, int first,
            int count) {
        TestProblem p = TestProblem.smooth();
        double[] exact = p.exact(T);
        Convergence c = Convergence.study(t.name() + (embedded ? " embedded" : "") + ", " + p.name(), first, count,
                n -> Convergence.maxAbsDiff(new ReferenceRosenbrock(t, p).integrate(T, n, embedded, null), exact));
        for (double o : c.orders) {
            assertThat(o).as(c.toString()).isCloseTo(order, within(0.2));
        }
    }

    static Stream<Arguments> stiff() {
        // method, embedded?, claimed order, first N, number of N, bound on the finest error
        return Stream.of(
                Arguments.of(RosenbrockTableau.RODAS5P, false, 5, 8, 4, 1e-12),
                Arguments.of(RosenbrockTableau.RODAS5P, true, 4, 8, 6, 1e-11),
                Arguments.of(RosenbrockTableau.RODAS4, false, 4, 8, 6, 1e-11),
                Arguments.of(RosenbrockTableau.RODAS4, true, 3, 8, 6, 1e-9),
                Arguments.of(RosenbrockTableau.ROSENBROCK23, false, 2, 8, 6, 1e-6),
                Arguments.of(RosenbrockTableau.ROSENBROCK23, true, 3, 8, 6, 1e-9));
    }

    /** On the stiff problem only accuracy and the absence of order collapse (below claimed - 1) are required. */
    @ParameterizedTest(name = "{0} embedded={1}")
    @MethodSource("stiff")
    void stiffLinearProblemIsAccurateWithoutOrderCollapse(RosenbrockTableau t, boolean embedded, int order,
            int first, int count, double bound) {
        TestProblem p = TestProblem.stiffLinear();
        double[] exact = p.exact(T);
        Convergence c = Convergence.study(t.name() + (embedded ? " embedded" : "") + ", " + p.name(), first, count,
                n -> Convergence.maxAbsDiff(new ReferenceRosenbrock(t, p).integrate(T, n, embedded, null), exact));
        assertThat(c.minOrder()).as(c.toString()).isGreaterThanOrEqualTo(order - 1);
        assertThat(c.finestError()).as(c.toString()).isLessThan(bound);
    }
}
