package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventAction;
import org.neuralode4j.ode.EventFunction;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * REFERENCE.md's bouncing ball: the gradient of the impact times with respect to the initial height
 * and gravity flows through the event time (implicit function theorem) under direct
 * backpropagation: dt₁/dh(0) = 1/(g√2) = 0.0721538, dt₁/dg = −t₁/(2g) = −0.0721538; the second
 * impact, after the jump v ← −0.8v, is at t₂ = 2.6·t₁, so its derivatives are 2.6 times those.
 */
class EventGradientTest {
    private static final double R = 0.2;

    private static Solution bounce(Tensor z0, Tensor gravity, boolean terminalFirst) {
        VectorField f = FallingBody.field(gravity);
        EventFunction floor = EventFunction.differentiable((t, z) -> z.select(0, 0).sub(R));
        Event impact = Event.of(floor).withDirection(Event.Direction.FALLING)
                .withTerminal(terminalFirst)
                .withHandler((t, z) -> EventAction.resetState(z.mul(Tensor.of(1.0, -0.8))));
        SolveOptions options = SolveOptions.builder().rtol(1e-10).atol(1e-12).events(impact).build();
        return OdeSolver.solve(f, z0, new double[] {0, 4.0}, options);
    }

    @Test
    void firstImpactTimeGradients() {
        Tensor z0 = Tensor.of(10.0, 0.0).requiresGrad(true);
        Tensor gravity = Tensor.of(9.8).requiresGrad(true);
        EventRecord first = bounce(z0, gravity, true).events().get(0);
        assertThat(first.time()).isCloseTo(Math.sqrt(2), within(1e-9));
        first.timeTensor().backward();
        assertThat(z0.grad().get(0)).isCloseTo(0.0721538, within(1e-7));
        assertThat(gravity.grad().item()).isCloseTo(-0.0721538, within(1e-7));
    }

    @Test
    void secondImpactAfterAJumpCarriesTheGradientThroughTheFirst() {
        Tensor z0 = Tensor.of(10.0, 0.0).requiresGrad(true);
        Tensor gravity = Tensor.of(9.8).requiresGrad(true);
        List<EventRecord> events = bounce(z0, gravity, false).events();
        assertThat(events.size()).isGreaterThanOrEqualTo(2);
        EventRecord second = events.get(1);
        double t1 = Math.sqrt(2);
        assertThat(second.time()).isCloseTo(2.6 * t1, within(1e-8));
        second.timeTensor().backward();
        assertThat(z0.grad().get(0)).isCloseTo(2.6 / (9.8 * t1), within(1e-7));
        assertThat(gravity.grad().item()).isCloseTo(-2.6 * t1 / (2 * 9.8), within(1e-7));
    }
}
