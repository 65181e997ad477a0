package org.neuralode4j.tensor;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;

/** Reductions (sum, mean, max, min, norm) over all elements or chosen dimensions. */
final class ReductionOps {
    private ReductionOps() {
    }

    /** Which dimensions a reduction removes; {@code null} dims means all. */
    private static boolean[] reducedDims(String op, int[] shape, int[] dims) {
        boolean[] r = new boolean[shape.length];
        if (dims == null) {
            Arrays.fill(r, true);
            return r;
        }
        for (int d : dims) {
            int k = Shape.dim(op, d, shape.length);
            if (r[k]) {
                throw new IllegalArgumentException(op + ": dimension " + d + " listed twice");
            }
            r[k] = true;
        }
        return r;
    }

    private static int[] keptShape(int[] shape, boolean[] reduced) {
        int[] k = shape.clone();
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) {
                k[i] = 1;
            }
        }
        return k;
    }

    private static int[] droppedShape(int[] shape, boolean[] reduced) {
        return Arrays.stream(range(shape.length)).filter(i -> !reduced[i]).map(i -> shape[i]).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** For every input element, the flat index of the output element it reduces into. */
    private static int[] targetIndex(int[] shape, boolean[] reduced) {
        int[] outStrides = Shape.strides(keptShape(shape, reduced));
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                outStrides[d] = 0;
            }
        }
        int n = Shape.numel(shape);
        int[] target = new int[n];
        int rank = shape.length;
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < n; i++) {
            target[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                off += outStrides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                off -= outStrides[d] * shape[d];
                idx[d] = 0;
            }
        }
        return target;
    }

    static double[] sumKernel(double[] x, int[] shape, boolean[] reduced) {
        int[] kept = keptShape(shape, reduced);
        double[] out = new double[Shape.numel(kept)];
        boolean all = true;
        for (boolean b : reduced) {
            all &= b;
        }
        if (all) {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            out[0] = s;
            return out;
        }
        if (shape.length >= 1 && reduced[0] && allFalseFrom(reduced, 1)) {
            int inner = out.length;
            for (int off = 0; off < x.length; off += inner) {
                for (int j = 0; j < inner; j++) {
                    out[j] += x[off + j];
                }
            }
            return out;
        }
        int[] target = targetIndex(shape, reduced);
        for (int i = 0; i < x.length; i++) {
            out[target[i]] += x[i];
        }
        return out;
    }

    private static boolean allFalseFrom(boolean[] r, int from) {
        for (int i = from; i < r.length; i++) {
            if (r[i]) {
                return false;
            }
        }
        return true;
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        int[] shape = x.shapeRef();
        boolean[] reduced = reducedDims("sum", shape, dims);
        int[] kept = keptShape(shape, reduced);
        int[] outShape = keepDim ? kept : droppedShape(shape, reduced);
        Tensor out = new Tensor(outShape, sumKernel(x.dataRef(), shape, reduced));
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record("sum", out, g -> new Tensor[] {g.reshape(kept).expand(shape)}, x);
        }
        return out;
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        int[] shape = x.shapeRef();
        boolean[] reduced = reducedDims("mean", shape, dims);
        int count = 1;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                count *= shape[d];
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("mean: reducing " + Shape.format(shape) + " over an empty dimension");
        }
        return sum(x, dims, keepDim).mul(1.0 / count);
    }

    static Tensor extreme(Tensor x, int[] dims, boolean keepDim, boolean max) {
        String op = max ? "max" : "min";
        int[] shape = x.shapeRef();
        if (x.numel() == 0) {
            throw new IllegalArgumentException(op + ": tensor of shape " + Shape.format(shape) + " is empty");
        }
        boolean[] reduced = reducedDims(op, shape, dims);
        int[] kept = keptShape(shape, reduced);
        double[] xd = x.dataRef();
        double[] best = new double[Shape.numel(kept)];
        int[] arg = new int[best.length];
        Arrays.fill(arg, -1);
        int[] target = targetIndex(shape, reduced);
        for (int i = 0; i < xd.length; i++) {
            int t = target[i];
            double v = xd[i];
            if (arg[t] < 0) {
                best[t] = v;
                arg[t] = i;
            } else if (!Double.isNaN(best[t]) && (Double.isNaN(v) || (max ? v > best[t] : v < best[t]))) {
                best[t] = v;
                arg[t] = i;
            }
        }
        Tensor out = new Tensor(keepDim ? kept : droppedShape(shape, reduced), best);
        if (Autodiff.shouldRecord(x)) {
            double[] onehot = new double[xd.length];
            for (int a : arg) {
                onehot[a] = 1.0;
            }
            Tensor mask = new Tensor(shape, onehot);
            Autodiff.record(op, out, g -> new Tensor[] {g.reshape(kept).expand(shape).mul(mask)}, x);
        }
        return out;
    }

    static Tensor norm(Tensor x, int[] dims, boolean keepDim) {
        int[] shape = x.shapeRef();
        boolean[] reduced = reducedDims("norm", shape, dims);
        int[] kept = keptShape(shape, reduced);
        double[] xd = x.dataRef();
        double[] sq = new double[xd.length];
        for (int i = 0; i < xd.length; i++) {
            sq[i] = xd[i] * xd[i];
        }
        double[] n = sumKernel(sq, shape, reduced);
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.sqrt(n[i]);
        }
        Tensor out = new Tensor(keepDim ? kept : droppedShape(shape, reduced), n);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record("norm", out, g -> {
                Tensor nk = out.reshape(kept);
                Tensor safe = Tensor.where(nk.eq(0), Tensor.scalar(1.0), nk);
                return new Tensor[] {x.mul(g.reshape(kept).div(safe).expand(shape))};
            }, x);
        }
        return out;
    }

    static Tensor sumTo(Tensor x, int[] target) {
        int[] shape = x.shapeRef();
        if (Arrays.equals(shape, target)) {
            return x;
        }
        int[] check = Shape.broadcast("sumTo", target, shape);
        if (!Arrays.equals(check, shape)) {
            throw new IllegalArgumentException("sumTo: shape " + Shape.format(target) + " does not broadcast to "
                    + Shape.format(shape));
        }
        int lead = shape.length - target.length;
        int count = 0;
        int[] dims = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (d < lead || (target[d - lead] == 1 && shape[d] != 1)) {
                dims[count++] = d;
            }
        }
        Tensor s = count == 0 ? x : sum(x, Arrays.copyOf(dims, count), true);
        return s.reshape(target);
    }
}
