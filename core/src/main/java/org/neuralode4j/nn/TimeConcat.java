package org.neuralode4j.nn;

import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Appends the time t as an extra input feature, for time-dependent vector fields f(t, z): the input
 * [..., d] becomes [..., d + 1]. Place it before a layer (several may appear in one
 * {@link Sequential}, which passes t to each), as torchdiffeq's and FFJORD's {@code ConcatLinear}
 * layers do with {@code cat([t, x], 1)}; the column goes first by default, or last.
 *
 * <p>t may be a single value (broadcast to every row) or one time per row (shape x.shape[:-1]);
 * gradients flow to t, so the times themselves can be differentiated. Without a time
 * ({@link #forward(Tensor)}) the module refuses to guess.
 */
public final class TimeConcat extends Module {
    /** Where the time column goes. */
    public enum Position {
        /** [t, x], as in torchdiffeq's and FFJORD's ConcatLinear. */
        FIRST,
        /** [x, t]. */
        LAST
    }

    private final Position position;

    /** The time column first. */
    public TimeConcat() {
        this(Position.FIRST);
    }

    /** @param position where the time column goes */
    public TimeConcat(Position position) {
        this.position = position;
    }

    /** @throws IllegalStateException always: the time is needed */
    @Override
    public Tensor forward(Tensor x) {
        throw new IllegalStateException("TimeConcat needs the time: call forward(t, x), not forward(x)");
    }

    @Override
    public Tensor forward(Tensor t, Tensor x) {
        int[] xs = x.shape();
        if (xs.length == 0) {
            throw new IllegalArgumentException("TimeConcat: the input must have at least one dimension, got a scalar");
        }
        int[] colShape = xs.clone();
        colShape[xs.length - 1] = 1;
        Tensor col;
        if (t.numel() == 1) {
            int[] ones = new int[xs.length];
            java.util.Arrays.fill(ones, 1);
            col = t.reshape(ones).expand(colShape);
        } else if (t.numel() == Shape.numel(colShape)) {
            col = t.reshape(colShape);
        } else {
            throw new IllegalArgumentException("TimeConcat: time of shape " + Shape.format(t.shape())
                    + " fits neither a single time nor one time per row of the input " + Shape.format(xs));
        }
        return position == Position.FIRST ? Tensor.cat(-1, col, x) : Tensor.cat(-1, x, col);
    }

    @Override
    protected String extraRepr() {
        return "position=" + position.name().toLowerCase(java.util.Locale.ROOT);
    }
}
