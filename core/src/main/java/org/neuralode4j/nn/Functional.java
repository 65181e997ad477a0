package org.neuralode4j.nn;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Gemm;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Fused operations behind the modules, in the spirit of {@code torch.nn.functional}.
 *
 * <p>{@link #linear} computes y = x·Wᵀ + b as a single recorded node with a direct kernel for x·Wᵀ
 * ({@link Gemm} reads W in place, no transposed copy is made). Its backward pass is written with
 * tensor operations — x̄ = ȳ·W (an ordinary matmul), W̄ = ȳᵀ·x ({@link #matmulTN}, another fused
 * node) and b̄ = Σ_rows ȳ — and the three operations {@code linear}, {@code matmulTN} and {@code matmul} are closed under
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
        linearInto(x.buffer(), weight.buffer(), bias == null ? null : bias.buffer(), y.buffer(), rows, in, out);
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
        Gemm.gemm(true, false, m, n, r, 1.0, a.buffer(), 0, m, b.buffer(), 0, n, 0.0, c.buffer(), 0, n);
        if (Autodiff.shouldRecord(a, b)) {
            // d(aᵀb): ā = b·ḡᵀ (a linear without bias), b̄ = a·ḡ
            Autodiff.record("matmulTN", c, g -> new Tensor[] {
                a.requiresGrad() ? linear(b, g, null) : null,
                b.requiresGrad() ? a.matmul(g) : null}, a, b);
        }
        return c;
    }

    /**
     * y = x·Wᵀ + b on arrays: the bias fills each row, then one {@link Gemm} call adds x·Wᵀ (W's
     * rows are read in place, no transposed copy).
     *
     * @param b the bias, or {@code null}
     * @param y modified: fully overwritten
     */
    static void linearInto(double[] x, double[] w, double[] b, double[] y, int rows, int in, int out) {
        if (b != null) {
            for (int i = 0; i < rows; i++) {
                System.arraycopy(b, 0, y, i * out, out);
            }
        }
        Gemm.gemm(false, true, rows, out, in, 1.0, x, 0, in, w, 0, in, b == null ? 0.0 : 1.0, y, 0, out);
    }
}
