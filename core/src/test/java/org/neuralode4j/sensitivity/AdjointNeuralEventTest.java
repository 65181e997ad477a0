package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventAction;
import org.neuralode4j.ode.EventFunction;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A small random tanh network f(z) = tanh(z W1 + b1) W2 + b2 drifts across the line w·z = c; each
 * rising crossing pushes the state back by k·w (a sawtooth). The gradients of losses on the states
 * at output times, on event times and states, with direction filters, a proceed-only event and a
 * handler's stop, by the adjoint methods agree with direct backpropagation and with central
 * differences of whole solves, with respect to z0, the network, the line (w, c) and the push k.
 */
class AdjointNeuralEventTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
    /** The rising crossings fall near 0.73, 1.40, 2.06, 2.70, 3.34. */
    private static final double[] TIMES = {0, 0.5, 1.2, 2.0, 2.9, 3.6};
    private static final Tensor[] INPUTS = inputs();

    /** z0 [1, 2], W1 [2, 8], b1 [8], W2 [8, 2], b2 [2], w [2], c [1], k [1]. */
    private static Tensor[] inputs() {
        SplittableRandom rng = new SplittableRandom(5);
        Tensor w1 = Tensor.randn(rng, 2, 8).mul(0.8);
        Tensor b1 = Tensor.randn(rng, 8).mul(0.3);
        Tensor w2 = Tensor.randn(rng, 8, 2).mul(0.8);
        Tensor b2 = Tensor.randn(rng, 2).mul(0.5);
        return new Tensor[] {Tensor.of(0.1, -0.2).reshape(1, 2), w1, b1, w2, b2, Tensor.of(-0.81, -0.585),
            Tensor.of(0.5), Tensor.of(0.4)};
    }

    private static VectorField network(Tensor[] x) {
        return VectorField.withParameters(List.of(x[1], x[2], x[3], x[4]),
                (t, z) -> z.matmul(x[1]).add(x[2]).tanh().matmul(x[3]).add(x[4]));
    }

    /** The sawtooth event: w·z − c rising, then z ← z − k·w. */
    private static Event sawtooth(Tensor w, Tensor c, Tensor k) {
        return Event.of(EventFunction.differentiable((t, z) -> z.reshape(2).dot(w).sub(c.reshape())))
                .withDirection(Event.Direction.RISING)
                .withHandler((t, z) -> EventAction.resetState(z.sub(w.mul(k).reshape(1, 2))))
                .withParameters(w, c, k);
    }

    private static GradientSolution solve(Gradient method, Tensor[] x, Event... events) {
        return Odeint.solve(network(x), x[0], TIMES, TIGHT.toBuilder().events(events).build(), method);
    }

    /** Σ fixed weights · states, plus Σ_k 0.1(k+1)·t_k + S_k·(0.2, −0.3) + H_k·(0.5, 0.1) over the events. */
    private static Tensor loss(GradientSolution sol) {
        Tensor states = sol.states();
        double[] w = new double[states.numel()];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.cos(0.9 * i + 0.2);
        }
        Tensor total = states.mul(Tensor.fromArray(w, states.shape())).sum();
        List<EventRecord> events = sol.events();
        for (int k = 0; k < events.size(); k++) {
            EventRecord e = events.get(k);
            total = total.add(e.timeTensor().mul(0.1 * (k + 1)))
                    .add(e.state().reshape(2).dot(Tensor.of(0.2, -0.3)))
                    .add(e.stateAfter().reshape(2).dot(Tensor.of(0.5, 0.1)));
        }
        return total;
    }

    private static void assertAgreement(Gradient method, Function<Gradient, Function<Tensor[], Tensor>> problem) {
        WholeSolveGradients.assertAgreement(method, problem, INPUTS);
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void sawtoothResetsAgreeWithCentralDifferences(Gradient method) {
        assertThat(solve(method, INPUTS, sawtooth(INPUTS[5], INPUTS[6], INPUTS[7])).events()).hasSize(5);
        assertAgreement(method, m -> x -> loss(solve(m, x, sawtooth(x[5], x[6], x[7]))));
    }

    /** The line z_1 = 0 crossed in {@code direction}, without handler (the solve goes on). */
    private static Event probe(Event.Direction direction) {
        return Event.of(EventFunction.differentiable((t, z) -> z.reshape(2).select(0, 1))).withDirection(direction);
    }

    private static long count(GradientSolution sol, int eventIndex) {
        return sol.events().stream().filter(e -> e.eventIndex() == eventIndex).count();
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void directionFiltersAndProceedOnlyEventsAgree(Gradient method) {
        // z_1 falls through 0 near t = 0.9 and rises through it near 1.25; later it stays positive
        GradientSolution sol = solve(method, INPUTS, sawtooth(INPUTS[5], INPUTS[6], INPUTS[7]),
                probe(Event.Direction.FALLING), probe(Event.Direction.RISING));
        assertThat(count(sol, 1)).isEqualTo(1);
        assertThat(count(sol, 2)).isEqualTo(1);
        double falling = sol.events().stream().filter(e -> e.eventIndex() == 1).findFirst().orElseThrow().time();
        double rising = sol.events().stream().filter(e -> e.eventIndex() == 2).findFirst().orElseThrow().time();
        assertThat(falling).isBetween(0.8, 1.0);
        assertThat(rising).isBetween(1.1, 1.4);
        GradientSolution both = solve(method, INPUTS, sawtooth(INPUTS[5], INPUTS[6], INPUTS[7]),
                probe(Event.Direction.BOTH));
        assertThat(count(both, 1)).isEqualTo(2);
        for (EventRecord e : sol.events()) {
            if (e.eventIndex() > 0) {
                assertThat(e.stateAfter()).isSameAs(e.state()); // no jump
            }
        }
        assertAgreement(method, m -> x -> loss(solve(m, x, sawtooth(x[5], x[6], x[7]),
                probe(Event.Direction.FALLING), probe(Event.Direction.RISING))));
    }

    /** The sawtooth whose handler stops the solve at its third call. */
    private static Event stopAtThird(Tensor w, Tensor c, Tensor k, List<Double> calls) {
        return sawtooth(w, c, k).withHandler((t, z) -> {
            calls.add(t);
            return calls.size() == 3 ? EventAction.stop() : EventAction.resetState(z.sub(w.mul(k).reshape(1, 2)));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void aHandlersStopEndsTheSolveAndTheFinalStateCarriesTheGradient(Gradient method) {
        List<Double> calls = new ArrayList<>();
        GradientSolution sol = solve(method, INPUTS, stopAtThird(INPUTS[5], INPUTS[6], INPUTS[7], calls));
        assertThat(calls).hasSize(3); // the handler runs once per event, never again in a backward pass
        assertThat(sol.terminatedByEvent()).isTrue();
        assertThat(sol.times()).containsExactly(0, 0.5, 1.2, 2.0);
        EventRecord last = sol.events().get(2);
        assertThat(last.terminal()).isTrue();
        Function<Gradient, Function<Tensor[], Tensor>> problem = m -> x -> {
            GradientSolution s = solve(m, x, stopAtThird(x[5], x[6], x[7], new ArrayList<>()));
            EventRecord end = s.events().get(s.events().size() - 1);
            // the final state and time, and a state before the stop
            return end.state().reshape(2).dot(Tensor.of(1.0, 2.0)).add(end.timeTensor().mul(3))
                    .add(s.states().select(0, 2).sum());
        };
        assertAgreement(method, problem);
        List<Double> backwardCalls = new ArrayList<>();
        Tensor[] x = INPUTS.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i].detach().requiresGrad(true);
        }
        loss(solve(method, x, stopAtThird(x[5], x[6], x[7], backwardCalls))).backward();
        assertThat(backwardCalls).hasSize(3);
    }

    /** The sawtooth and a terminal event where z_0 + c + 0.2 reaches 0, near t = 2.03 (before the third reset). */
    private static GradientSolution stopAtLevel(Gradient method, Tensor[] x) {
        Event level = Event.of(EventFunction.differentiable((t, z) -> z.reshape(2).select(0, 0).add(x[6].reshape())
                .add(0.2))).withTerminal(true).withParameters(x[6]);
        return solve(method, x, sawtooth(x[5], x[6], x[7]), level);
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = "RECURSIVE_CHECKPOINT", mode = EnumSource.Mode.EXCLUDE) // no events
    void aTerminalEventEndsTheSolveAndItsStateCarriesTheGradient(Gradient method) {
        GradientSolution sol = stopAtLevel(method, INPUTS);
        assertThat(sol.terminatedByEvent()).isTrue();
        assertThat(sol.times()).containsExactly(0, 0.5, 1.2, 2.0);
        assertThat(sol.events()).hasSize(3);
        assertThat(sol.events().get(2).time()).isBetween(2.0, 2.059);
        assertAgreement(method, m -> x -> {
            GradientSolution s = stopAtLevel(m, x);
            EventRecord end = s.events().get(s.events().size() - 1);
            return loss(s).add(end.state().reshape(2).dot(Tensor.of(-1.0, 2.0)));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Gradient.class, names = {"ADJOINT", "CHECKPOINTED_ADJOINT"})
    void anMlpModuleOnTheAdjointsArrayPathAgreesWithDirect(Gradient method) {
        List<Tensor[]> grads = new ArrayList<>();
        for (Gradient m : new Gradient[] {method, Gradient.DIRECT}) {
            Mlp.Builder builder = Mlp.builder(2, 2).hidden(16).activation("tanh").seed(2);
            ModuleField field = new ModuleField(builder.build());
            assertThat(field.hasArrayVjp()).isTrue();
            Tensor z0 = Tensor.of(0.1, -0.2).reshape(1, 2).requiresGrad(true);
            Tensor w = Tensor.of(0.935, -0.354).requiresGrad(true);
            Tensor c = Tensor.of(0.3).requiresGrad(true);
            Tensor k = Tensor.of(0.3).requiresGrad(true);
            GradientSolution sol = Odeint.solve(field, z0, new double[] {0, 1, 2.5, 4, 5},
                    TIGHT.toBuilder().events(sawtooth(w, c, k)).build(), m);
            assertThat(sol.events()).hasSize(8);
            loss(sol).backward();
            List<Tensor> all = new ArrayList<>(List.of(z0.grad(), w.grad(), c.grad(), k.grad()));
            field.parameters().forEach(p -> all.add(p.grad()));
            grads.add(all.toArray(new Tensor[0]));
        }
        double vsDirect = WholeSolveGradients.maxRelativeDifference(grads.get(0), grads.get(1), 1e-3);
        System.out.printf("%s MLP module: vs direct %.3g%n", method, vsDirect);
        assertThat(vsDirect).isLessThan(1e-6);
    }

    @Test
    void parametersAnEventReadsButDoesNotListGetNoGradientFromTheAdjoint() {
        Tensor[] x = INPUTS.clone();
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i].detach().requiresGrad(true);
        }
        Event unlisted = Event.of(EventFunction.differentiable((t, z) -> z.reshape(2).dot(x[5]).sub(x[6].reshape())))
                .withDirection(Event.Direction.RISING)
                .withHandler((t, z) -> EventAction.resetState(z.sub(x[5].mul(x[7]).reshape(1, 2))));
        loss(solve(Gradient.ADJOINT, x, unlisted)).backward();
        assertThat(x[6].grad()).isNull();
        assertThat(x[7].grad()).isNull();
        assertThat(x[1].grad()).isNotNull();
    }
}
