package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.tensor.Tensor;

/**
 * The single output of an adjoint node. Without events it is the states [T, *shape] at the output
 * times. With events it is one flat vector: the states at the output times reached, then for each
 * event its time (1 element), the state at the event (n) and the state the integration continued
 * from (n). Slices of it become the solution's states and {@link EventRecord}s, so a loss on any of
 * them sends its gradient to the matching part of the node's output gradient.
 */
final class OutputLayout {
    private final int[] shape;
    private final int n;
    private final int rows;
    private final int events;

    OutputLayout(int[] shape, int rows, int events) {
        this.shape = shape.clone();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        this.n = size;
        this.rows = rows;
        this.events = events;
    }

    /** @return the offset of output row i's state */
    int stateOffset(int row) {
        return row * n;
    }

    /** @return the offset of event k's time */
    int timeOffset(int k) {
        return rows * n + k * (1 + 2 * n);
    }

    /** @return the offset of the state at event k (before any jump) */
    int beforeOffset(int k) {
        return timeOffset(k) + 1;
    }

    /** @return the offset of the state event k's integration continued from */
    int afterOffset(int k) {
        return timeOffset(k) + 1 + n;
    }

    /** The node's output value from the states [rows, *shape] and the events' values. */
    Tensor pack(Tensor states, List<EventJump> jumps) {
        if (events == 0) {
            return states;
        }
        double[] out = new double[timeOffset(events)];
        System.arraycopy(states.buffer(), 0, out, 0, rows * n);
        for (int k = 0; k < events; k++) {
            EventJump jump = jumps.get(k);
            out[timeOffset(k)] = jump.time();
            System.arraycopy(jump.stateBefore(), 0, out, beforeOffset(k), n);
            System.arraycopy(jump.stateAfter(), 0, out, afterOffset(k), n);
        }
        return Tensor.fromArray(out, out.length);
    }

    /** The states [rows, *shape] as (recorded) slices of the node's output. */
    Tensor states(Tensor output) {
        if (events == 0) {
            return output;
        }
        int[] s = new int[shape.length + 1];
        s[0] = rows;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return output.slice(0, 0, rows * n).reshape(s);
    }

    /** The event records, their time and states being (recorded) slices of the node's output. */
    List<EventRecord> records(Tensor output, List<EventJump> jumps) {
        List<EventRecord> records = new ArrayList<>(events);
        for (int k = 0; k < events; k++) {
            EventJump jump = jumps.get(k);
            Tensor time = output.slice(0, timeOffset(k), timeOffset(k) + 1).reshape();
            Tensor before = output.slice(0, beforeOffset(k), beforeOffset(k) + n).reshape(shape);
            Tensor after = jump.reset() ? output.slice(0, afterOffset(k), afterOffset(k) + n).reshape(shape) : before;
            records.add(new EventRecord(jump.eventIndex(), jump.time(), before, after, jump.terminal(), time));
        }
        return records;
    }
}
