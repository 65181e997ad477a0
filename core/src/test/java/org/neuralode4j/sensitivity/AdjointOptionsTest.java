package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.IController;
import org.neuralode4j.ode.PIController;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.CashKarp;
import org.neuralode4j.ode.tableau.Dopri5;

/** The backward solve's settings derived from the forward ones, and the automatic backward method. */
class AdjointOptionsTest {
    private static final SolveOptions DOPRI5 = SolveOptions.builder().method("dopri5").build();

    @Test
    void anExplicitBackwardMethodWins() {
        assertThat(AdjointOptions.backwardMethod("tsit5", DOPRI5, 1, 9, 1e-7)).isEqualTo("tsit5");
    }

    @Test
    void bosh3OnlyWhereOutputsAreDenseForTheTolerance() {
        // the measured cases of the rule's javadoc: dopri5 forward, damped rotation plus an MLP term
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 21, 1000, 1e-6)).isEqualTo("bosh3");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 48, 200, 1e-8)).isEqualTo("cashkarp");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 21, 50, 1e-6)).isEqualTo("cashkarp");
        // 20.8 intervals per forward step at 1e-8: bosh3 would need about 1.5 steps per interval,
        // 5.5 evaluations against Cash-Karp's 6, inside the margin (the threshold is 21.0)
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 48, 1000, 1e-8)).isEqualTo("cashkarp");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 40, 1000, 1e-8)).isEqualTo("bosh3");
        // the spiral recipe (9 intervals, rtol 1e-7): never, not even on the initial weights (2 steps)
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 2, 9, 1e-7)).isEqualTo("cashkarp");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 1, 15, 1e-7)).isEqualTo("cashkarp");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 1, 16, 1e-7)).isEqualTo("bosh3");
        // the threshold grows as the tolerance tightens; rtol 0 never
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 1, 12, 1e-6)).isEqualTo("bosh3");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 1, 12, 1e-9)).isEqualTo("cashkarp");
        assertThat(AdjointOptions.backwardMethod(null, DOPRI5, 1, 1_000_000, 0)).isEqualTo("cashkarp");
    }

    @Test
    void cashKarpReplacesEveryFifthOrderFsalPair() {
        for (String fsal : new String[] {"dopri5", "dopri5-shampine", "tsit5"}) {
            SolveOptions forward = SolveOptions.builder().method(fsal).build();
            assertThat(AdjointOptions.backwardMethod(null, forward, 100, 2, 1e-6)).as(fsal).isEqualTo("cashkarp");
        }
        // a user-built fifth-order pair: replaced when FSAL, kept otherwise
        ButcherTableau fsalPair = AutomaticBackwardPairTest.copy("my-dopri5", Dopri5.TABLEAU);
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method(fsalPair).build(), 100, 2, 1e-6))
                .isEqualTo("cashkarp");
        ButcherTableau plainPair = AutomaticBackwardPairTest.copy("my-cash-karp", CashKarp.TABLEAU);
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method(plainPair).build(), 100, 2, 1e-6))
                .isEqualTo("my-cash-karp");
        // FSAL, but third order: kept
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("bosh3").build(), 100, 2, 1e-6))
                .isEqualTo("bosh3");
    }

    @Test
    void lowOrderHighOrderFixedStepAndStiffForwardMethodsAreKept() {
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("heun-euler").build(), 1, 900, 1e-6))
                .isEqualTo("heun-euler");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("rk4").stepSize(0.1).build(), 1, 900,
                1e-6)).isEqualTo("rk4");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("dopri5").stepSize(0.1).build(), 1,
                9, 1e-6)).isEqualTo("dopri5");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("rodas5p").build(), 1, 900, 1e-6))
                .isEqualTo("rodas5p");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("dopri8").build(), 1, 900, 1e-6))
                .isEqualTo("dopri8");
        assertThat(AdjointOptions.backwardMethod(null, SolveOptions.builder().method("tsit5").build(), 1, 900, 1e-6))
                .isEqualTo("bosh3");
    }

    @Test
    void theFirstBackwardStepIsTheForwardAverageUnlessSet() {
        SolveOptions backward = AdjointOptions.defaults().backwardOptions(DOPRI5);
        assertThat(AdjointOptions.firstStep(backward, 2.0, 8)).isEqualTo(0.25);
        assertThat(AdjointOptions.firstStep(backward, 2.0, 0)).isNaN();
        SolveOptions capped = AdjointOptions.defaults().backwardOptions(DOPRI5.toBuilder().maxStep(0.1).build());
        assertThat(AdjointOptions.firstStep(capped, 2.0, 8)).isEqualTo(0.1);
        SolveOptions userFirst = AdjointOptions.defaults().backwardOptions(DOPRI5.toBuilder().firstStep(0.01).build());
        assertThat(AdjointOptions.firstStep(userFirst, 2.0, 8)).isNaN();
        SolveOptions fixed = AdjointOptions.defaults().backwardOptions(
                SolveOptions.builder().method("rk4").stepSize(0.1).build());
        assertThat(AdjointOptions.firstStep(fixed, 2.0, 20)).isNaN();
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
