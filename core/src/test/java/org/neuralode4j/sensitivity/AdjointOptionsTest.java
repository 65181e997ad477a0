package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.IController;
import org.neuralode4j.ode.PIController;
import org.neuralode4j.ode.SolveOptions;

/** The backward solve's settings derived from the forward ones, and the automatic backward method. */
class AdjointOptionsTest {
    private static final SolveOptions DOPRI5 = SolveOptions.builder().method("dopri5").build();

    @Test
    void anExplicitBackwardMethodWins() {
        assertThat(AdjointOptions.backwardMethod("tsit5", DOPRI5, 1, 9)).isEqualTo("tsit5");
    }

    @Test
    void bosh3OnlyWhenEachForwardStepSpansAtLeastTwoOutputIntervals() {
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 2, 9)).isEqualTo("bosh3");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 4, 9)).isEqualTo("bosh3");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 5, 9)).isEqualTo("dopri5");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 8, 9)).isEqualTo("dopri5");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 30, 9)).isEqualTo("dopri5");
    }

    @Test
    void lowOrderFixedStepAndStiffForwardMethodsAreKept() {
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("heun-euler").build(), 1, 9))
                .isEqualTo("heun-euler");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("rk4").stepSize(0.1).build(), 1, 9))
                .isEqualTo("rk4");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("rodas5p").build(), 1, 9))
                .isEqualTo("rodas5p");
    }

    @Test
    void theBackwardControllerIsTheForwardOneUnlessSet() {
        SolveOptions forward = DOPRI5.toBuilder().controller(IController.standard()).build();
        assertThat(AdjointOptions.defaults().backwardOptions(forward).controller()).isSameAs(IController.standard());
        PIController pi = PIController.hairer();
        assertThat(AdjointOptions.builder().controller(pi).build().backwardOptions(forward).controller()).isSameAs(pi);
        assertThatThrownBy(() -> AdjointOptions.builder().controller(null)).isInstanceOf(NullPointerException.class);
    }
}
