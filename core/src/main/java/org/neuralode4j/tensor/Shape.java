package org.neuralode4j.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic for row-major tensors: element counts, strides, NumPy broadcasting and the
 * checks that turn a shape mistake into a message naming the operation and both shapes.
 *
 * <p>All methods are static and never modify their arguments.
 */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a tensor of this shape (1 for a 0-d shape). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + format(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides (in elements) of this shape. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Shape written as {@code [2, 3]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /**
     * The NumPy broadcast of two shapes: dimensions are aligned from the right and each pair must be
     * equal or contain a 1.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes when they do not broadcast
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " do not broadcast (dimension " + i + " of the aligned shapes: " + da + " vs " + db
                        + "); make the sizes equal or 1");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides for reading a tensor of shape {@code from} as if it had the broadcast shape {@code to}:
     * broadcast dimensions get stride 0.
     */
    static int[] broadcastStrides(int[] from, int[] to) {
        int[] fs = strides(from);
        int[] out = new int[to.length];
        int offset = to.length - from.length;
        for (int i = 0; i < to.length; i++) {
            if (i < offset) {
                out[i] = 0;
            } else {
                out[i] = from[i - offset] == 1 && to[i] != 1 ? 0 : fs[i - offset];
            }
        }
        return out;
    }

    /** Normalizes a possibly negative dimension index against a rank, naming the op on error. */
    public static int dim(String op, int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " is out of range for a tensor of rank "
                    + rank + " (valid: " + (-rank) + " to " + (rank - 1) + ")");
        }
        return d;
    }

    /** Throws unless the two shapes are identical. */
    public static void requireSame(String op, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                    + " must be equal");
        }
    }

    /** True when {@code suffix} equals the trailing dimensions of {@code shape}. */
    static boolean isSuffix(int[] suffix, int[] shape) {
        if (suffix.length > shape.length) {
            return false;
        }
        int off = shape.length - suffix.length;
        for (int i = 0; i < suffix.length; i++) {
            if (suffix[i] != shape[off + i]) {
                return false;
            }
        }
        return true;
    }
}
