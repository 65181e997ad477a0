package org.neuralode4j.tensor;

import org.neuralode4j.autodiff.Autodiff;

/** Matrix products: matmul (2-d and batched 3-d), dot, outer. */
final class LinalgOps {
    private LinalgOps() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        if (as.length < 2 || as.length > 3 || bs.length < 2 || bs.length > 3) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.format(as) + " and " + Shape.format(bs)
                    + ": both operands must be 2-d [m, k]·[k, n] or batched 3-d [b, m, k]·[b, k, n]; "
                    + "use dot or outer for 1-d vectors, or reshape");
        }
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int kb = bs[bs.length - 2];
        int n = bs[bs.length - 1];
        int batchA = as.length == 3 ? as[0] : 1;
        int batchB = bs.length == 3 ? bs[0] : 1;
        if (k != kb || (as.length == 3 && bs.length == 3 && batchA != batchB)) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.format(as) + " and " + Shape.format(bs)
                    + " do not match: the inner dimensions (" + k + " vs " + kb + ")"
                    + (as.length == 3 && bs.length == 3 ? " and batch sizes (" + batchA + " vs " + batchB + ")" : "")
                    + " must be equal");
        }
        int batch = Math.max(batchA, batchB);
        boolean batched = as.length == 3 || bs.length == 3;
        int[] outShape = batched ? new int[] {batch, m, n} : new int[] {m, n};
        double[] out = new double[batch * m * n];
        double[] ad = a.dataRef();
        double[] bd = b.dataRef();
        for (int t = 0; t < batch; t++) {
            int aOff = as.length == 3 ? t * m * k : 0;
            int bOff = bs.length == 3 ? t * k * n : 0;
            Gemm.gemm(false, false, m, n, k, 1.0, ad, aOff, k, bd, bOff, n, 0.0, out, t * m * n, n);
        }
        Tensor c = new Tensor(outShape, out);
        if (Autodiff.shouldRecord(a, b)) {
            Autodiff.record("matmul", c, g -> new Tensor[] {
                a.requiresGrad() ? g.matmul(b.mT()).sumTo(as) : null,
                b.requiresGrad() ? a.mT().matmul(g).sumTo(bs) : null}, a, b);
        }
        return c;
    }

    static Tensor dot(Tensor a, Tensor b) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        if (as.length != 1 || bs.length != 1 || as[0] != bs[0]) {
            throw new IllegalArgumentException("dot: shapes " + Shape.format(as) + " and " + Shape.format(bs)
                    + ": dot needs two 1-d tensors of equal length");
        }
        double[] ad = a.dataRef();
        double[] bd = b.dataRef();
        double s = 0;
        for (int i = 0; i < ad.length; i++) {
            s += ad[i] * bd[i];
        }
        Tensor out = Tensor.scalar(s);
        if (Autodiff.shouldRecord(a, b)) {
            Autodiff.record("dot", out, g -> new Tensor[] {
                a.requiresGrad() ? b.mul(g) : null,
                b.requiresGrad() ? a.mul(g) : null}, a, b);
        }
        return out;
    }

    static Tensor outer(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1) {
            throw new IllegalArgumentException("outer: shapes " + Shape.format(a.shapeRef()) + " and "
                    + Shape.format(b.shapeRef()) + ": outer needs two 1-d tensors");
        }
        return a.reshape(a.numel(), 1).mul(b.reshape(1, b.numel()));
    }
}
