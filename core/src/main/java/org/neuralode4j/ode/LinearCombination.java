package org.neuralode4j.ode;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.ScaledBackward;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Tensor;

/**
 * The fused operation behind every recorded Runge–Kutta formula: out = Σ_i c_i x_i over tensors of
 * one shape, with constant coefficients. A stage state y0 + h Σ a_ij k_j, a new solution
 * y0 + h Σ b_j k_j and a dense-output value y0 + h Σ b_j(θ) k_j are each ONE recorded node instead
 * of a chain of scalings and additions. Its backward rule, ∂L/∂x_i = c_i ∂L/∂out, is written with
 * tensor operations so that a create-graph backward pass can be differentiated again.
 */
final class LinearCombination {
    private LinearCombination() {
    }

    /**
     * Computes Σ_{i < count} coefficients[i] · inputs[i], recorded when an input requires gradients.
     *
     * @param coefficients the constants; not modified (copied when recorded)
     * @param inputs tensors of equal shape; not modified
     * @param count how many leading entries to use, at least 1
     * @return a new tensor
     */
    static Tensor of(double[] coefficients, Tensor[] inputs, int count) {
        Tensor out = Tensor.zeros(inputs[0].shape());
        double[] o = out.buffer();
        boolean record = false;
        double[][] xs = new double[count][];
        for (int i = 0; i < count; i++) {
            xs[i] = inputs[i].buffer();
            record |= inputs[i].requiresGrad();
        }
        sum(o, null, 1.0, xs, null, coefficients, count);
        if (record && Tape.current().isRecording()) {
            Tensor[] ins = Arrays.copyOf(inputs, count);
            Autodiff.record("rk_linear_combination", out, new Rule(ins, Arrays.copyOf(coefficients, count)), ins);
        }
        return out;
    }

    /**
     * ∂L/∂x_i = c_i ∂L/∂out: the engine adds c_i·ḡ into the inputs' gradients directly
     * ({@link ScaledBackward}); {@link #apply} serves create-graph passes.
     */
    private static final class Rule implements ScaledBackward {
        private final Tensor[] inputs;
        private final double[] coefficients;

        Rule(Tensor[] inputs, double[] coefficients) {
            this.inputs = inputs;
            this.coefficients = coefficients;
        }

        @Override
        public double coefficient(int i) {
            return coefficients[i];
        }

        @Override
        public Tensor[] apply(Tensor g) {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                if (inputs[i].requiresGrad()) {
                    grads[i] = coefficients[i] == 1.0 ? g : g.mul(coefficients[i]);
                }
            }
            return grads;
        }
    }

    /**
     * out = base + Σ_{j &lt; count} scale·c_j·x_{idx_j} (base {@code null} for 0; idx {@code null} for
     * x_j), three terms per pass over the arrays rather than one: the sums are formed in the same
     * order with the same roundings as one axpy per term, with a third of the loads and stores.
     *
     * @param out modified; may be {@code base}
     */
    static void sum(double[] out, double[] base, double scale, double[][] x, int[] idx, double[] c, int count) {
        int n = out.length;
        if (count == 0) {
            if (base == null) {
                java.util.Arrays.fill(out, 0.0);
            } else if (base != out) {
                System.arraycopy(base, 0, out, 0, n);
            }
            return;
        }
        double[] src = base;
        int j = 0;
        while (j < count) {
            int left = count - j;
            double[] x0 = x[idx == null ? j : idx[j]];
            double c0 = scale * c[j];
            if (left >= 3) {
                double[] x1 = x[idx == null ? j + 1 : idx[j + 1]];
                double[] x2 = x[idx == null ? j + 2 : idx[j + 2]];
                double c1 = scale * c[j + 1];
                double c2 = scale * c[j + 2];
                if (src == null) {
                    for (int m = 0; m < n; m++) {
                        out[m] = 0.0 + c0 * x0[m] + c1 * x1[m] + c2 * x2[m];
                    }
                } else {
                    for (int m = 0; m < n; m++) {
                        out[m] = src[m] + c0 * x0[m] + c1 * x1[m] + c2 * x2[m];
                    }
                }
                j += 3;
            } else if (left == 2) {
                double[] x1 = x[idx == null ? j + 1 : idx[j + 1]];
                double c1 = scale * c[j + 1];
                if (src == null) {
                    for (int m = 0; m < n; m++) {
                        out[m] = 0.0 + c0 * x0[m] + c1 * x1[m];
                    }
                } else {
                    for (int m = 0; m < n; m++) {
                        out[m] = src[m] + c0 * x0[m] + c1 * x1[m];
                    }
                }
                j += 2;
            } else {
                if (src == null) {
                    for (int m = 0; m < n; m++) {
                        out[m] = 0.0 + c0 * x0[m];
                    }
                } else if (c0 == 1.0) {
                    for (int m = 0; m < n; m++) {
                        out[m] = src[m] + x0[m];
                    }
                } else {
                    for (int m = 0; m < n; m++) {
                        out[m] = src[m] + c0 * x0[m];
                    }
                }
                j++;
            }
            src = out;
        }
    }

    /** y += a · x. */
    static void axpy(double a, double[] x, double[] y) {
        if (a == 1.0) {
            for (int m = 0; m < y.length; m++) {
                y[m] += x[m];
            }
        } else {
            for (int m = 0; m < y.length; m++) {
                y[m] += a * x[m];
            }
        }
    }
}
