package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventFunction;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A terminal event that stops a solve backwards in time before its second output: z' = −z from
 * t = 1 towards 0, z(1) = z0, stops when z = 2, at t* = 1 − ln(2/z0). With L = t* + z(1),
 * dL/dz0 = 1/z0 + 1 = 2 at z0 = 1. Only t0 is reached, so the adjoints must take the solve's
 * direction from the requested times (they once placed the event before t0 and returned 0.5).
 */
class ReverseTimeEventTest {

    @Test
    void everyMethodGetsTheAnalyticGradient() {
        for (Gradient method : new Gradient[] {Gradient.DIRECT, Gradient.ADJOINT, Gradient.CHECKPOINTED_ADJOINT}) {
            for (double[] times : new double[][] {{1, 0}, {1, 0.5, 0}}) {
                Tensor z0 = Tensor.of(1.0).requiresGrad(true);
                VectorField f = (t, z) -> z.neg();
                Event stop = Event.of(EventFunction.differentiable((t, z) -> z.select(0, 0).sub(2.0)))
                        .withTerminal(true);
                SolveOptions options = SolveOptions.builder().rtol(1e-10).atol(1e-12).events(stop).build();
                GradientSolution sol = Odeint.solve(f, z0, times, options, method);
                assertThat(sol.terminatedByEvent()).isTrue();
                assertThat(sol.events().get(0).time()).isCloseTo(1 - Math.log(2), within(1e-9));
                sol.events().get(0).timeTensor().add(sol.states().select(0, 0).sum()).backward();
                assertThat(z0.grad().item()).as("%s, %d outputs", method, times.length).isCloseTo(2.0, within(1e-7));
            }
        }
    }
}
