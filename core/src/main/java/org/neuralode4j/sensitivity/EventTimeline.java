package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The times at which an adjoint's backward pass stops, latest first: the times of the states the
 * forward pass stored (output times or checkpoints) merged with the event times, each with the
 * stored state and the events found there. A stored time equal to an event time holds the state
 * before the event (the solver writes outputs up to an event before handling it), so at such a time
 * the backward pass undoes the events first and then meets the stored state.
 */
final class EventTimeline {
    private final double[] times;
    private final int[] stored;
    private final int[][] events;

    /**
     * @param storedTimes the stored states' times in solve order (strictly monotone; a terminal event
     *     may have stopped the solve after the first)
     * @param jumps the events in the order they occurred
     * @param direction +1 for a solve forward in time, −1 backward: from the requested times, since
     *     the stored times alone do not tell when a terminal event stopped the solve after t0
     */
    EventTimeline(double[] storedTimes, List<EventJump> jumps, double direction) {
        List<Double> t = new ArrayList<>();
        List<Integer> s = new ArrayList<>();
        List<List<Integer>> e = new ArrayList<>();
        int k = 0;
        for (int c = 0; c <= storedTimes.length; c++) {
            double limit = c < storedTimes.length ? storedTimes[c] : Double.NaN;
            while (k < jumps.size() && (c == storedTimes.length || direction * (jumps.get(k).time() - limit) < 0)) {
                double time = jumps.get(k).time();
                if (t.isEmpty() || t.get(t.size() - 1).doubleValue() != time) {
                    t.add(time);
                    s.add(-1);
                    e.add(new ArrayList<>());
                }
                e.get(e.size() - 1).add(k++);
            }
            if (c < storedTimes.length) {
                t.add(storedTimes[c]);
                s.add(c);
                e.add(new ArrayList<>());
            }
        }
        int m = t.size();
        times = new double[m];
        stored = new int[m];
        events = new int[m][];
        for (int j = 0; j < m; j++) {
            int i = m - 1 - j;
            times[j] = t.get(i);
            stored[j] = s.get(i);
            events[j] = e.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** @return the number of stops */
    int size() {
        return times.length;
    }

    /** @return the stop times, latest first (in the order the backward pass meets them) */
    double[] times() {
        return times.clone();
    }

    /** @return the index of the stored state at stop j, or −1 */
    int stored(int j) {
        return stored[j];
    }

    /** @return the indices of the events at stop j, in the order they occurred (empty if none) */
    int[] events(int j) {
        return Arrays.copyOf(events[j], events[j].length);
    }
}
