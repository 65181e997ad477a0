package org.neuralode4j.ode.tableau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The data class itself: validation, immutability, dense-output evaluation. */
class ButcherTableauTest {

    /** Heun's method with an Euler embedding and the linear dense output b(θ) = (θ - θ²/2, θ²/2). */
    private static ButcherTableau.Builder heun() {
        return ButcherTableau.builder("test-heun")
                .order(2)
                .c(0.0, 1.0)
                .a(new double[0], new double[] {1.0})
                .b(0.5, 0.5)
                .errorWeights(1, -0.5, 0.5)
                .denseOutput(2, new double[] {1.0, -0.5}, new double[] {0.0, 0.5});
    }

    @Test
    void buildsAndReportsItsData() {
        ButcherTableau t = heun().build();
        assertThat(t.name()).isEqualTo("test-heun");
        assertThat(t.order()).isEqualTo(2);
        assertThat(t.embeddedOrder()).isEqualTo(1);
        assertThat(t.stages()).isEqualTo(2);
        assertThat(t.c()).containsExactly(0.0, 1.0);
        assertThat(t.a()[0]).isEmpty();
        assertThat(t.a()[1]).containsExactly(1.0);
        assertThat(t.b()).containsExactly(0.5, 0.5);
        assertThat(t.errorWeights()).containsExactly(-0.5, 0.5);
        assertThat(t.secondaryErrorWeights()).isNull();
        assertThat(t.fsal()).isFalse();
        assertThat(t.hasDenseOutput()).isTrue();
        assertThat(t.denseOrder()).isEqualTo(2);
        assertThat(t.denseDegree()).isEqualTo(2);
        assertThat(t.c(1)).isEqualTo(1.0);
        assertThat(t.a(1, 0)).isEqualTo(1.0);
        assertThat(t.b(1)).isEqualTo(0.5);
        assertThat(t).hasToString("test-heun: 2 stages, order 2(1), dense order 2");
    }

    @Test
    void accessorsReturnDefensiveCopies() {
        ButcherTableau t = heun().build();
        t.c()[1] = 42;
        t.a()[1][0] = 42;
        t.b()[0] = 42;
        t.errorWeights()[0] = 42;
        t.denseCoefficients()[0][0] = 42;
        assertThat(t.c(1)).isEqualTo(1.0);
        assertThat(t.a(1, 0)).isEqualTo(1.0);
        assertThat(t.b(0)).isEqualTo(0.5);
        assertThat(t.errorWeights()[0]).isEqualTo(-0.5);
        assertThat(t.denseCoefficients()[0][0]).isEqualTo(1.0);
    }

    @Test
    void builderCopiesItsInputs() {
        double[] b = {0.5, 0.5};
        double[] row = {1.0};
        ButcherTableau t = heun().b(b).a(new double[0], row).build();
        b[0] = 42;
        row[0] = 42;
        assertThat(t.b(0)).isEqualTo(0.5);
        assertThat(t.a(1, 0)).isEqualTo(1.0);
    }

    @Test
    void acceptsSquareStrictlyLowerTriangularMatrix() {
        ButcherTableau t = heun().a(new double[] {0, 0}, new double[] {1, 0}).build();
        assertThat(t.a()[0]).isEmpty();
        assertThat(t.a()[1]).containsExactly(1.0);
    }

    @Test
    void evaluatesDenseWeightsByHorner() {
        ButcherTableau t = heun().build();
        double[] w = {Double.NaN, Double.NaN};
        t.denseWeights(0.4, w);
        assertThat(w[0]).isCloseTo(0.4 - 0.08, org.assertj.core.data.Offset.offset(1e-16));
        assertThat(w[1]).isCloseTo(0.08, org.assertj.core.data.Offset.offset(1e-16));
    }

    @Test
    void denseWeightsRejectWrongOutputLengthAndMissingDenseOutput() {
        assertThatThrownBy(() -> heun().build().denseWeights(0.5, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2, got 3");
        ButcherTableau noDense = ButcherTableau.builder("plain").order(1).c(0.0).a(new double[0]).b(1.0).build();
        assertThat(noDense.hasDenseOutput()).isFalse();
        assertThat(noDense.denseOrder()).isZero();
        assertThat(noDense.denseCoefficients()).isNull();
        assertThat(noDense.errorWeights()).isNull();
        assertThat(noDense.embeddedOrder()).isZero();
        assertThatThrownBy(() -> noDense.denseWeights(0.5, new double[1]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("plain has no dense output");
    }

    @Test
    void rejectsWrongLengths() {
        assertInvalid(heun().c(0.0, 0.5, 1.0), "a has 2 rows but c has 3 entries");
        assertInvalid(heun().b(1.0), "b has 1 entries but there are 2 stages");
        assertInvalid(heun().errorWeights(1, 1.0), "errorWeights has 1 entries");
        assertInvalid(heun().secondaryErrorWeights(1.0, 2.0, 3.0), "secondaryErrorWeights has 3 entries");
        assertInvalid(heun().denseOutput(2, new double[] {1.0, -0.5}), "dense output has 1 rows");
        assertInvalid(heun().denseOutput(2, new double[] {1.0, -0.5}, new double[] {0.5}),
                "row 1 must have 2 coefficients");
    }

    @Test
    void rejectsNonTriangularMatrix() {
        assertInvalid(heun().a(new double[] {0.5}, new double[] {1.0}), "a[0] has 1 entries; expected 0 (ragged) or 2");
        assertInvalid(heun().a(new double[] {0, 0}, new double[] {1, 0.5}),
                "a[1][1] = 0.5 but an explicit method needs a strictly lower triangular matrix");
        assertInvalid(heun().a(new double[] {0, 0.1}, new double[] {1, 0}), "a[0][1] = 0.1");
    }

    @Test
    void rejectsNonFiniteValues() {
        assertInvalid(heun().c(0.0, Double.NaN), "c[1] is not finite: NaN");
        assertInvalid(heun().a(new double[0], new double[] {Double.POSITIVE_INFINITY}), "a[1][0] is not finite");
        assertInvalid(heun().b(0.5, Double.NaN), "b[1] is not finite");
        assertInvalid(heun().errorWeights(1, Double.NaN, 0.5), "errorWeights[0] is not finite");
        assertInvalid(heun().denseOutput(2, new double[] {1.0, Double.NaN}, new double[] {0.0, 0.5}),
                "dense output row 0[1] is not finite");
    }

    @Test
    void rejectsBadOrdersAndMissingParts() {
        assertInvalid(heun().order(0), "order must be at least 1, got 0");
        assertInvalid(heun().errorWeights(0, -0.5, 0.5), "embeddedOrder must be at least 1, got 0");
        assertInvalid(heun().denseOutput(0, new double[] {1.0, -0.5}, new double[] {0.0, 0.5}),
                "denseOrder must be at least 1");
        assertInvalid(ButcherTableau.builder("x").order(1).c(0.0).b(1.0), "c, a and b must all be set");
        assertInvalid(ButcherTableau.builder("x").order(1).c(0.0).a(new double[0]).b(1.0).secondaryErrorWeights(1.0),
                "secondaryErrorWeights given without errorWeights");
        assertThatThrownBy(() -> ButcherTableau.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name must not be blank");
    }

    @Test
    void rejectsDenseOutputThatMissesBAtThetaOne() {
        assertInvalid(heun().denseOutput(2, new double[] {1.0, -0.4}, new double[] {0.0, 0.5}),
                "dense output b_0(1) = 0.6 differs from b[0] = 0.5");
    }

    @Test
    void checksTheFsalProperty() {
        ButcherTableau.Builder bs = ButcherTableau.builder("fsal-test").order(2)
                .c(0.0, 1.0, 1.0)
                .a(new double[0], new double[] {1.0}, new double[] {0.5, 0.5})
                .b(0.5, 0.5, 0.0)
                .fsal();
        assertThat(bs.build().fsal()).isTrue();
        assertThat(bs.build()).hasToString("fsal-test: 3 stages, order 2, FSAL");
        assertInvalid(bs.c(0.0, 1.0, 0.9), "FSAL requires c[2] = 1");
        assertInvalid(bs.c(0.0, 1.0, 1.0).a(new double[0], new double[] {1.0}, new double[] {0.4, 0.6}),
                "FSAL requires a[2][0] = b[0] = 0.5, got 0.4");
        assertInvalid(bs.a(new double[0], new double[] {1.0}, new double[] {0.5, 0.5}).b(0.5, 0.25, 0.25),
                "FSAL requires b[2] = 0");
    }

    @Test
    void rejectsNullArraysNamingThem() {
        assertThatThrownBy(() -> heun().c((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("c");
        assertThatThrownBy(() -> heun().b((double[]) null)).isInstanceOf(NullPointerException.class).hasMessage("b");
        assertThatThrownBy(() -> heun().a((double[][]) null)).isInstanceOf(NullPointerException.class).hasMessage("a");
        assertInvalid(heun().a(new double[0], null), "a[1] is null");
    }

    private static void assertInvalid(ButcherTableau.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tableau ").hasMessageContaining(message);
    }
}
