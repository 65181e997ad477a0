package org.neuralode4j.data;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * A training batch of B trajectory pieces ("windows"), each with its own sample times. When every
 * window has the same times relative to its start (a uniform grid, as in torchdiffeq's ode_demo),
 * {@link #sharedRelativeTimes()} gives them and the batch can be solved as one coupled system;
 * otherwise each row is solved on its own time grid.
 */
public final class Batch {
    private final List<Trajectory> windows;

    /**
     * @param windows at least one, all of the same dimensions
     * @throws DataException when there are none or their state or input dimensions differ
     */
    public Batch(List<Trajectory> windows) {
        if (windows.isEmpty()) {
            throw new DataException("a batch needs at least one window");
        }
        this.windows = List.copyOf(windows);
        Trajectory first = this.windows.get(0);
        for (int b = 1; b < this.windows.size(); b++) {
            Trajectory w = this.windows.get(b);
            if (w.dim() != first.dim() || w.inputDim() != first.inputDim()) {
                throw new DataException("window " + b + " ('" + w.id() + "') has " + w.dim() + " states and "
                        + w.inputDim() + " inputs, window 0 ('" + first.id() + "') " + first.dim() + " and "
                        + first.inputDim() + "; a batch's windows need the same columns");
            }
        }
    }

    /** The windows. */
    public List<Trajectory> windows() {
        return windows;
    }

    /** Number of rows B. */
    public int size() {
        return windows.size();
    }

    /** Initial states [B, D]: each window's first sample. */
    public Tensor z0() {
        int d = windows.get(0).dim();
        double[] flat = new double[windows.size() * d];
        for (int b = 0; b < windows.size(); b++) {
            windows.get(b).copyState(0, flat, b * d);
        }
        return Tensor.fromArray(flat, windows.size(), d);
    }

    /** Each row's absolute sample times. */
    public double[][] times() {
        double[][] t = new double[windows.size()][];
        for (int b = 0; b < t.length; b++) {
            t[b] = windows.get(b).times();
        }
        return t;
    }

    /**
     * The sample times relative to each window's start, when all windows agree on them to 1e-12
     * relative (then the batch can be one coupled solve); {@code null} otherwise.
     */
    public double[] sharedRelativeTimes() {
        Trajectory first = windows.get(0);
        double[] rel = new double[first.length()];
        for (int i = 0; i < rel.length; i++) {
            rel[i] = first.time(i) - first.time(0);
        }
        double scale = Math.max(Math.abs(rel[rel.length - 1]), Double.MIN_NORMAL);
        for (Trajectory w : windows) {
            if (w.length() != rel.length) {
                return null;
            }
            for (int i = 0; i < rel.length; i++) {
                if (Math.abs(w.time(i) - w.time(0) - rel[i]) > 1e-12 * scale) {
                    return null;
                }
            }
        }
        return rel;
    }

    /**
     * Targets [T, B, D] (torchdiffeq's trajectory layout), for windows of equal length.
     *
     * @throws DataException when windows differ in length (use {@link #target(int)} per row)
     */
    public Tensor targets() {
        int len = windows.get(0).length();
        int d = windows.get(0).dim();
        int batch = windows.size();
        double[] flat = new double[len * batch * d];
        for (int b = 0; b < batch; b++) {
            Trajectory w = windows.get(b);
            if (w.length() != len) {
                throw new DataException("window " + b + " ('" + w.id() + "') has " + w.length() + " samples, window 0 has "
                        + len + "; stacked targets need equal lengths");
            }
            for (int i = 0; i < len; i++) {
                w.copyState(i, flat, (i * batch + b) * d);
            }
        }
        return Tensor.fromArray(flat, len, batch, d);
    }

    /** Row b's target states [T_b, D]. */
    public Tensor target(int b) {
        return windows.get(b).statesTensor();
    }
}
