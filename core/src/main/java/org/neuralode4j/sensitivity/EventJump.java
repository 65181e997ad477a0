package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventAction;
import org.neuralode4j.ode.EventFunction;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * One event of an adjoint method's forward solve, kept as a small recorded graph through which the
 * backward pass carries the adjoint across the event. Its leaves are the state z⁻ just before the
 * event, at the located time τ held fixed, and the parameters the event function, the handler and
 * f read. Its outputs have the values of the forward solve and the derivatives direct
 * backpropagation records at an event ({@code EventTiming} in the ode package):
 *
 * <ul>
 *   <li>the event time T = τ − (g(τ, z⁻) − stop(g(τ, z⁻)))/ġ with ġ = ∂g/∂z·f⁻ + ∂g/∂t, so that
 *       δt* = −(∂g/∂z δz⁻ + ∂g/∂θ δθ)/ġ (implicit function theorem on g(t*, z(t*)) = 0);</li>
 *   <li>the state at the event, S = z⁻ + f⁻·(T − τ), which moves with the event time;</li>
 *   <li>the state just after the event, H = h(S) for the handler's reset h (S without a reset),
 *       which moves with the event time too;</li>
 *   <li>the state the integration continued from, A = H − f⁺·(T − τ) (A = z⁻ when the solve just
 *       continues): a later event time delays the rest of the trajectory;</li>
 * </ul>
 *
 * with f⁻ = f(τ, z⁻) and f⁺ = f(τ, z⁺) held constant; H and A equal z⁺ = h(z⁻) in value. The
 * derivative of A is the saltation map δz⁺ = h_z δz⁻ + (h_z f⁻ − f⁺) δt* + h_θ δθ, so one
 * vector–Jacobian product with the adjoint a⁺ just after the event (plus the gradients of T, S and
 * H) yields the adjoint just before it, a⁻ = h_zᵀa⁺ + (∂g/∂z)ᵀc with
 * c = −(a⁺·(h_z f⁻ − f⁺) + ∂L/∂t*)/ġ, and the parameters' share h_θᵀa⁺ + (∂g/∂θ)ᵀc (Chen, Amos &amp;
 * Nickel 2021, "Learning neural event functions for ordinary differential equations").
 *
 * <p>The handler is called once, while the forward solve runs, on the recorded S, exactly as under
 * direct backpropagation: it is never called again in the backward pass, so a handler that counts
 * its calls behaves the same under every gradient method. It receives τ as a number, so a reset that
 * depends on the time explicitly is not differentiated through that dependence (nor is it by direct
 * backpropagation). When g is not differentiable ({@link EventFunction#valueTensor} returns a
 * constant) or ġ vanishes, the event time is a constant, again as under direct backpropagation.
 */
final class EventJump {
    /**
     * Bytes an event holds per state element, for the tape's memory accounting: z⁻, f⁻, S, H, f⁺, A
     * and the stored z⁺ (eight bytes each; the graph's few scalars are not counted).
     */
    static final long BYTES_PER_STATE_ELEMENT = 7 * 8;

    /** Central-difference step for ∂g/∂t, relative to the time span of the solve. */
    private static final double TIME_STEP = 1e-6;

    private final int eventIndex;
    private final double time;
    private final EventAction solverAction;
    private final Tensor before;
    private final Tensor timeTensor;
    private final Tensor state;
    private final Tensor reported;
    private final Tensor after;
    private final double[] afterValue;

    private EventJump(int eventIndex, double time, EventAction solverAction, Tensor before, Tensor timeTensor,
                      Tensor state, Tensor reported, Tensor after, double[] afterValue) {
        this.eventIndex = eventIndex;
        this.time = time;
        this.solverAction = solverAction;
        this.before = before;
        this.timeTensor = timeTensor;
        this.state = state;
        this.reported = reported;
        this.after = after;
        this.afterValue = afterValue;
    }

    /**
     * Records the event the solver located at {@code time}, deciding its action as the solver does: a
     * terminal event stops, an event without handler continues, otherwise the handler decides.
     *
     * @param eventIndex the event's index in the solve options
     * @param event the event as the user gave it (with its own handler)
     * @param f the vector field
     * @param time the located event time τ
     * @param stateBefore z⁻, the state at τ before any jump; not modified
     * @param timeSpan |t_end − t_0| of the solve, which sets the step of the difference for ∂g/∂t
     */
    static EventJump record(int eventIndex, Event event, VectorField f, double time, Tensor stateBefore,
                            double timeSpan) {
        Tensor leaf = Tensor.fromArray(stateBefore.toArray(), stateBefore.shape()).requiresGrad(true);
        return Autodiff.enableGrad(() -> build(eventIndex, event, f, time, leaf, timeSpan));
    }

    private static EventJump build(int eventIndex, Event event, VectorField f, double time, Tensor leaf,
                                   double timeSpan) {
        Tensor fBefore = Autodiff.noGrad(() -> f.apply(time, leaf.detach()));
        Tensor shift = timeShift(event.function(), time, leaf, fBefore, timeSpan);
        Tensor timeTensor = shift == null ? Tensor.scalar(time) : shift.add(time);
        Tensor state = shift == null ? leaf : leaf.add(fBefore.mul(shift));
        EventAction action = event.terminal() ? EventAction.stop()
                : event.handler() == null ? EventAction.proceed() : event.handler().handle(time, state);
        if (action == null) {
            throw new IllegalStateException("the handler of event " + eventIndex + " returned null; return "
                    + "EventAction.proceed(), stop() or resetState(z)");
        }
        return switch (action.kind()) {
            case STOP -> new EventJump(eventIndex, time, action, leaf, timeTensor, state, state, state, leaf.toArray());
            case CONTINUE -> new EventJump(eventIndex, time, action, leaf, timeTensor, state, state, leaf,
                    leaf.toArray());
            case RESET_STATE -> {
                Tensor reset = action.state();
                if (!Arrays.equals(reset.shape(), leaf.shape())) {
                    throw new IllegalArgumentException("the handler of event " + eventIndex + " returned a state of "
                            + "shape " + Shape.format(reset.shape()) + "; the state has shape " + Shape.format(leaf.shape()));
                }
                Tensor value = reset.detach();
                Tensor after = reset;
                if (shift != null) {
                    Tensor fAfter = Autodiff.noGrad(() -> f.apply(time, value));
                    after = reset.sub(fAfter.mul(shift));
                }
                yield new EventJump(eventIndex, time, EventAction.resetState(value), leaf, timeTensor, state, reset,
                        after, value.toArray());
            }
        };
    }

    /**
     * T − τ as a recorded tensor that is zero in value, −(g − stop(g))/ġ, or null when the event time
     * carries no gradient (g not recorded, or ġ exactly zero); a non-finite ġ is a {@link org.neuralode4j.ode.NonFiniteStateException}.
     */
    private static Tensor timeShift(EventFunction g, double time, Tensor leaf, Tensor fBefore, double timeSpan) {
        Tensor value = g.valueTensor(time, leaf);
        if (!value.requiresGrad()) {
            return null;
        }
        Tensor dgdz = Autodiff.grad(value, new Tensor[] {leaf}, null, true, false)[0];
        double rate = dot(dgdz.buffer(), fBefore.buffer()) + explicitTimeRate(g, time, leaf.detach(), timeSpan);
        if (!Double.isFinite(rate)) {
            throw new org.neuralode4j.ode.NonFiniteStateException(time, 0, "the event function's rate of change "
                    + "along the solution at the event is " + rate + ", so the event time's gradient is undefined");
        }
        if (rate == 0) {
            return null;
        }
        return value.sub(value.detach()).reshape().div(-rate);
    }

    /** ∂g/∂t at fixed z by a central difference (exactly 0 for an event function that ignores t). */
    private static double explicitTimeRate(EventFunction g, double time, Tensor z, double timeSpan) {
        double delta = Math.max(TIME_STEP * timeSpan, 64 * Math.ulp(time));
        return (g.value(time + delta, z) - g.value(time - delta, z)) / (2 * delta);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** @return the event's index in the solve options */
    int eventIndex() {
        return eventIndex;
    }

    /** @return the located event time τ */
    double time() {
        return time;
    }

    /** @return what the solver is told to do: the handler's action, with a reset's state detached */
    EventAction solverAction() {
        return solverAction;
    }

    /** @return whether the solve stopped here */
    boolean terminal() {
        return solverAction.kind() == EventAction.Kind.STOP;
    }

    /** @return whether the handler replaced the state */
    boolean reset() {
        return solverAction.kind() == EventAction.Kind.RESET_STATE;
    }

    /** @return z⁻, the state at the event before any jump (a view; not to be modified) */
    double[] stateBefore() {
        return before.buffer();
    }

    /** @return z⁺, the state the integration continued from (a view; not to be modified) */
    double[] stateAfter() {
        return afterValue;
    }

    /**
     * Carries cotangents back across the event: one vector–Jacobian product of the recorded graph.
     *
     * @param afterCotangent ∂L/∂A: the adjoint just after the event
     * @param reportedCotangent ∂L/∂H, the gradient of the reported state just after the event
     * @param stateCotangent ∂L/∂S, the gradient of the reported state at the event
     * @param timeCotangent ∂L/∂t*, the gradient of the reported event time
     * @param parameters the differentiated parameters, each requiring gradients
     * @return ∂L/∂z⁻ followed by one gradient per parameter (zeros where the event does not read it)
     */
    Tensor[] pullBack(double[] afterCotangent, double[] reportedCotangent, double[] stateCotangent,
                      double timeCotangent, Tensor[] parameters) {
        int[] shape = before.shape();
        Tensor[] inputs = new Tensor[1 + parameters.length];
        inputs[0] = before;
        System.arraycopy(parameters, 0, inputs, 1, parameters.length);
        Tensor weighted = Autodiff.enableGrad(() -> after.mul(Tensor.fromArray(afterCotangent, shape)).sum()
                .add(reported.mul(Tensor.fromArray(reportedCotangent, shape)).sum())
                .add(state.mul(Tensor.fromArray(stateCotangent, shape)).sum())
                .add(timeTensor.mul(timeCotangent)));
        return Autodiff.grad(weighted, inputs, null, true, false);
    }
}
