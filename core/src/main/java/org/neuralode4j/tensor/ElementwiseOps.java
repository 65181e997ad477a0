package org.neuralode4j.tensor;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;

/** Elementwise operations: unary functions, broadcasting binary operations, scalars, masks. */
final class ElementwiseOps {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int POW = 4;
    static final int MIN = 5;
    static final int MAX = 6;
    private static final String[] NAMES = {"add", "sub", "mul", "div", "pow", "minimum", "maximum"};

    private ElementwiseOps() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        double[] out = new double[x.numel()];
        op.apply(x.dataRef(), out);
        Tensor y = new Tensor(x.shapeRef(), out);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record(op.opName(), y, g -> new Tensor[] {op.backward(g, x, y)}, x);
        }
        return y;
    }

    private static double combine(int kind, double x, double y) {
        switch (kind) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case POW: return Math.pow(x, y);
            case MIN: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.min(x, y);
            case MAX: return Double.isNaN(x) || Double.isNaN(y) ? Double.NaN : Math.max(x, y);
            default: throw new AssertionError(kind);
        }
    }

    /** out[i] = a[i] (op) b[i] over equal lengths; the common operations have their own loops. */
    private static void sameShape(int kind, double[] a, double[] b, double[] out) {
        int n = out.length;
        switch (kind) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[i] = combine(kind, a[i], b[i]);
                }
            }
        }
    }

    /** Broadcasting computation of a (op) b into a new array of the broadcast shape. */
    private static double[] compute(int kind, Tensor a, Tensor b, int[] outShape) {
        double[] ad = a.dataRef();
        double[] bd = b.dataRef();
        double[] out = new double[Shape.numel(outShape)];
        if (Arrays.equals(a.shapeRef(), b.shapeRef())) {
            sameShape(kind, ad, bd, out);
        } else if (bd.length == 1) {
            double s = bd[0];
            for (int i = 0; i < out.length; i++) {
                out[i] = combine(kind, ad[i], s);
            }
        } else if (ad.length == 1) {
            double s = ad[0];
            for (int i = 0; i < out.length; i++) {
                out[i] = combine(kind, s, bd[i]);
            }
        } else if (Arrays.equals(a.shapeRef(), outShape) && Shape.isSuffix(b.shapeRef(), outShape)) {
            rowwise(kind, ad, bd, out);
        } else if (Arrays.equals(b.shapeRef(), outShape) && Shape.isSuffix(a.shapeRef(), outShape)) {
            int inner = ad.length;
            for (int off = 0; off < out.length; off += inner) {
                for (int j = 0; j < inner; j++) {
                    out[off + j] = combine(kind, ad[j], bd[off + j]);
                }
            }
        } else {
            general(kind, ad, Shape.broadcastStrides(a.shapeRef(), outShape), bd,
                    Shape.broadcastStrides(b.shapeRef(), outShape), outShape, out);
        }
        return out;
    }

    private static void general(int kind, double[] ad, int[] as, double[] bd, int[] bs, int[] shape, double[] out) {
        int rank = shape.length;
        int[] idx = new int[rank];
        int ai = 0;
        int bi = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = combine(kind, ad[ai], bd[bi]);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                ai += as[d];
                bi += bs[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                ai -= as[d] * shape[d];
                bi -= bs[d] * shape[d];
                idx[d] = 0;
            }
        }
    }

    /** out[r, j] = a[r, j] (op) b[j]: the bias-like broadcast of a trailing-dimension operand. */
    private static void rowwise(int kind, double[] ad, double[] bd, double[] out) {
        int inner = bd.length;
        for (int off = 0; off < out.length; off += inner) {
            switch (kind) {
                case ADD -> {
                    for (int j = 0; j < inner; j++) {
                        out[off + j] = ad[off + j] + bd[j];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < inner; j++) {
                        out[off + j] = ad[off + j] * bd[j];
                    }
                }
                default -> {
                    for (int j = 0; j < inner; j++) {
                        out[off + j] = combine(kind, ad[off + j], bd[j]);
                    }
                }
            }
        }
    }

    static Tensor binary(int kind, Tensor a, Tensor b) {
        int[] outShape = Shape.broadcast(NAMES[kind], a.shapeRef(), b.shapeRef());
        Tensor out = new Tensor(outShape, compute(kind, a, b, outShape));
        if (Autodiff.shouldRecord(a, b)) {
            Autodiff.record(NAMES[kind], out, g -> binaryBackward(kind, g, a, b, out), a, b);
        }
        return out;
    }

    private static Tensor[] binaryBackward(int kind, Tensor g, Tensor a, Tensor b, Tensor out) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        boolean ga = a.requiresGrad();
        boolean gb = b.requiresGrad();
        return switch (kind) {
            case ADD -> new Tensor[] {ga ? g.sumTo(as) : null, gb ? g.sumTo(bs) : null};
            case SUB -> new Tensor[] {ga ? g.sumTo(as) : null, gb ? g.neg().sumTo(bs) : null};
            case MUL -> new Tensor[] {ga ? g.mul(b).sumTo(as) : null, gb ? g.mul(a).sumTo(bs) : null};
            case DIV -> new Tensor[] {ga ? g.div(b).sumTo(as) : null,
                gb ? g.mul(out).div(b).neg().sumTo(bs) : null};
            case POW -> new Tensor[] {ga ? g.mul(b).mul(a.pow(b.sub(1.0))).sumTo(as) : null,
                gb ? g.mul(Tensor.where(a.gt(0), out.mul(a.log()), Tensor.scalar(0.0))).sumTo(bs) : null};
            case MIN, MAX -> {
                Tensor maskA = new Tensor(out.shapeRef(), pickMask(kind, a, b, out.shapeRef()));
                Tensor maskB = maskA.neg().add(1.0);
                yield new Tensor[] {ga ? g.mul(maskA).sumTo(as) : null, gb ? g.mul(maskB).sumTo(bs) : null};
            }
            default -> throw new AssertionError(kind);
        };
    }

    /** 1 where a wins, 0 where b wins, 1/2 on ties (the gradient share of a). */
    private static double[] pickMask(int kind, Tensor a, Tensor b, int[] shape) {
        double[] ea = a.expand(shape).dataRef();
        double[] eb = b.expand(shape).dataRef();
        double[] m = new double[ea.length];
        for (int i = 0; i < m.length; i++) {
            boolean aWins = kind == MAX ? ea[i] > eb[i] : ea[i] < eb[i];
            m[i] = ea[i] == eb[i] ? 0.5 : (aWins ? 1.0 : 0.0);
        }
        return m;
    }

    static Tensor scalar(int kind, Tensor x, double s) {
        double[] xd = x.dataRef();
        double[] out = new double[xd.length];
        switch (kind) {
            case ADD -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = xd[i] + s;
                }
            }
            case MUL -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = xd[i] * s;
                }
            }
            case POW -> {
                if (s == 2.0) {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = xd[i] * xd[i];
                    }
                } else if (s == 3.0) {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = xd[i] * xd[i] * xd[i];
                    }
                } else {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Math.pow(xd[i], s);
                    }
                }
            }
            default -> throw new AssertionError(kind);
        }
        Tensor y = new Tensor(x.shapeRef(), out);
        if (Autodiff.shouldRecord(x)) {
            Autodiff.record(NAMES[kind] + "Scalar", y, g -> new Tensor[] {switch (kind) {
                case ADD -> g;
                case MUL -> g.mul(s);
                default -> s == 0 ? null : g.mul(x.pow(s - 1.0).mul(s));
            }}, x);
        }
        return y;
    }

    static Tensor clamp(Tensor x, double lo, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " exceeds upper bound " + hi);
        }
        double[] xd = x.dataRef();
        double[] out = new double[xd.length];
        double[] mask = new double[xd.length];
        for (int i = 0; i < out.length; i++) {
            double v = xd[i];
            out[i] = v < lo ? lo : (v > hi ? hi : v);
            mask[i] = v >= lo && v <= hi ? 1.0 : 0.0;
        }
        Tensor y = new Tensor(x.shapeRef(), out);
        if (Autodiff.shouldRecord(x)) {
            Tensor m = new Tensor(x.shapeRef(), mask);
            Autodiff.record("clamp", y, g -> new Tensor[] {g.mul(m)}, x);
        }
        return y;
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shapeRef(), a.shapeRef()), b.shapeRef());
        double[] c = cond.expand(shape).dataRef();
        double[] ea = a.expand(shape).dataRef();
        double[] eb = b.expand(shape).dataRef();
        double[] out = new double[c.length];
        double[] mask = new double[c.length];
        for (int i = 0; i < out.length; i++) {
            boolean pickA = c[i] != 0;
            out[i] = pickA ? ea[i] : eb[i];
            mask[i] = pickA ? 1.0 : 0.0;
        }
        Tensor y = new Tensor(shape, out);
        if (Autodiff.shouldRecord(a, b)) {
            Tensor m = new Tensor(shape, mask);
            Autodiff.record("where", y, g -> new Tensor[] {
                a.requiresGrad() ? g.mul(m).sumTo(a.shapeRef()) : null,
                b.requiresGrad() ? g.mul(m.neg().add(1.0)).sumTo(b.shapeRef()) : null}, a, b);
        }
        return y;
    }

    static Tensor compare(Tensor x, double s, int mode) {
        double[] xd = x.dataRef();
        double[] out = new double[xd.length];
        for (int i = 0; i < out.length; i++) {
            boolean r = mode > 0 ? xd[i] > s : (mode < 0 ? xd[i] < s : xd[i] == s);
            out[i] = r ? 1.0 : 0.0;
        }
        return new Tensor(x.shapeRef(), out);
    }

    static Tensor nonFiniteMask(Tensor x) {
        double[] xd = x.dataRef();
        double[] out = new double[xd.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.isFinite(xd[i]) ? 0.0 : 1.0;
        }
        return new Tensor(x.shapeRef(), out);
    }
}
