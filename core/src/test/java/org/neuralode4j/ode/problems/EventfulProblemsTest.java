package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/** The bouncing ball's impacts and the Lotka–Volterra first integral, through the registry. */
class EventfulProblemsTest {

    private static Solution solve(Problem p, double[] times, SolveOptions.Builder options) {
        Dynamics d = p.dynamics();
        return OdeSolver.solve(d.field(), Tensor.of(p.y0()), times,
                d.configure(options, times[0], times[times.length - 1]).build());
    }

    @Test
    void bouncingBallImpactsMatchTheReference() {
        Solution s = solve(Problems.byName("bouncing-ball"), new double[] {0, 11.5},
                SolveOptions.builder().rtol(1e-12).atol(1e-12));
        List<EventRecord> impacts = s.events();
        assertThat(impacts).hasSize(10);
        assertThat(impacts.get(0).time()).isCloseTo(Math.sqrt(2), within(1e-9));
        assertThat(impacts.get(0).time()).isCloseTo(1.4142136, within(1e-7));
        assertThat(impacts.get(9).time()).isCloseTo(11.209422, within(1e-6));
        EventRecord first = impacts.get(0);
        assertThat(first.stateAfter().get(1)).isCloseTo(-0.8 * first.state().get(1), within(1e-12));
    }

    @Test
    void bouncingBallComesToRestInsteadOfFallingThroughTheFloor() {
        double[] times = new double[81];
        for (int i = 0; i < times.length; i++) {
            times[i] = 0.25 * i; // [0, 20], past the accumulation point √2·9 ≈ 12.73
        }
        Solution s = solve(Problems.byName("bouncing-ball"), times, SolveOptions.builder().rtol(1e-6).atol(1e-9));
        double[] hv = s.states().toArray();
        for (int i = 0; i < times.length; i++) {
            assertThat(hv[2 * i]).as("h at %s", times[i]).isGreaterThan(0.2 - 1e-6);
        }
        assertThat(s.state(-1).toArray()).containsExactly(0.2, 0);
        List<EventRecord> impacts = s.events();
        double last = impacts.get(impacts.size() - 1).time();
        assertThat(last).isLessThan(Math.sqrt(2) * 9);
        assertThat(impacts.get(impacts.size() - 1).stateAfter().toArray()).containsExactly(0.2, 0);
    }

    @Test
    void lotkaVolterraKeepsItsFirstIntegral() {
        Problem lv = Problems.byName("lotka-volterra");
        double[] times = new double[201];
        for (int i = 0; i < times.length; i++) {
            times[i] = 0.05 * i;
        }
        Solution s = solve(lv, times, SolveOptions.builder().rtol(1e-10).atol(1e-12));
        double v0 = LotkaVolterra.invariant(1.5, 1, 3, 1, 1, 1);
        double[] xy = s.states().toArray();
        double worst = 0;
        for (int i = 0; i < times.length; i++) {
            worst = Math.max(worst, Math.abs(LotkaVolterra.invariant(1.5, 1, 3, 1, xy[2 * i], xy[2 * i + 1]) - v0));
        }
        assertThat(worst).isLessThan(1e-8);
        // and with other parameters, through the overrides
        Map<String, Double> p = Map.of("alpha", 0.7, "beta", 0.4, "gamma", 1.1, "delta", 0.3);
        Dynamics d = lv.dynamics(p);
        Solution o = OdeSolver.solve(d.field(), Tensor.of(2, 1), times, SolveOptions.builder().rtol(1e-10).atol(1e-12).build());
        double w0 = LotkaVolterra.invariant(0.7, 0.4, 1.1, 0.3, 2, 1);
        double[] end = o.state(-1).toArray();
        assertThat(LotkaVolterra.invariant(0.7, 0.4, 1.1, 0.3, end[0], end[1])).isCloseTo(w0, within(1e-8));
    }
}
