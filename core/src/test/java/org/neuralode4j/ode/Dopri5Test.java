package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** dopri5 (the default): FSAL, 6 evaluations per step, fourth-order dense output. */
class Dopri5Test extends AdaptiveMethodTestBase {
    @Override
    String method() {
        return "dopri5";
    }

    @Override
    double accuracyFactor(double rtol) {
        return 10;
    }

    @Override
    double agreementRtol() {
        return 1e-11;
    }

    @Override
    double agreementTolerance() {
        return 5e-10;
    }

    @Test
    void isTheDefaultAndCostsSixEvaluationsPerStep() {
        assertThat(SolveOptions.defaults().method().name()).isEqualTo("dopri5");
        Problems.Problem p = Problems.A3;
        Solution s = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10}, options(1e-6));
        Stats st = s.stats();
        assertThat(st.rejectedSteps()).isPositive();
        assertThat(st.functionEvaluations()).isEqualTo(2 + 6 * (st.acceptedSteps() + st.rejectedSteps()));
        Solution given = OdeSolver.solve(p.f(), p.z0(), new double[] {0, 10},
                options(1e-6).toBuilder().firstStep(0.01).build());
        assertThat(given.stats().functionEvaluations())
                .isEqualTo(1 + 6 * (given.stats().acceptedSteps() + given.stats().rejectedSteps()));
    }
}
