package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

class PendulumAndDutyStepTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-11).atol(1e-12).build();

    @Test
    void undampedPendulumConservesEnergyAndDampingDissipatesIt() {
        Dynamics free = Problems.byName("pendulum").dynamics(Map.of("damping", 0.0));
        Solution s = OdeSolver.solve(free.field(), Tensor.of(1.0, 0.0), new double[] {0, 5, 10, 20}, TIGHT);
        double e0 = energy(1.0, 0.0);
        for (int i = 0; i < 4; i++) {
            assertThat(energy(s.states().get(i, 0), s.states().get(i, 1))).isCloseTo(e0, within(1e-8));
        }
        Dynamics damped = Problems.byName("pendulum").dynamics(Map.of());
        Solution d = OdeSolver.solve(damped.field(), Tensor.of(1.0, 0.0), new double[] {0, 20}, TIGHT);
        assertThat(energy(d.states().get(1, 0), d.states().get(1, 1))).isLessThan(e0 - 1.0);
    }

    private static double energy(double theta, double omega) {
        return 0.5 * omega * omega - 9.81 * Math.cos(theta);
    }

    @Test
    void buckDutyStepEqualsTwoSolvesJoinedAtTheStep() {
        Problem buck = Problems.byName("buck");
        Dynamics stepped = buck.dynamics(Map.of("d_step", 0.3, "t_step", 1e-3));
        SolveOptions o = stepped.configure(SolveOptions.builder().rtol(1e-11).atol(1e-12), 0, 2e-3).build();
        Solution whole = OdeSolver.solve(stepped.field(), Tensor.of(0.0, 0.0), new double[] {0, 2e-3}, o);
        Solution first = OdeSolver.solve(buck.dynamics(Map.of()).field(), Tensor.of(0.0, 0.0), new double[] {0, 1e-3}, TIGHT);
        Solution second = OdeSolver.solve(buck.dynamics(Map.of("d", 0.3)).field(), first.states().select(0, 1),
                new double[] {1e-3, 2e-3}, TIGHT);
        assertThat(whole.states().get(1, 0)).isCloseTo(second.states().get(1, 0), within(1e-8));
        assertThat(whole.states().get(1, 1)).isCloseTo(second.states().get(1, 1), within(1e-8));
        assertThatThrownBy(() -> buck.dynamics(Map.of("d_step", 1.5))).hasMessageContaining("d_step");
    }

    @Test
    void switchedBuckDutyStepEqualsTwoSolvesJoinedAtTheStep() {
        Problem buck = Problems.byName("buck-switched");
        double tStep = 1.0037e-3; // inside a switching period, off the edges
        Dynamics stepped = buck.dynamics(Map.of("d_step", 0.3, "t_step", tStep));
        SolveOptions o = stepped.configure(SolveOptions.builder().rtol(1e-11).atol(1e-12), 0, 2e-3).build();
        Solution whole = OdeSolver.solve(stepped.field(), Tensor.of(0.0, 0.0), new double[] {0, 2e-3}, o);
        Dynamics d1 = buck.dynamics(Map.of());
        Solution first = OdeSolver.solve(d1.field(), Tensor.of(0.0, 0.0), new double[] {0, tStep},
                d1.configure(SolveOptions.builder().rtol(1e-11).atol(1e-12), 0, tStep).build());
        Dynamics d2 = buck.dynamics(Map.of("d", 0.3));
        Solution second = OdeSolver.solve(d2.field(), first.states().select(0, 1), new double[] {tStep, 2e-3},
                d2.configure(SolveOptions.builder().rtol(1e-11).atol(1e-12), tStep, 2e-3).build());
        assertThat(whole.states().get(1, 0)).isCloseTo(second.states().get(1, 0), within(1e-8));
        assertThat(whole.states().get(1, 1)).isCloseTo(second.states().get(1, 1), within(1e-8));
        double[] edges = stepped.jumpTimes(0.99e-3, 1.02e-3);
        assertThat(edges).contains(tStep).isSorted().doesNotHaveDuplicates();
        assertThat(stepped.inputs(0.5e-3)).containsExactly(0.5);
        assertThat(stepped.inputs(tStep)).containsExactly(0.3);
        assertThatThrownBy(() -> buck.dynamics(Map.of("d_step", 1.5))).hasMessageContaining("d_step");
    }

    @Test
    void theConvertersExposeTheirDutyCycleAsAnInputSignal() {
        Dynamics stepped = Problems.byName("buck").dynamics(Map.of("d_step", 0.3, "t_step", 1e-3));
        assertThat(stepped.inputNames()).containsExactly("d");
        assertThat(stepped.inputs(0.5e-3)).containsExactly(0.5);
        assertThat(stepped.inputs(1e-3)).as("just after the step at the step time").containsExactly(0.3);
        assertThat(stepped.inputs(2e-3)).containsExactly(0.3);
        assertThat(Problems.byName("buck").dynamics(Map.of("d", 0.4)).inputs(1)).containsExactly(0.4);
        assertThat(Problems.byName("buck-switched").dynamics(Map.of("d", 0.25)).inputs(1e-6)).containsExactly(0.25);
        assertThat(Problems.byName("boost").dynamics(Map.of()).inputs(0)).containsExactly(0.5);
        Dynamics pendulum = Problems.byName("pendulum").dynamics(Map.of());
        assertThat(pendulum.inputNames()).isEmpty();
        assertThatThrownBy(() -> pendulum.inputs(0)).isInstanceOf(IllegalStateException.class);
        // events and jumps keep the inputs
        assertThat(stepped.withEvents().inputNames()).containsExactly("d");
    }
}
