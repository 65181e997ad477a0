package org.neuralode4j.ode.problems;

import java.util.List;
import java.util.Objects;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.SolveOptions;

/**
 * What a {@link Problem} becomes once its parameter values are fixed: the vector field, the events
 * that change the state (a ball's impact) and the times where the field jumps (a converter's
 * switching instants). Immutable.
 *
 * <pre>{@code
 * Dynamics d = Problems.byName("buck-switched").dynamics(Map.of("d", 0.4));
 * SolveOptions o = d.configure(SolveOptions.builder().rtol(1e-8), 0, 1e-3).build();
 * Solution s = OdeSolver.solve(d.field(), Tensor.of(0, 0), new double[] {0, 1e-3}, o);
 * }</pre>
 */
public final class Dynamics {
    private static final double[] NONE = new double[0];

    private final ArrayVectorField field;
    private final List<Event> events;
    private final JumpSchedule jumps;

    private Dynamics(ArrayVectorField field, List<Event> events, JumpSchedule jumps) {
        this.field = Objects.requireNonNull(field, "field");
        this.events = List.copyOf(events);
        this.jumps = jumps;
    }

    /**
     * A smooth field without events.
     *
     * @param field the vector field
     * @return the dynamics
     */
    public static Dynamics of(ArrayVectorField field) {
        return new Dynamics(field, List.of(), null);
    }

    /**
     * @param events events the solver must detect and handle; they replace any set before
     * @return a copy with these events
     */
    public Dynamics withEvents(Event... events) {
        return new Dynamics(field, List.of(events), jumps);
    }

    /**
     * @param jumps the times where the field is discontinuous, for any span
     * @return a copy with this schedule
     */
    public Dynamics withJumps(JumpSchedule jumps) {
        return new Dynamics(field, events, Objects.requireNonNull(jumps, "jumps"));
    }

    /** @return the vector field (fast array form; not differentiable) */
    public ArrayVectorField field() {
        return field;
    }

    /** @return the events, in index order (empty for a smooth problem) */
    public List<Event> events() {
        return events;
    }

    /**
     * The discontinuity times of the field inside a span.
     *
     * @param from one end of the span
     * @param to the other end
     * @return the times strictly between the ends, increasing (empty when the field is smooth)
     */
    public double[] jumpTimes(double from, double to) {
        return jumps == null ? NONE : jumps.times(Math.min(from, to), Math.max(from, to));
    }

    /**
     * Adds this problem's events to the builder and sets its jump times for the span [t0, t1], so
     * that the solver detects the events and lands on every discontinuity of f.
     *
     * @param options the builder; modified (events are added; jump times are replaced)
     * @param t0 the initial time
     * @param t1 the final time
     * @return {@code options}
     */
    public SolveOptions.Builder configure(SolveOptions.Builder options, double t0, double t1) {
        options.events(events.toArray(Event[]::new));
        if (jumps != null) {
            options.jumpTimes(jumpTimes(t0, t1));
        }
        return options;
    }

    /** The times in a span where a piecewise-smooth field switches. */
    @FunctionalInterface
    public interface JumpSchedule {
        /**
         * @param from the start of the span (the smaller end)
         * @param to the end of the span (the larger end)
         * @return the switching times strictly inside (from, to), increasing
         */
        double[] times(double from, double to);
    }
}
