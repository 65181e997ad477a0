package org.neuralode4j.model;

import java.util.Arrays;
import java.util.List;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/**
 * The inputs of one solve: a single {@link InputSignal} shared by every row of the state, or one
 * signal per row ([B, D] state, B signals, u(t) of shape [B, U]).
 */
final class InputSource {
    private final List<InputSignal> signals;
    private final int dim;

    private InputSource(List<InputSignal> signals) {
        this.signals = List.copyOf(signals);
        this.dim = signals.get(0).dim();
    }

    /**
     * Checks the signals against the field and the state and binds them; {@code null} for a field
     * without inputs.
     *
     * @param inputDim channels the field reads
     * @param z0 the (augmented) initial state
     */
    static InputSource bind(List<InputSignal> signals, int inputDim, Tensor z0) {
        int count = signals == null ? 0 : signals.size();
        if (inputDim == 0) {
            if (count > 0) {
                throw new IllegalArgumentException("the vector field reads no inputs, but " + count + " input signal"
                        + (count == 1 ? " was" : "s were") + " given");
            }
            return null;
        }
        if (count == 0) {
            throw new IllegalArgumentException("the vector field reads " + inputDim + " input channel"
                    + (inputDim == 1 ? "" : "s") + "; pass an InputSignal (shared by all rows) or one per row of z0");
        }
        for (int i = 0; i < count; i++) {
            if (signals.get(i).dim() != inputDim) {
                throw new IllegalArgumentException("input signal " + i + " has " + signals.get(i).dim()
                        + " channels but the vector field reads " + inputDim);
            }
        }
        if (count > 1) {
            if (z0.rank() != 2 || z0.size(0) != count) {
                throw new IllegalArgumentException(count + " input signals (one per row) need z0 of shape [" + count
                        + ", D], got " + Arrays.toString(z0.shape()) + "; pass one signal to share it between rows");
            }
        }
        return new InputSource(signals);
    }

    /** Binds the signal of row b alone (per-sample solves). */
    InputSource row(int b) {
        return new InputSource(List.of(signals.size() == 1 ? signals.get(0) : signals.get(b)));
    }

    /**
     * The solve options with the signals' sample times added as landing times: jump times for
     * {@link Interpolation#HOLD} (u is discontinuous there), step times for {@link Interpolation#LINEAR}
     * and {@link Interpolation#PCHIP} (a derivative of u jumps, which an explicit step across the sample
     * would integrate with low order). The twice-differentiable {@link Interpolation#CUBIC} adds none.
     */
    SolveOptions landOnSamples(SolveOptions options) {
        java.util.TreeSet<Double> steps = new java.util.TreeSet<>();
        java.util.TreeSet<Double> jumps = new java.util.TreeSet<>();
        for (InputSignal s : signals) {
            java.util.Set<Double> target = switch (s.interpolation()) {
                case HOLD -> jumps;
                case LINEAR, PCHIP -> steps;
                case CUBIC -> null;
            };
            if (target != null) {
                for (double t : s.times()) {
                    target.add(t);
                }
            }
        }
        if (steps.isEmpty() && jumps.isEmpty()) {
            return options;
        }
        for (double t : options.stepTimes()) {
            steps.add(t);
        }
        for (double t : options.jumpTimes()) {
            jumps.add(t);
        }
        return options.toBuilder().stepTimes(toArray(steps)).jumpTimes(toArray(jumps)).build();
    }

    private static double[] toArray(java.util.Set<Double> set) {
        double[] out = new double[set.size()];
        int i = 0;
        for (double v : set) {
            out[i++] = v;
        }
        return out;
    }

    /** u(t) shaped [..., U] to match a state of shape {@code zShape} = [..., D]. */
    Tensor at(double t, int[] zShape) {
        int[] shape = zShape.clone();
        shape[shape.length - 1] = dim;
        if (signals.size() == 1) {
            Tensor u = signals.get(0).at(t);
            if (shape.length == 1) {
                return u;
            }
            int[] ones = new int[shape.length];
            Arrays.fill(ones, 1);
            ones[ones.length - 1] = dim;
            return u.reshape(ones).expand(shape);
        }
        double[] flat = new double[signals.size() * dim];
        double[] row = new double[dim];
        for (int b = 0; b < signals.size(); b++) {
            signals.get(b).at(t, row);
            System.arraycopy(row, 0, flat, b * dim, dim);
        }
        return Tensor.fromArray(flat, shape);
    }
}
