package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A bouncing ball whose gravity (read by f), floor height (read by the event function) and
 * restitution coefficient (read by the reset) are all trainable: losses on the states at output
 * times before, between and after several bounces, and on the event records, differentiated by the
 * adjoint methods, agree with direct backpropagation and with central differences of whole solves.
 */
class AdjointEventAgreementTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
    /** Impacts near 1.41, 3.68, 5.49, 6.94, 8.10: outputs before, between and after them. */
    private static final double[] TIMES = {0, 0.7, 2.5, 4.2, 5.6, 6.5, 7.5, 8.5};
    private static final Tensor[] INPUTS = {Tensor.of(10.0, 0.0), Tensor.of(9.8), Tensor.of(0.2), Tensor.of(0.8)};

    /** inputs: z0 = (h, v), gravity, floor, restitution. */
    private static GradientSolution bounce(Gradient method, Tensor[] x, SolveOptions base, AdjointOptions adjoint) {
        Tensor gravity = x[1];
        Tensor floor = x[2];
        Tensor restitution = x[3];
        VectorField f = FallingBody.field(gravity);
        Event impact = Event.of(EventFunction.differentiable((t, z) -> z.select(0, 0).sub(floor.reshape())))
                .withDirection(Event.Direction.FALLING)
                .withHandler((t, z) -> EventAction.resetState(z.mul(Tensor.cat(0, Tensor.of(1.0), restitution.neg()))))
                .withParameters(floor, restitution);
        SolveOptions options = base.toBuilder().events(impact).build();
        return Odeint.solve(f, x[0], TIMES, options, method, adjoint);
    }

    /** L = Σ_i w_i · z(t_i) with fixed weights. */
    private static Tensor statesLoss(GradientSolution sol) {
        Tensor states = sol.states();
        double[] w = new double[states.numel()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.sin(1.3 * i + 0.4);
        }
        return states.mul(Tensor.fromArray(w, states.shape())).sum();
    }

    /** L = Σ_k (k+1)·t_k + 0.3·v(t_k⁻) + 0.7·v(t_k⁺) over the events. */
    private static Tensor eventsLoss(GradientSolution sol) {
        Tensor total = Tensor.scalar(0);
        List<EventRecord> events = sol.events();
        for (int k = 0; k < events.size(); k++) {
            EventRecord e = events.get(k);
            total = total.add(e.timeTensor().mul(k + 1)).add(e.state().select(0, 1).mul(0.3))
                    .add(e.stateAfter().select(0, 1).mul(0.7));
        }
        return total;
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void statesAtOutputTimesAroundSeveralBouncesAgree(Gradient method) {
        AdjointOptions adjoint = AdjointOptions.defaults();
        assertThat(bounce(method, INPUTS, TIGHT, adjoint).events()).hasSize(5);
        WholeSolveGradients.assertAgreement(method, m -> x -> statesLoss(bounce(m, x, TIGHT, adjoint)), INPUTS);
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void eventTimesAndStatesAgree(Gradient method) {
        AdjointOptions adjoint = AdjointOptions.defaults();
        WholeSolveGradients.assertAgreement(method, m -> x -> eventsLoss(bounce(m, x, TIGHT, adjoint)), INPUTS);
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void statesAndEventsTogetherAgreeWithExtraCheckpoints(Gradient method) {
        AdjointOptions adjoint = AdjointOptions.builder().checkpointSegments(7).build();
        WholeSolveGradients.assertAgreement(method, m -> x -> {
            GradientSolution sol = bounce(m, x, TIGHT, adjoint);
            return statesLoss(sol).add(eventsLoss(sol));
        }, INPUTS);
    }
}
