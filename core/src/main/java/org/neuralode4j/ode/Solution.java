package org.neuralode4j.ode;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * The result of a solve: the states at the requested times, the work done, the events that
 * occurred and, when requested, the dense solution over the whole span.
 *
 * <p>When the solve recorded gradients, {@link #states()} is part of the autodiff graph: a loss on it
 * backpropagates through every solver step to z0 and to the parameters the vector field read.
 */
public final class Solution {
    private final Tensor states;
    private final double[] times;
    private final Stats stats;
    private final List<EventRecord> events;
    private final DenseSolution dense;
    private final boolean terminated;

    Solution(Tensor states, double[] times, Stats stats, List<EventRecord> events, DenseSolution dense,
             boolean terminated) {
        this.states = states;
        this.times = times;
        this.stats = stats;
        this.events = List.copyOf(events);
        this.dense = dense;
        this.terminated = terminated;
    }

    /**
     * The states at {@link #times()}.
     *
     * @return a tensor of shape [T, *z0.shape]; T is smaller than the number of requested times
     *     when an event ended the solve early
     */
    public Tensor states() {
        return states;
    }

    /**
     * The state at output index i (a recorded selection when the solve recorded gradients).
     *
     * @param i the index into {@link #times()}; negative counts from the end
     * @return a tensor of z0's shape
     */
    public Tensor state(int i) {
        return states.select(0, i);
    }

    /** @return a copy of the output times: the requested ones, up to the end of the solve */
    public double[] times() {
        return times.clone();
    }

    /** @return function evaluations, accepted and rejected steps */
    public Stats stats() {
        return stats;
    }

    /** @return the events that occurred, in time order */
    public List<EventRecord> events() {
        return events;
    }

    /** @return whether the dense solution was kept ({@link SolveOptions.Builder#dense(boolean)}) */
    public boolean hasDense() {
        return dense != null;
    }

    /**
     * The dense solution over the integrated span.
     *
     * @return the dense solution
     * @throws IllegalStateException when the solve was not asked to keep it
     */
    public DenseSolution dense() {
        if (dense == null) {
            throw new IllegalStateException("this solution has no dense output; solve with "
                    + "SolveOptions.builder().dense(true) to keep it");
        }
        return dense;
    }

    /** @return whether an event (terminal, or a handler's stop) ended the solve before the last time */
    public boolean terminatedByEvent() {
        return terminated;
    }
}
