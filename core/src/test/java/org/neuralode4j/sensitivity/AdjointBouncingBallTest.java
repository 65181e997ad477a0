package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventAction;
import org.neuralode4j.ode.EventFunction;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * REFERENCE.md's bouncing ball (h' = v, v' = −g, g = 9.8, h(0) = 10, v(0) = 0, impact at h = r = 0.2,
 * then v ← −0.8v) differentiated by every gradient method: the first impact at t₁ = √2 with
 * dt₁/dh(0) = 1/(g√2) = 0.0721538 and dt₁/dg = −t₁/(2g) = −0.0721538; the second, after the jump, at
 * 2.6·t₁ with 2.6 times those derivatives; and the velocity at a terminal impact,
 * v(t₁) = −√(v(0)² + 2g(h(0) − r)), with dv/dh(0) = dv/dg = −√½ and dv/dv(0) = 0 at these values.
 */
class AdjointBouncingBallTest {
    private static final double R = 0.2;
    private static final double G = 9.8;
    private static final double T1 = Math.sqrt(2);

    private static GradientSolution bounce(Gradient method, Tensor z0, Tensor gravity, boolean terminalFirst,
                                           double[] times) {
        return bounce(method, z0, gravity, terminalFirst, Tensor.of(times));
    }

    private static GradientSolution bounce(Gradient method, Tensor z0, Tensor gravity, boolean terminalFirst,
                                           Tensor times) {
        VectorField f = FallingBody.field(gravity);
        EventFunction floor = EventFunction.differentiable((t, z) -> z.select(0, 0).sub(R));
        Event impact = Event.of(floor).withDirection(Event.Direction.FALLING).withTerminal(terminalFirst)
                .withHandler((t, z) -> EventAction.resetState(z.mul(Tensor.of(1.0, -0.8))));
        SolveOptions options = SolveOptions.builder().rtol(1e-10).atol(1e-12).events(impact).build();
        return Odeint.solve(f, z0, times, options, method, AdjointOptions.defaults());
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void firstImpactTimeHasTheReferenceGradients(Gradient method) {
        Tensor z0 = Tensor.of(10.0, 0.0).requiresGrad(true);
        Tensor gravity = Tensor.of(G).requiresGrad(true);
        GradientSolution sol = bounce(method, z0, gravity, true, new double[] {0, 4.0});
        assertThat(sol.terminatedByEvent()).isTrue();
        EventRecord first = sol.events().get(0);
        assertThat(first.terminal()).isTrue();
        assertThat(first.time()).isCloseTo(T1, within(1e-9));
        first.timeTensor().backward();
        assertThat(z0.grad().get(0)).isCloseTo(1 / (G * T1), within(1e-9));
        assertThat(z0.grad().get(1)).isCloseTo(1 / G, within(1e-9)); // dt₁/dv(0) = −t₁/v(t₁) = 1/g
        assertThat(gravity.grad().item()).isCloseTo(-T1 / (2 * G), within(1e-9));
        assertThat(1 / (G * T1)).isCloseTo(0.0721538, within(1e-7));
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void secondImpactAfterTheJumpHas2point6TimesTheFirstsGradients(Gradient method) {
        Tensor z0 = Tensor.of(10.0, 0.0).requiresGrad(true);
        Tensor gravity = Tensor.of(G).requiresGrad(true);
        GradientSolution sol = bounce(method, z0, gravity, false, new double[] {0, 4.0});
        List<EventRecord> events = sol.events();
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sol.terminatedByEvent()).isFalse();
        EventRecord second = events.get(1);
        assertThat(second.time()).isCloseTo(2.6 * T1, within(1e-8));
        second.timeTensor().backward();
        assertThat(z0.grad().get(0)).isCloseTo(2.6 / (G * T1), within(1e-8));
        assertThat(gravity.grad().item()).isCloseTo(-2.6 * T1 / (2 * G), within(1e-8));
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void theFinalStateOfATerminalImpactCarriesItsGradient(Gradient method) {
        Tensor z0 = Tensor.of(10.0, 0.0).requiresGrad(true);
        Tensor gravity = Tensor.of(G).requiresGrad(true);
        GradientSolution sol = bounce(method, z0, gravity, true, new double[] {0, 0.5, 1.0, 2.0, 3.0});
        // the output times after the impact are dropped, as by OdeSolver
        assertThat(sol.times()).containsExactly(0, 0.5, 1.0);
        assertThat(sol.states().shape()).containsExactly(3, 2);
        Tensor last = sol.events().get(sol.events().size() - 1).state();
        assertThat(last.get(0)).isCloseTo(R, within(1e-9));
        // L = h(t*) + 2 v(t*): h(t*) = r whatever the inputs, v(t*) = −√(2g(h0 − r))
        last.select(0, 0).add(last.select(0, 1).mul(2)).backward();
        double dv = -Math.sqrt(0.5);
        assertThat(z0.grad().get(0)).isCloseTo(2 * dv, within(1e-8));
        assertThat(z0.grad().get(1)).isCloseTo(0.0, within(1e-8)); // v(t*)² = v(0)² + 2g(h0 − r)
        assertThat(gravity.grad().item()).isCloseTo(2 * dv, within(1e-8));
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void outputTimesCarryGradientsUpToATerminalImpact(Gradient method) {
        Tensor times = Tensor.of(0, 0.5, 1.0, 2.0, 3.0).requiresGrad(true);
        GradientSolution sol = bounce(method, Tensor.of(10.0, 0.0), Tensor.of(G), true, times);
        assertThat(sol.states().shape()).containsExactly(3, 2);
        // L = t₁ + h(1.0): starting later delays both, dL/dt0 = 1 − h'(1.0) = 1 + g; dL/dt(1.0) = h'(1.0) = −g
        sol.events().get(0).timeTensor().add(sol.states().select(0, 2).select(0, 0)).backward();
        assertThat(times.grad().toArray()).containsExactly(new double[] {1 + G, 0, -G, 0, 0}, within(1e-9));
    }
}
