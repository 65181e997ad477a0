package org.neuralode4j.tensor;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Node;

/**
 * A dense, row-major tensor of doubles, differentiable by reverse-mode autodiff.
 *
 * <p>Shapes are {@code int[]} of any rank (0-d tensors are scalars). Operations return new tensors
 * and never modify their inputs; binary elementwise operations broadcast like NumPy. When an input
 * {@linkplain #requiresGrad() requires gradients} and the thread's {@link org.neuralode4j.autodiff.Tape}
 * is recording, the operation is recorded so that {@link #backward()} can propagate gradients; when
 * no input requires gradients an operation costs nothing beyond its arithmetic.
 *
 * <p>ODE states are {@code [batch, dim]} and trajectories {@code [time, batch, dim]}, as in
 * torchdiffeq, so that results line up with PyTorch code.
 *
 * <p>Ownership: the element array is owned by the tensor. {@link #reshape} and {@link #detach} share
 * it (views, as in PyTorch); {@link #buffer()} exposes it for optimizers and kernels that update
 * parameters in place.
 */
public final class Tensor {
    private final int[] shape;
    private final double[] data;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;

    /** Wraps {@code data} without copying; the caller hands over ownership. */
    Tensor(int[] shape, double[] data) {
        if (Shape.numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Shape.format(shape) + " needs " + Shape.numel(shape)
                    + " elements, got " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    // ------------------------------------------------------------------ creation

    /** A tensor holding a copy of {@code data} with the given shape. */
    public static Tensor fromArray(double[] data, int... shape) {
        return new Tensor(shape.clone(), data.clone());
    }

    /** A 1-d tensor of the given values. */
    public static Tensor of(double... values) {
        return new Tensor(new int[] {values.length}, values.clone());
    }

    /** A 2-d tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("of: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(new int[] {rows.length, cols}, d);
    }

    /** A 0-d tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new int[0], new double[] {value});
    }

    /** All zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape.clone(), new double[Shape.numel(shape)]);
    }

    /** All ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** Every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        Arrays.fill(d, value);
        return new Tensor(shape.clone(), d);
    }

    /** Zeros of {@code like}'s shape. */
    public static Tensor zerosLike(Tensor like) {
        return zeros(like.shape);
    }

    /** Ones of {@code like}'s shape. */
    public static Tensor onesLike(Tensor like) {
        return ones(like.shape);
    }

    /** {@code n} evenly spaced values from {@code start} to {@code end} inclusive (NumPy's linspace). */
    public static Tensor linspace(double start, double end, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("linspace: n = " + n + " must be at least 1");
        }
        double[] d = new double[n];
        double step = n == 1 ? 0 : (end - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        if (n > 1) {
            d[n - 1] = end;
        }
        return new Tensor(new int[] {n}, d);
    }

    /** Values {@code start, start + step, ...} strictly before {@code end}. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || Math.signum(end - start) * Math.signum(step) < 0) {
            throw new IllegalArgumentException("arange: step " + step + " cannot go from " + start + " to " + end);
        }
        int n = (int) Math.ceil((end - start) / step);
        double[] d = new double[Math.max(n, 0)];
        for (int i = 0; i < d.length; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(new int[] {d.length}, d);
    }

    /** {@code 0, 1, ..., n-1}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** The n×n identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return new Tensor(new int[] {n, n}, d);
    }

    /** Standard normal samples from {@code rng} (seed it for reproducibility). */
    public static Tensor randn(RandomGenerator rng, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(shape.clone(), d);
    }

    /** Normal samples with mean {@code mean} and standard deviation {@code std}. */
    public static Tensor normal(RandomGenerator rng, double mean, double std, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + std * rng.nextGaussian();
        }
        return new Tensor(shape.clone(), d);
    }

    /** Uniform samples in [0, 1). */
    public static Tensor rand(RandomGenerator rng, int... shape) {
        return uniform(rng, 0, 1, shape);
    }

    /** Uniform samples in [lo, hi). */
    public static Tensor uniform(RandomGenerator rng, double lo, double hi, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return new Tensor(shape.clone(), d);
    }

    // ------------------------------------------------------------------ accessors

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of dimension {@code dim} (negative counts from the end). */
    public int size(int dim) {
        return shape[Shape.dim("size", dim, shape.length)];
    }

    /** Whether {@code other} has this tensor's shape (no copies made). */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int numel() {
        return data.length;
    }

    /** The value of a single-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shape.format(shape) + " has " + data.length
                    + " elements; item needs exactly one");
        }
        return data[0];
    }

    /** The element at a full index. */
    public double get(int... index) {
        return data[offset(index)];
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: index of length " + index.length + " for a tensor of rank " + shape.length);
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " out of range for dimension " + i
                        + " of size " + shape[i]);
            }
            off = off * shape[i] + k;
        }
        return off;
    }

    /** A copy of the elements in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * The live element array (not a copy). Writing to it changes this tensor and every view sharing
     * it, bypassing autodiff: meant for optimizers updating parameters in place and for kernels.
     */
    public double[] buffer() {
        return data;
    }

    /** True when any element is NaN or infinite. */
    public boolean hasNonFinite() {
        for (double v : data) {
            if (!Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ autodiff state

    /** Whether gradients are tracked for this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks a leaf tensor as a variable whose gradient is accumulated by {@link #backward()}.
     *
     * @return this tensor (modified)
     */
    public Tensor requiresGrad(boolean flag) {
        if (gradFn != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can change requiresGrad; this tensor was "
                    + "computed by '" + gradFn.op() + "'; use detach() to get a leaf");
        }
        requiresGrad = flag;
        return this;
    }

    /** The accumulated gradient of a leaf, or {@code null} before any backward pass reached it. */
    public Tensor grad() {
        return grad;
    }

    /** Forgets the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** The node that computed this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** True for tensors not computed by a recorded operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /** Called by {@link Autodiff#record}; binds the node that computed this tensor. */
    public void bindGradFn(Node node) {
        if (gradFn != null || requiresGrad) {
            throw new IllegalStateException("bindGradFn: tensor is already part of a graph");
        }
        gradFn = node;
        requiresGrad = true;
    }

    /**
     * Adds {@code g} to this leaf's gradient; called by the autodiff engine. A recorded {@code g}
     * (create-graph) is kept as is so the gradient can be differentiated again.
     */
    public void accumulateGrad(Tensor g) {
        Shape.requireSame("accumulateGrad", g.shape, shape);
        if (g.requiresGrad || (grad != null && grad.requiresGrad)) {
            grad = grad == null ? g : grad.add(g);
        } else if (grad == null) {
            grad = new Tensor(shape.clone(), g.data.clone());
        } else {
            double[] acc = grad.data;
            double[] gd = g.data;
            for (int i = 0; i < acc.length; i++) {
                acc[i] += gd[i];
            }
        }
    }

    /** A tensor sharing this one's elements, cut from the graph (a leaf not requiring gradients). */
    public Tensor detach() {
        return new Tensor(shape, data);
    }

    /** A deep copy, recorded (gradient passes through unchanged). */
    public Tensor copy() {
        Tensor out = new Tensor(shape.clone(), data.clone());
        return Autodiff.shouldRecord(this) ? Autodiff.record("copy", out, g -> new Tensor[] {g}, this) : out;
    }

    /** Backpropagates from this single-element tensor (gradient 1). */
    public void backward() {
        Autodiff.backward(this, null, false, false);
    }

    /** Backpropagates with an explicit seed gradient of this tensor's shape. */
    public void backward(Tensor seed) {
        Autodiff.backward(this, seed, false, false);
    }

    /** Backpropagates, optionally keeping the graph and recording the backward pass itself. */
    public void backward(Tensor seed, boolean retainGraph, boolean createGraph) {
        Autodiff.backward(this, seed, retainGraph, createGraph);
    }

    // ------------------------------------------------------------------ elementwise binary (broadcasting)

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.ADD, this, other);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.SUB, this, other);
    }

    /** {@code this * other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.MUL, this, other);
    }

    /** {@code this / other} elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.DIV, this, other);
    }

    /** {@code this ^ exponent} elementwise, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return ElementwiseOps.binary(ElementwiseOps.POW, this, exponent);
    }

    /** Elementwise minimum, broadcasting; ties share the gradient equally. */
    public Tensor minimum(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.MIN, this, other);
    }

    /** Elementwise maximum, broadcasting; ties share the gradient equally. */
    public Tensor maximum(Tensor other) {
        return ElementwiseOps.binary(ElementwiseOps.MAX, this, other);
    }

    /** {@code condition != 0 ? a : b} elementwise, broadcasting all three; no gradient to the condition. */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return ElementwiseOps.where(condition, a, b);
    }

    // ------------------------------------------------------------------ elementwise with a scalar

    /** {@code this + s}. */
    public Tensor add(double s) {
        return ElementwiseOps.scalar(ElementwiseOps.ADD, this, s);
    }

    /** {@code this - s}. */
    public Tensor sub(double s) {
        return ElementwiseOps.scalar(ElementwiseOps.ADD, this, -s);
    }

    /** {@code this * s}. */
    public Tensor mul(double s) {
        return ElementwiseOps.scalar(ElementwiseOps.MUL, this, s);
    }

    /** {@code this / s}. */
    public Tensor div(double s) {
        return ElementwiseOps.scalar(ElementwiseOps.MUL, this, 1.0 / s);
    }

    /** {@code this ^ p}. */
    public Tensor pow(double p) {
        return ElementwiseOps.scalar(ElementwiseOps.POW, this, p);
    }

    /** Clamps every element to [lo, hi]; the gradient passes where lo ≤ x ≤ hi. */
    public Tensor clamp(double lo, double hi) {
        return ElementwiseOps.clamp(this, lo, hi);
    }

    // ------------------------------------------------------------------ elementwise unary

    /** {@code -x}. */
    public Tensor neg() {
        return ElementwiseOps.unary(UnaryOp.NEG, this);
    }

    /** {@code e^x}. */
    public Tensor exp() {
        return ElementwiseOps.unary(UnaryOp.EXP, this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return ElementwiseOps.unary(UnaryOp.LOG, this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return ElementwiseOps.unary(UnaryOp.SQRT, this);
    }

    /** Absolute value (gradient sign(x), 0 at 0). */
    public Tensor abs() {
        return ElementwiseOps.unary(UnaryOp.ABS, this);
    }

    /** Sign (-1, 0 or 1); zero gradient. */
    public Tensor sign() {
        return ElementwiseOps.unary(UnaryOp.SIGN, this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return ElementwiseOps.unary(UnaryOp.TANH, this);
    }

    /** Logistic sigmoid 1 / (1 + e^-x). */
    public Tensor sigmoid() {
        return ElementwiseOps.unary(UnaryOp.SIGMOID, this);
    }

    /** max(x, 0) (gradient 0 at 0, as in PyTorch). */
    public Tensor relu() {
        return ElementwiseOps.unary(UnaryOp.RELU, this);
    }

    /** log(1 + e^x), computed stably (PyTorch's softplus with beta 1; linear above 20). */
    public Tensor softplus() {
        return ElementwiseOps.unary(UnaryOp.SOFTPLUS, this);
    }

    /** ELU with alpha 1: x for x > 0, e^x - 1 otherwise (Clevert et al. 2016). */
    public Tensor elu() {
        return ElementwiseOps.unary(UnaryOp.ELU, this);
    }

    /** GELU, the exact form x·Φ(x) with the normal CDF Φ (Hendrycks &amp; Gimpel 2016). */
    public Tensor gelu() {
        return ElementwiseOps.unary(UnaryOp.GELU, this);
    }

    /** The error function erf(x). */
    public Tensor erf() {
        return ElementwiseOps.unary(UnaryOp.ERF, this);
    }

    /** Sine. */
    public Tensor sin() {
        return ElementwiseOps.unary(UnaryOp.SIN, this);
    }

    /** Cosine. */
    public Tensor cos() {
        return ElementwiseOps.unary(UnaryOp.COS, this);
    }

    /** {@code x²}. */
    public Tensor square() {
        return ElementwiseOps.unary(UnaryOp.SQUARE, this);
    }

    /** {@code 1 / x}. */
    public Tensor reciprocal() {
        return ElementwiseOps.unary(UnaryOp.RECIPROCAL, this);
    }

    // ------------------------------------------------------------------ comparisons (not differentiable)

    /** 1 where {@code this > s}, else 0. */
    public Tensor gt(double s) {
        return ElementwiseOps.compare(this, s, 1);
    }

    /** 1 where {@code this < s}, else 0. */
    public Tensor lt(double s) {
        return ElementwiseOps.compare(this, s, -1);
    }

    /** 1 where {@code this == s}, else 0. */
    public Tensor eq(double s) {
        return ElementwiseOps.compare(this, s, 0);
    }

    /** 1 where the element is NaN or infinite, else 0. */
    public Tensor isNonFinite() {
        return ElementwiseOps.nonFiniteMask(this);
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (0-d). */
    public Tensor sum() {
        return ReductionOps.sum(this, null, false);
    }

    /** Sum over {@code dims}; {@code keepDim} keeps them with size 1. */
    public Tensor sum(int[] dims, boolean keepDim) {
        return ReductionOps.sum(this, dims, keepDim);
    }

    /** Sum over one dimension. */
    public Tensor sum(int dim, boolean keepDim) {
        return ReductionOps.sum(this, new int[] {dim}, keepDim);
    }

    /** Mean of all elements (0-d). */
    public Tensor mean() {
        return ReductionOps.mean(this, null, false);
    }

    /** Mean over {@code dims}. */
    public Tensor mean(int[] dims, boolean keepDim) {
        return ReductionOps.mean(this, dims, keepDim);
    }

    /** Mean over one dimension. */
    public Tensor mean(int dim, boolean keepDim) {
        return ReductionOps.mean(this, new int[] {dim}, keepDim);
    }

    /** Largest element (0-d); the gradient goes to the first maximal element. */
    public Tensor max() {
        return ReductionOps.extreme(this, null, false, true);
    }

    /** Largest element along {@code dim}; the gradient goes to the first maximal element. */
    public Tensor max(int dim, boolean keepDim) {
        return ReductionOps.extreme(this, new int[] {dim}, keepDim, true);
    }

    /** Smallest element (0-d). */
    public Tensor min() {
        return ReductionOps.extreme(this, null, false, false);
    }

    /** Smallest element along {@code dim}. */
    public Tensor min(int dim, boolean keepDim) {
        return ReductionOps.extreme(this, new int[] {dim}, keepDim, false);
    }

    /** Euclidean norm of all elements (0-d); gradient 0 at the origin. */
    public Tensor norm() {
        return ReductionOps.norm(this, null, false);
    }

    /** Euclidean norm over {@code dims}. */
    public Tensor norm(int[] dims, boolean keepDim) {
        return ReductionOps.norm(this, dims, keepDim);
    }

    /** Euclidean norm over one dimension. */
    public Tensor norm(int dim, boolean keepDim) {
        return ReductionOps.norm(this, new int[] {dim}, keepDim);
    }

    /**
     * Sums broadcast dimensions away so the result has {@code target}'s shape: the adjoint of
     * broadcasting {@code target} to this tensor's shape.
     */
    public Tensor sumTo(int... target) {
        return ReductionOps.sumTo(this, target);
    }

    // ------------------------------------------------------------------ linear algebra

    /**
     * Matrix product: [m, k]·[k, n], or batched [b, m, k]·[b, k, n]; a 2-d operand is broadcast over
     * the batch of a 3-d one.
     */
    public Tensor matmul(Tensor other) {
        return LinalgOps.matmul(this, other);
    }

    /** Inner product of two 1-d tensors (0-d result). */
    public Tensor dot(Tensor other) {
        return LinalgOps.dot(this, other);
    }

    /** Outer product of two 1-d tensors: [m]⊗[n] → [m, n]. */
    public Tensor outer(Tensor other) {
        return LinalgOps.outer(this, other);
    }

    // ------------------------------------------------------------------ shape

    /** Same elements with a new shape (one dimension may be -1); shares the element array. */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** Broadcasts to {@code target} (materialized); the gradient sums back. */
    public Tensor expand(int... target) {
        return ShapeOps.expand(this, target);
    }

    /** Reorders dimensions: dimension i of the result is dimension {@code perm[i]} of this. */
    public Tensor permute(int... perm) {
        return ShapeOps.permute(this, perm);
    }

    /** Swaps two dimensions. */
    public Tensor transpose(int dim0, int dim1) {
        return ShapeOps.transpose(this, dim0, dim1);
    }

    /** Transpose of the last two dimensions. */
    public Tensor mT() {
        return ShapeOps.transpose(this, -2, -1);
    }

    /** Inserts a dimension of size 1 at {@code dim}. */
    public Tensor unsqueeze(int dim) {
        return ShapeOps.unsqueeze(this, dim);
    }

    /** Removes dimension {@code dim}, which must have size 1. */
    public Tensor squeeze(int dim) {
        return ShapeOps.squeeze(this, dim);
    }

    /** The sub-tensor at {@code index} along {@code dim}, which is removed from the shape. */
    public Tensor select(int dim, int index) {
        return ShapeOps.select(this, dim, index);
    }

    /** Elements {@code start, start+step, ...} before {@code end} along {@code dim}. */
    public Tensor slice(int dim, int start, int end, int step) {
        return ShapeOps.slice(this, dim, start, end, step);
    }

    /** Elements {@code start .. end-1} along {@code dim}. */
    public Tensor slice(int dim, int start, int end) {
        return ShapeOps.slice(this, dim, start, end, 1);
    }

    /** Gathers the given indices along {@code dim} (batch sampling); indices may repeat. */
    public Tensor indexSelect(int dim, int... indices) {
        return ShapeOps.indexSelect(this, dim, indices);
    }

    /** Joins tensors along an existing dimension. */
    public static Tensor cat(int dim, Tensor... tensors) {
        return ShapeOps.cat(dim, tensors);
    }

    /** Joins tensors of equal shape along a new dimension. */
    public static Tensor stack(int dim, Tensor... tensors) {
        return ShapeOps.stack(dim, tensors);
    }

    /** Splits along {@code dim} into pieces of the given sizes (which must add up to the dimension). */
    public Tensor[] split(int dim, int... sizes) {
        return ShapeOps.split(this, dim, sizes);
    }

    /** Splits along {@code dim} into pieces of {@code size} (the last may be smaller). */
    public Tensor[] chunk(int dim, int size) {
        return ShapeOps.chunk(this, dim, size);
    }

    /** Flattens to 1-d. */
    public Tensor flatten() {
        return reshape(-1);
    }

    // ------------------------------------------------------------------ object

    /** Readable form, e.g. {@code tensor([[1.0000, 2.0000]], shape=[1, 2])}. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    /** True when both tensors have the same shape and every element differs by at most {@code tol}. */
    public boolean allClose(Tensor other, double tol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (!(Math.abs(data[i] - other.data[i]) <= tol)) {
                return false;
            }
        }
        return true;
    }

    int[] shapeRef() {
        return shape;
    }

    double[] dataRef() {
        return data;
    }
}
