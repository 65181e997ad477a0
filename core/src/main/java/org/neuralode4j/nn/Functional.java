package org.neuralode4j.nn;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Fused operations behind the modules, in the spirit of {@code torch.nn.functional}.
 *
 * <p>{@link #linear} computes y = x·Wᵀ + b as a single recorded node with a direct kernel for x·Wᵀ
 * (no transposed copy of W is made). Its backward pass is written with tensor operations — x̄ = ȳ·W
 * (an ordinary matmul), W̄ = ȳᵀ·x ({@link #matmulTN}, another fused node) and b̄ = Σ_rows ȳ — and
 * the three operations {@code linear}, {@code matmulTN} and {@code matmul} are closed under
 * differentiation, so create-graph (higher derivatives) works through them.
 */
public final class Functional {
    private Functional() {
    }

    /**
     * PyTorch's {@code torch.nn.functional.linear}: y = x·Wᵀ + b over the last dimension of x.
     *
     * @param x input of shape [..., in] (any rank ≥ 1); not modified
     * @param weight [out, in], PyTorch's layout; not modified
     * @param bias [out], or {@code null} for none; not modified
     * @return [..., out]; recorded as one node {@code "linear"} when an input requires gradients
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws.length != 2 || xs.length < 1 || xs[xs.length - 1] != ws[1]) {
            throw new IllegalArgumentException("linear: input " + Shape.format(xs) + " and weight " + Shape.format(ws)
                    + " do not match: the weight must be [out, in] with in equal to the input's last dimension");
        }
        int out = ws[0];
        int in = ws[1];
        if (bias != null && (bias.rank() != 1 || bias.size(0) != out)) {
            throw new IllegalArgumentException("linear: bias " + Shape.format(bias.shape()) + " must be [" + out
                    + "] for weight " + Shape.format(ws));
        }
        int rows = in == 0 ? rowsOf(xs) : x.numel() / in;
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        Tensor y = Tensor.zeros(ys);
        linearKernel(x.buffer(), weight.buffer(), bias == null ? null : bias.buffer(), y.buffer(), rows, in, out);
        if (bias == null ? Autodiff.shouldRecord(x, weight) : Autodiff.shouldRecord(x, weight, bias)) {
            Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
            Autodiff.record("linear", y, g -> linearBackward(g, x, weight, bias, xs, rows), inputs);
        }
        return y;
    }

    private static int rowsOf(int[] xs) {
        return Shape.numel(Arrays.copyOf(xs, xs.length - 1));
    }

    private static Tensor[] linearBackward(Tensor g, Tensor x, Tensor weight, Tensor bias, int[] xs, int rows) {
        int out = weight.size(0);
        int in = weight.size(1);
        Tensor g2 = g.rank() == 2 ? g : g.reshape(rows, out);
        Tensor gx = null;
        if (x.requiresGrad()) {
            gx = g2.matmul(weight);
            if (xs.length != 2) {
                gx = gx.reshape(xs);
            }
        }
        Tensor gw = null;
        if (weight.requiresGrad()) {
            gw = matmulTN(g2, x.rank() == 2 ? x : x.reshape(rows, in));
        }
        Tensor gb = bias != null && bias.requiresGrad() ? g2.sum(0, false) : null;
        return bias == null ? new Tensor[] {gx, gw} : new Tensor[] {gx, gw, gb};
    }

    /**
     * aᵀ·b for a = [r, m] and b = [r, n], without materializing aᵀ: the weight gradient of
     * {@link #linear}. Recorded as one node {@code "matmulTN"}.
     *
     * @param a [r, m]; not modified
     * @param b [r, n]; not modified
     * @return [m, n]
     */
    public static Tensor matmulTN(Tensor a, Tensor b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(0) != b.size(0)) {
            throw new IllegalArgumentException("matmulTN: shapes " + Shape.format(a.shape()) + " and "
                    + Shape.format(b.shape()) + " must be [r, m] and [r, n] with the same r");
        }
        int r = a.size(0);
        int m = a.size(1);
        int n = b.size(1);
        Tensor c = Tensor.zeros(m, n);
        tnKernel(a.buffer(), b.buffer(), c.buffer(), r, m, n);
        if (Autodiff.shouldRecord(a, b)) {
            // d(aᵀb): ā = b·ḡᵀ (a linear without bias), b̄ = a·ḡ
            Autodiff.record("matmulTN", c, g -> new Tensor[] {
                a.requiresGrad() ? linear(b, g, null) : null,
                b.requiresGrad() ? a.matmul(g) : null}, a, b);
        }
        return c;
    }

    /**
     * y[i, o] = b[o] + Σ_k x[i, k]·w[o, k]. Rows of x and of w are both contiguous, so every output
     * is a dot product; blocks of 4 rows × 4 outputs keep 16 independent accumulators in registers
     * and load each x and w element once per block (8 loads for 16 multiply-adds). Leftover rows go
     * through a 1 × 4 loop.
     *
     * @param b the bias, or {@code null}
     * @param y modified: fully overwritten
     */
    static void linearKernel(double[] x, double[] w, double[] b, double[] y, int rows, int in, int out) {
        int i = 0;
        for (; i + 3 < rows; i += 4) {
            fourRows(x, w, b, y, i, in, out);
        }
        for (; i < rows; i++) {
            oneRow(x, w, b, y, i, in, out);
        }
    }

    private static void fourRows(double[] x, double[] w, double[] b, double[] y, int i, int in, int out) {
        int x0 = i * in;
        int x1 = x0 + in;
        int x2 = x1 + in;
        int x3 = x2 + in;
        int y0 = i * out;
        int o = 0;
        for (; o + 3 < out; o += 4) {
            int w0 = o * in;
            int w1 = w0 + in;
            int w2 = w1 + in;
            int w3 = w2 + in;
            double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            for (int k = 0; k < in; k++) {
                double a0 = x[x0 + k];
                double a1 = x[x1 + k];
                double a2 = x[x2 + k];
                double a3 = x[x3 + k];
                double c0 = w[w0 + k];
                double c1 = w[w1 + k];
                double c2 = w[w2 + k];
                double c3 = w[w3 + k];
                s00 += a0 * c0;
                s01 += a0 * c1;
                s02 += a0 * c2;
                s03 += a0 * c3;
                s10 += a1 * c0;
                s11 += a1 * c1;
                s12 += a1 * c2;
                s13 += a1 * c3;
                s20 += a2 * c0;
                s21 += a2 * c1;
                s22 += a2 * c2;
                s23 += a2 * c3;
                s30 += a3 * c0;
                s31 += a3 * c1;
                s32 += a3 * c2;
                s33 += a3 * c3;
            }
            store4(y, y0 + o, b, o, s00, s01, s02, s03);
            store4(y, y0 + out + o, b, o, s10, s11, s12, s13);
            store4(y, y0 + 2 * out + o, b, o, s20, s21, s22, s23);
            store4(y, y0 + 3 * out + o, b, o, s30, s31, s32, s33);
        }
        for (; o < out; o++) {
            int wo = o * in;
            double t0 = 0;
            double t1 = 0;
            double t2 = 0;
            double t3 = 0;
            for (int k = 0; k < in; k++) {
                double c = w[wo + k];
                t0 += x[x0 + k] * c;
                t1 += x[x1 + k] * c;
                t2 += x[x2 + k] * c;
                t3 += x[x3 + k] * c;
            }
            double bo = b == null ? 0.0 : b[o];
            y[y0 + o] = t0 + bo;
            y[y0 + out + o] = t1 + bo;
            y[y0 + 2 * out + o] = t2 + bo;
            y[y0 + 3 * out + o] = t3 + bo;
        }
    }

    private static void store4(double[] y, int at, double[] b, int o, double s0, double s1, double s2, double s3) {
        if (b == null) {
            y[at] = s0;
            y[at + 1] = s1;
            y[at + 2] = s2;
            y[at + 3] = s3;
        } else {
            y[at] = s0 + b[o];
            y[at + 1] = s1 + b[o + 1];
            y[at + 2] = s2 + b[o + 2];
            y[at + 3] = s3 + b[o + 3];
        }
    }

    private static void oneRow(double[] x, double[] w, double[] b, double[] y, int i, int in, int out) {
        int xo = i * in;
        int yo = i * out;
        int o = 0;
        for (; o + 3 < out; o += 4) {
            int w0 = o * in;
            int w1 = w0 + in;
            int w2 = w1 + in;
            int w3 = w2 + in;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int k = 0; k < in; k++) {
                double xk = x[xo + k];
                s0 += xk * w[w0 + k];
                s1 += xk * w[w1 + k];
                s2 += xk * w[w2 + k];
                s3 += xk * w[w3 + k];
            }
            store4(y, yo + o, b, o, s0, s1, s2, s3);
        }
        for (; o < out; o++) {
            int wo = o * in;
            double s = 0;
            for (int k = 0; k < in; k++) {
                s += x[xo + k] * w[wo + k];
            }
            y[yo + o] = b == null ? s : s + b[o];
        }
    }

    /**
     * c[m×n] = aᵀ·b for a = [r, m], b = [r, n]: rank-one updates row by row, streaming rows of b
     * and c (the loop the JIT vectorizes).
     *
     * @param c modified: must hold zeros on entry; receives the product
     */
    static void tnKernel(double[] a, double[] b, double[] c, int r, int m, int n) {
        for (int p = 0; p < r; p++) {
            int aRow = p * m;
            int bRow = p * n;
            for (int i = 0; i < m; i++) {
                double api = a[aRow + i];
                int cRow = i * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += api * b[bRow + j];
                }
            }
        }
    }
}
