package org.neuralode4j.ode;

import java.util.List;
import java.util.Objects;
import org.neuralode4j.tensor.Tensor;

/**
 * An event to detect during a solve: a function g(t, z) whose sign changes mark it, the direction of
 * the crossings that count, whether it ends the solve, and a handler for the others. Immutable; the
 * {@code withX} methods return modified copies (as Hipparchus's event detectors do).
 *
 * <p>After every accepted step the solver compares the signs of g at the ends of
 * {@link SolveOptions#eventSubdivisions()} equal sub-intervals of the step, on its dense output (no
 * extra evaluations of f). A crossing in the chosen direction is located to
 * {@link SolveOptions#eventTolerance()} in time by the Illinois variant of regula falsi (Dahlquist
 * &amp; Björck, Numerical Methods, 1974, §6.2.3), which keeps a bracket. The reported time is the end
 * of the final bracket that lies past the crossing, so g has already changed sign there and the
 * same crossing is not found again. Two crossings of one function inside one sub-interval cancel
 * out and are missed: raise {@code eventSubdivisions} or bound the step with {@code maxStep} if g
 * oscillates faster than that.
 *
 * <p><b>Gradients.</b> Direct backpropagation ({@code Gradient.DIRECT}) finds every tensor the event
 * function and the handler read on the tape. The adjoint methods record a node whose inputs must be
 * known in advance: list the tensors that g and the handler read and that should receive gradients
 * (a trainable threshold, a restitution coefficient) with {@link #withParameters}, as a vector
 * field lists its own in {@link VectorField#parameters()} (those need not be repeated here).
 */
public final class Event {
    /** Which sign changes of g count. */
    public enum Direction {
        /** g goes from negative to non-negative. */
        RISING,
        /** g goes from positive to non-positive. */
        FALLING,
        /** Either. */
        BOTH
    }

    private final EventFunction function;
    private final Direction direction;
    private final boolean terminal;
    private final EventHandler handler;
    private final List<Tensor> parameters;

    private Event(EventFunction function, Direction direction, boolean terminal, EventHandler handler,
                  List<Tensor> parameters) {
        this.function = Objects.requireNonNull(function, "event function");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.terminal = terminal;
        this.handler = handler;
        this.parameters = List.copyOf(parameters);
    }

    /**
     * An event on g's crossings in both directions, not terminal, without handler (the solve
     * continues and lists the event).
     *
     * @param g the event function
     * @return the event
     */
    public static Event of(EventFunction g) {
        return new Event(g, Direction.BOTH, false, null, List.of());
    }

    /** @return a copy counting only crossings in {@code direction} */
    public Event withDirection(Direction direction) {
        return new Event(function, direction, terminal, handler, parameters);
    }

    /** @return a copy that ends the solve when it occurs (the handler is then not called) */
    public Event withTerminal(boolean terminal) {
        return new Event(function, direction, terminal, handler, parameters);
    }

    /** @return a copy whose handler decides what happens at each occurrence */
    public Event withHandler(EventHandler handler) {
        return new Event(function, direction, terminal, Objects.requireNonNull(handler, "handler"), parameters);
    }

    /**
     * Declares the tensors the event function and the handler read that should receive gradients with
     * the adjoint gradient methods (see the class comment); replaces any declared before.
     *
     * @param parameters the tensors; not copied, so their later in-place updates are seen
     * @return a copy with these parameters
     */
    public Event withParameters(Tensor... parameters) {
        for (Tensor p : parameters) {
            Objects.requireNonNull(p, "parameter");
        }
        return new Event(function, direction, terminal, handler, List.of(parameters));
    }

    /** @return the tensors declared with {@link #withParameters} (empty by default) */
    public List<Tensor> parameters() {
        return parameters;
    }

    /** @return the event function */
    public EventFunction function() {
        return function;
    }

    /** @return the direction of the crossings that count */
    public Direction direction() {
        return direction;
    }

    /** @return whether the event ends the solve */
    public boolean terminal() {
        return terminal;
    }

    /** @return the handler, or null */
    public EventHandler handler() {
        return handler;
    }

    /**
     * Whether the sign change from {@code before} to {@code after} is a crossing in this event's
     * direction. A value exactly 0 at the start of an interval is not a crossing (it was one already).
     */
    boolean crosses(double before, double after) {
        boolean rising = before < 0 && after >= 0;
        boolean falling = before > 0 && after <= 0;
        return switch (direction) {
            case RISING -> rising;
            case FALLING -> falling;
            case BOTH -> rising || falling;
        };
    }
}
