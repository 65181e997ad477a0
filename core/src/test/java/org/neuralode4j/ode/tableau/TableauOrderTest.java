package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Row sums and the algebraic order conditions of every registered tableau. */
class TableauOrderTest {

    /** Scaled residual below which a condition counts as satisfied (see {@link OrderConditions}). */
    static final double SATISFIED = 1e-13;
    /**
     * Scaled residual above which a condition counts as clearly violated, five orders of magnitude
     * above {@link #SATISFIED}. The smallest violation that must be seen is DOP853's fifth-order
     * embedded solution on the trees of order 6, about 1.5e-6; the others are 1e-5 or more.
     */
    static final double VIOLATED = 1e-8;

    static Stream<ButcherTableau> tableaus() {
        return ExplicitTableaus.names().stream().map(ExplicitTableaus::byName);
    }

    static Stream<ButcherTableau> embeddedTableaus() {
        return tableaus().filter(ButcherTableau::hasErrorEstimate);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableaus")
    void rowSumsEqualNodes(ButcherTableau t) {
        double[][] a = t.a();
        double[] c = t.c();
        for (int i = 0; i < t.stages(); i++) {
            double sum = 0.0;
            for (double aij : a[i]) {
                sum += aij;
            }
            assertThat(sum).as("%s row %d", t.name(), i).isCloseTo(c[i], within(1e-14));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableaus")
    void satisfiesEveryConditionUpToItsOrder(ButcherTableau t) {
        for (int n = 1; n <= t.order(); n++) {
            assertThat(OrderConditions.worstResidual(t, t.b(), n)).as("%s, trees of order %d", t.name(), n)
                    .isLessThan(SATISFIED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableaus")
    void failsAConditionOfOrderPlusOne(ButcherTableau t) {
        assertThat(OrderConditions.worstResidual(t, t.b(), t.order() + 1)).as("%s, trees of order %d", t.name(),
                t.order() + 1).isGreaterThan(VIOLATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddedTableaus")
    void embeddedSolutionHasExactlyItsOrder(ButcherTableau t) {
        double[] bHat = OrderConditions.embeddedWeights(t);
        for (int n = 1; n <= t.embeddedOrder(); n++) {
            assertThat(OrderConditions.worstResidual(t, bHat, n)).as("%s embedded, trees of order %d", t.name(), n)
                    .isLessThan(SATISFIED);
        }
        assertThat(OrderConditions.worstResidual(t, bHat, t.embeddedOrder() + 1))
                .as("%s embedded, trees of order %d", t.name(), t.embeddedOrder() + 1).isGreaterThan(VIOLATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddedTableaus")
    void errorWeightsSumToZero(ButcherTableau t) {
        double sum = 0.0;
        for (double e : t.errorWeights()) {
            sum += e;
        }
        assertThat(Math.abs(sum)).isLessThan(1e-15);
    }

    /** DOP853's second estimator b - b̂3 uses a third-order solution b̂3 (Hairer's BHH weights). */
    @Test
    void dop853SecondaryEstimatorIsThirdOrder() {
        ButcherTableau t = Dopri8.TABLEAU;
        double[] b3 = OrderConditions.minus(t.b(), t.secondaryErrorWeights());
        for (int n = 1; n <= 3; n++) {
            assertThat(OrderConditions.worstResidual(t, b3, n)).as("order %d", n).isLessThan(SATISFIED);
        }
        assertThat(OrderConditions.worstResidual(t, b3, 4)).isGreaterThan(VIOLATED);
    }
}
