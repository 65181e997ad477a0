package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.tableau.ExplicitTableaus;
import org.neuralode4j.tensor.Tensor;

/** Options are immutable, validated, and refused with a message saying what to change. */
class SolveOptionsTest {
    private static final VectorField DECAY = (t, z) -> z.neg();

    @Test
    void defaults() {
        SolveOptions o = SolveOptions.defaults();
        assertThat(o.method().name()).isEqualTo("dopri5");
        assertThat(o.rtol()).isEqualTo(1e-7);
        assertThat(o.atol()).isEqualTo(1e-9);
        assertThat(o.firstStep()).isEmpty();
        assertThat(o.stepSize()).isEmpty();
        assertThat(o.minStep()).isZero();
        assertThat(o.maxStep()).isInfinite();
        assertThat(o.maxSteps()).isEqualTo(100_000);
        assertThat(o.norm()).isSameAs(ErrorNorm.RMS);
        assertThat(o.controller()).isSameAs(PIController.hairer());
        assertThat(o.dense()).isFalse();
        assertThat(o.perSample()).isFalse();
        assertThat(o.events()).isEmpty();
        assertThat(o.eventSubdivisions()).isEqualTo(10);
    }

    @Test
    void toBuilderKeepsEverythingAndArraysAreCopied() {
        double[] atol = {1e-8, 1e-14, 1e-8};
        double[] steps = {3, 1, 2};
        Event e = Event.of((t, z) -> z.get(0));
        SolveOptions o = SolveOptions.builder().method("tsit5").rtol(1e-8).atol(atol).firstStep(0.01).minStep(1e-9)
                .maxStep(0.5).maxSteps(500).stepTimes(steps).jumpTimes(4).norm(ErrorNorm.MAX)
                .controller(IController.standard()).dense(true).perSample(true).events(e).eventTolerance(1e-9)
                .eventSubdivisions(3).build();
        atol[1] = 99;
        steps[0] = 99;
        SolveOptions copy = o.toBuilder().build();
        for (SolveOptions x : new SolveOptions[] {o, copy}) {
            assertThat(x.method().name()).isEqualTo("tsit5");
            assertThat(x.rtol()).isEqualTo(1e-8);
            assertThat(x.atol()).isNaN();
            assertThat(x.atolPerComponent()).containsExactly(1e-8, 1e-14, 1e-8);
            assertThat(x.firstStep()).hasValue(0.01);
            assertThat(x.minStep()).isEqualTo(1e-9);
            assertThat(x.maxStep()).isEqualTo(0.5);
            assertThat(x.maxSteps()).isEqualTo(500);
            assertThat(x.stepTimes()).containsExactly(1, 2, 3);
            assertThat(x.jumpTimes()).containsExactly(4);
            assertThat(x.norm()).isSameAs(ErrorNorm.MAX);
            assertThat(x.controller()).isSameAs(IController.standard());
            assertThat(x.dense()).isTrue();
            assertThat(x.perSample()).isTrue();
            assertThat(x.events()).containsExactly(e);
            assertThat(x.eventTolerance()).isEqualTo(1e-9);
            assertThat(x.eventSubdivisions()).isEqualTo(3);
        }
        o.atolPerComponent()[0] = 5;
        assertThat(o.atolPerComponent()[0]).isEqualTo(1e-8);
        SolveOptions changed = o.toBuilder().rtol(1e-3).atol(1e-4).clearEvents().adaptive().build();
        assertThat(changed.rtol()).isEqualTo(1e-3);
        assertThat(changed.atol()).isEqualTo(1e-4);
        assertThat(changed.events()).isEmpty();
        assertThat(o.rtol()).isEqualTo(1e-8);
    }

    @Test
    void invalidTolerancesSayWhatToChange() {
        assertThatThrownBy(() -> SolveOptions.builder().rtol(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rtol = -1.0").hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SolveOptions.builder().rtol(Double.NaN)).hasMessageContaining("rtol = NaN");
        assertThatThrownBy(() -> SolveOptions.builder().rtol(1e-18)).hasMessageContaining("rtol >= 1.0E-15");
        assertThatThrownBy(() -> SolveOptions.builder().atol(-1e-9)).hasMessageContaining("atol = -1.0E-9")
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> SolveOptions.builder().atol(1e-9, -1)).hasMessageContaining("atol[1] = -1.0");
        assertThatThrownBy(() -> SolveOptions.builder().rtol(0).atol(0).build())
                .hasMessageContaining("rtol and atol are both 0").hasMessageContaining("set rtol > 0 or atol > 0");
    }

    @Test
    void invalidStepSettingsSayWhatToChange() {
        assertThatThrownBy(() -> SolveOptions.builder().firstStep(-0.1)).hasMessageContaining("firstStep = -0.1")
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> SolveOptions.builder().stepSize(0)).hasMessageContaining("stepSize = 0.0");
        assertThatThrownBy(() -> SolveOptions.builder().maxStep(0)).hasMessageContaining("maxStep = 0.0");
        assertThatThrownBy(() -> SolveOptions.builder().minStep(-1)).hasMessageContaining("minStep = -1.0");
        assertThatThrownBy(() -> SolveOptions.builder().maxSteps(0)).hasMessageContaining("maxSteps = 0");
        assertThatThrownBy(() -> SolveOptions.builder().minStep(1).maxStep(0.5).build())
                .hasMessageContaining("minStep = 1.0 exceeds maxStep = 0.5");
        assertThatThrownBy(() -> SolveOptions.builder().firstStep(1).maxStep(0.5).build())
                .hasMessageContaining("firstStep = 1.0 exceeds maxStep = 0.5");
        assertThatThrownBy(() -> SolveOptions.builder().stepTimes(1, Double.NaN)).hasMessageContaining("stepTimes[1]");
        assertThatThrownBy(() -> SolveOptions.builder().eventTolerance(0)).hasMessageContaining("eventTolerance");
        assertThatThrownBy(() -> SolveOptions.builder().eventSubdivisions(0)).hasMessageContaining("at least 1");
    }

    @Test
    void methodsAreCheckedByName() {
        assertThatThrownBy(() -> SolveOptions.builder().method("rk45")).hasMessageContaining("rk45")
                .hasMessageContaining("dopri5");
        assertThatThrownBy(() -> SolveOptions.builder().method("rk4").build())
                .hasMessageContaining("method rk4 is fixed-step").hasMessageContaining("give it a step size")
                .hasMessageContaining("heun-euler, bosh3, cashkarp, dopri5, dopri5-shampine, tsit5, dopri8");
        assertThat(SolveOptions.builder().method("rk4").stepSize(0.1).build().method())
                .isSameAs(ExplicitTableaus.byName("rk4"));
    }

    @Test
    void invalidTimesSayWhatToChange() {
        Tensor z0 = Tensor.of(1.0);
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, z0, new double[] {0, 1, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly increasing or strictly decreasing")
                .hasMessageContaining("times[1] = 1.0 and times[2] = 1.0").hasMessageContaining("remove duplicates");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, z0, new double[] {0, 2, 1}))
                .hasMessageContaining("times[1] = 2.0 and times[2] = 1.0");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, z0, new double[0])).hasMessageContaining("times is empty");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, z0, new double[] {0, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("times[1] = Infinity is not finite");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, z0, Tensor.zeros(2, 2), SolveOptions.defaults()))
                .hasMessageContaining("1-d tensor");
    }

    @Test
    void wrongShapesSayWhatToChange() {
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, Tensor.of(1, 2), new double[] {0, 1},
                SolveOptions.builder().atol(1e-9, 1e-9, 1e-9).build()))
                .hasMessageContaining("atol has 3 components but the state has 2 elements");
        assertThatThrownBy(() -> OdeSolver.solve((t, z) -> z.sum(), Tensor.of(1, 2), new double[] {0, 1}))
                .hasMessageContaining("returned shape []").hasMessageContaining("state of shape [2]");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, Tensor.of(1, 2), new double[] {0, 1},
                SolveOptions.builder().perSample(true).build())).hasMessageContaining("[B, ...]");
        assertThatThrownBy(() -> OdeSolver.solvePerSample(DECAY, Tensor.zeros(3, 2), new double[][] {{0, 1}},
                SolveOptions.defaults())).hasMessageContaining("3 rows but 1 time arrays");
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, Tensor.zeros(0), new double[] {0, 1}))
                .hasMessageContaining("no elements");
    }
}
