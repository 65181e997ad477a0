package org.neuralode4j.ode;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * The continuous solution of a finished solve: z(t) and dz/dt anywhere in the integrated span,
 * from each step's interpolating polynomial (the method's continuous extension, or cubic Hermite).
 * Nothing is recorded: values are plain tensors. The checkpointed adjoint and the plots read it.
 *
 * <p>Storage: per accepted step, the polynomial's coefficient vectors in θ = (t - t_n)/h_n, i.e.
 * (degree + 1)·n doubles (5n for dopri5, 4n for Hermite). At a step boundary the step that ends
 * there is used; after an event's jump the pre-jump state is returned at the event time.
 */
public final class DenseSolution {
    private final int[] shape;
    private final int n;
    private final double direction;
    private final double start;
    private final double end;
    private final Segments segments;
    private final List<DenseSolution> rows;

    private DenseSolution(int[] shape, double direction, double start, double end, Segments segments,
                          List<DenseSolution> rows) {
        this.shape = shape;
        this.n = Shape.numel(shape);
        this.direction = direction;
        this.start = start;
        this.end = end;
        this.segments = segments;
        this.rows = rows;
    }

    /** Concatenates the dense solutions of the rows of a per-sample solve along dimension 0. */
    static DenseSolution stackRows(List<DenseSolution> rows, int[] shape) {
        DenseSolution first = rows.get(0);
        double lo = first.start;
        double hi = first.end;
        for (DenseSolution r : rows) {
            if (first.direction * (r.end - hi) < 0) {
                hi = r.end;
            }
        }
        return new DenseSolution(shape.clone(), first.direction, lo, hi, null, List.copyOf(rows));
    }

    /** @return the initial time */
    public double startTime() {
        return start;
    }

    /** @return the last integrated time (an event may have ended the solve early) */
    public double endTime() {
        return end;
    }

    /** @return a copy of the state's shape */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The state at t.
     *
     * @param t a time in the integrated span
     * @return a new tensor of the state's shape
     */
    public Tensor at(double t) {
        Tensor out = Tensor.zeros(shape);
        evaluate(t, out.buffer(), 0, false, false);
        return out;
    }

    /**
     * The states at several times.
     *
     * @param times times in the integrated span, any order
     * @return a new tensor of shape [times.length, *state shape]
     */
    public Tensor at(double... times) {
        int[] outShape = new int[shape.length + 1];
        outShape[0] = times.length;
        System.arraycopy(shape, 0, outShape, 1, shape.length);
        Tensor out = Tensor.zeros(outShape);
        for (int i = 0; i < times.length; i++) {
            evaluate(times[i], out.buffer(), i * n, false, false);
        }
        return out;
    }

    /**
     * Writes the state at t into {@code out} (row-major), without allocating.
     *
     * @param t a time in the integrated span
     * @param out receives n values; modified
     */
    public void at(double t, double[] out) {
        if (out.length < n) {
            throw new IllegalArgumentException("at: out has " + out.length + " elements, the state has " + n);
        }
        evaluate(t, out, 0, false, false);
    }

    /**
     * The state at t, continuing the first or the last step's polynomial beyond the integrated span
     * when t lies outside it; inside the span the same as {@link #at(double, double[])}. For the
     * stages of a method that reach past the end of its step (kvaerno5 has c_3 ≈ 1.23), when the
     * field being integrated reads this solution: the continuation is as smooth as the polynomial,
     * so the step keeps its order, and the step size control sees its error like any other.
     *
     * @param t any time; best within a fraction of a step of the span
     * @param out receives n values; modified
     */
    public void extendedAt(double t, double[] out) {
        if (out.length < n) {
            throw new IllegalArgumentException("extendedAt: out has " + out.length + " elements, the state has " + n);
        }
        evaluate(t, out, 0, false, true);
    }

    /**
     * The time derivative of the interpolant at t (an approximation of f(t, z(t)) of the
     * interpolant's order minus one).
     *
     * @param t a time in the integrated span
     * @return a new tensor of the state's shape
     */
    public Tensor derivativeAt(double t) {
        Tensor out = Tensor.zeros(shape);
        evaluate(t, out.buffer(), 0, true, false);
        return out;
    }

    /**
     * The times where one accepted step ends and the next begins, strictly inside the span, in solve
     * order (for a per-sample solve, every row's, merged). A solve that lands on them sees the same
     * step structure that resolved this solution.
     *
     * @return a new array, empty for a single step
     */
    public double[] interiorStepBoundaries() {
        if (rows != null) {
            double[] all = rows.stream().flatMapToDouble(r -> Arrays.stream(r.interiorStepBoundaries())).distinct()
                    .sorted().toArray();
            return direction > 0 ? all : java.util.stream.IntStream.range(0, all.length)
                    .mapToDouble(i -> all[all.length - 1 - i]).toArray();
        }
        return segments.interiorStarts();
    }

    private void evaluate(double t, double[] out, int offset, boolean derivative, boolean extend) {
        if (!extend && !(direction * (t - start) >= 0 && direction * (end - t) >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "t = %.17g is outside the integrated span [%.17g, %.17g]; dense output does not extrapolate",
                    t, start, end));
        }
        if (rows != null) {
            int rowSize = n / rows.size();
            for (int r = 0; r < rows.size(); r++) {
                rows.get(r).evaluate(t, out, offset + r * rowSize, derivative, extend);
            }
            return;
        }
        segments.evaluate(segments.find(t, direction), t, out, offset, derivative);
    }

    /** Collects the steps of a solve. */
    static final class Recorder {
        private final int[] shape;
        private final double direction;
        private final Segments segments;

        Recorder(int[] shape, double direction) {
            this.shape = shape.clone();
            this.direction = direction;
            this.segments = new Segments(Shape.numel(shape));
        }

        /**
         * Adds a step's polynomial, valid on [t0, tEnd] (tEnd before t0 + h when an event cut it).
         *
         * @param coefficients (degree + 1)·n values; copied
         */
        void add(double t0, double h, double tEnd, int degree, double[] coefficients) {
            segments.add(t0, h, tEnd, degree, coefficients);
        }

        DenseSolution build(double start, double end) {
            return new DenseSolution(shape, direction, start, end, segments, null);
        }
    }

    /** Growable storage of step polynomials. */
    private static final class Segments {
        private final int n;
        private double[] starts = new double[16];
        private double[] ends = new double[16];
        private double[] steps = new double[16];
        private int[] degrees = new int[16];
        private double[][] coefficients = new double[16][];
        private int count;

        Segments(int n) {
            this.n = n;
        }

        /** The start times of all segments but the first. */
        double[] interiorStarts() {
            return count <= 1 ? new double[0] : Arrays.copyOfRange(starts, 1, count);
        }

        void add(double t0, double h, double tEnd, int degree, double[] c) {
            if (count == starts.length) {
                int cap = count * 2;
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
                steps = Arrays.copyOf(steps, cap);
                degrees = Arrays.copyOf(degrees, cap);
                coefficients = Arrays.copyOf(coefficients, cap);
            }
            starts[count] = t0;
            ends[count] = tEnd;
            steps[count] = h;
            degrees[count] = degree;
            coefficients[count] = Arrays.copyOf(c, (degree + 1) * n);
            count++;
        }

        /** The first segment whose end is at or past t (in the direction of integration). */
        int find(double t, double direction) {
            int lo = 0;
            int hi = count - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (direction * (ends[mid] - t) >= 0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        void evaluate(int i, double t, double[] out, int offset, boolean derivative) {
            double h = steps[i];
            double theta = h == 0 ? 0 : (t - starts[i]) / h;
            int degree = degrees[i];
            double[] c = coefficients[i];
            if (!derivative) {
                for (int j = 0; j < n; j++) {
                    double v = c[degree * n + j];
                    for (int m = degree - 1; m >= 0; m--) {
                        v = v * theta + c[m * n + j];
                    }
                    out[offset + j] = v;
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double v = degree * c[degree * n + j];
                    for (int m = degree - 1; m >= 1; m--) {
                        v = v * theta + m * c[m * n + j];
                    }
                    out[offset + j] = degree == 0 || h == 0 ? 0 : v / h;
                }
            }
        }
    }
}
