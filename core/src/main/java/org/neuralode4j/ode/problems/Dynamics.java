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
    private final List<String> inputNames;
    private final InputSignals inputs;

    private Dynamics(ArrayVectorField field, List<Event> events, JumpSchedule jumps, List<String> inputNames,
                     InputSignals inputs) {
        this.field = Objects.requireNonNull(field, "field");
        this.events = List.copyOf(events);
        this.jumps = jumps;
        this.inputNames = List.copyOf(inputNames);
        this.inputs = inputs;
    }

    /**
     * A smooth field without events.
     *
     * @param field the vector field
     * @return the dynamics
     */
    public static Dynamics of(ArrayVectorField field) {
        return new Dynamics(field, List.of(), null, List.of(), null);
    }

    /**
     * @param events events the solver must detect and handle; they replace any set before
     * @return a copy with these events
     */
    public Dynamics withEvents(Event... events) {
        return new Dynamics(field, List.of(events), jumps, inputNames, inputs);
    }

    /**
     * @param jumps the times where the field is discontinuous, for any span
     * @return a copy with this schedule
     */
    public Dynamics withJumps(JumpSchedule jumps) {
        return new Dynamics(field, events, Objects.requireNonNull(jumps, "jumps"), inputNames, inputs);
    }

    /**
     * Names the exogenous signals the field is driven by (a converter's duty cycle d(t)), so that data
     * made from this problem can carry them as input columns for a driven model.
     *
     * @param names one name per signal
     * @param signals the signals' values at a time; at a jump time the value just after it
     * @return a copy with these input signals
     */
    public Dynamics withInputs(List<String> names, InputSignals signals) {
        return new Dynamics(field, events, jumps, names, Objects.requireNonNull(signals, "signals"));
    }

    /** @return the names of the exogenous input signals (empty when the field is autonomous in that sense) */
    public List<String> inputNames() {
        return inputNames;
    }

    /**
     * The input signals at time t (the value just after t at a jump time).
     *
     * @param t the time
     * @return one value per name of {@link #inputNames()}
     * @throws IllegalStateException when the dynamics have no input signals, or the signals give
     *     another number of values than there are names
     */
    public double[] inputs(double t) {
        if (inputs == null) {
            throw new IllegalStateException("these dynamics have no input signals");
        }
        double[] u = inputs.at(t);
        if (u.length != inputNames.size()) {
            throw new IllegalStateException("the input signals gave " + u.length + " values at t = " + t + " for the "
                    + inputNames.size() + " names " + inputNames);
        }
        return u;
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

    /** Exogenous signals driving a field, as functions of time. */
    @FunctionalInterface
    public interface InputSignals {
        /**
         * @param t the time
         * @return one value per signal; at a jump time the value just after it
         */
        double[] at(double t);
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
