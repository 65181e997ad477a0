package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class OutputHookTest {
    private static final VectorField DECAY = (t, z) -> z.neg();

    @Test
    void impulsesAtInteriorOutputsChangeTheStateAndTheIntegrationContinues() {
        List<Integer> seen = new ArrayList<>();
        SolveOptions o = SolveOptions.builder().rtol(1e-10).atol(1e-12).outputHook((i, t, z) -> {
            seen.add(i);
            return z.add(1.0);
        }).build();
        Solution s = OdeSolver.solve(DECAY, Tensor.of(1.0), new double[] {0, 1, 2, 3}, o);
        double e = Math.exp(-1);
        double y1 = e;
        double y2 = (y1 + 1) * e;
        double y3 = (y2 + 1) * e;
        assertThat(seen).containsExactly(1, 2);
        assertThat(s.states().get(1, 0)).isCloseTo(y1, within(1e-9));
        assertThat(s.states().get(2, 0)).isCloseTo(y2, within(1e-9));
        assertThat(s.states().get(3, 0)).isCloseTo(y3, within(1e-9));
    }

    @Test
    void worksBackwardsInTimeAndWithFixedSteps() {
        SolveOptions o = SolveOptions.builder().method("rk4").stepSize(0.01)
                .outputHook((i, t, z) -> z.mul(2.0)).build();
        Solution s = OdeSolver.solve(DECAY, Tensor.of(1.0), new double[] {2, 1, 0}, o);
        assertThat(s.states().get(1, 0)).isCloseTo(Math.exp(1), within(1e-8));
        assertThat(s.states().get(2, 0)).isCloseTo(2 * Math.exp(2), within(1e-7));
    }

    @Test
    void aHookReturningNullChangesNothingAndAWrongShapeIsRefused() {
        SolveOptions keep = SolveOptions.builder().rtol(1e-10).atol(1e-12).outputHook((i, t, z) -> null).build();
        Solution s = OdeSolver.solve(DECAY, Tensor.of(1.0), new double[] {0, 0.5, 1}, keep);
        assertThat(s.states().get(2, 0)).isCloseTo(Math.exp(-1), within(1e-9));
        SolveOptions bad = SolveOptions.builder().outputHook((i, t, z) -> Tensor.zeros(2)).build();
        assertThatThrownBy(() -> OdeSolver.solve(DECAY, Tensor.of(1.0), new double[] {0, 0.5, 1}, bad))
                .hasMessageContaining("output hook").hasMessageContaining("[2]").hasMessageContaining("[1]");
    }
}
