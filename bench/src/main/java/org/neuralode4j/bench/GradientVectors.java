package org.neuralode4j.bench;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/** Parameter gradients as one flat vector, and the relative error between two of them. */
final class GradientVectors {
    private GradientVectors() {
    }

    /** Every parameter's {@code grad()}, concatenated in the order given. */
    static double[] flatten(List<Tensor> params) {
        int n = 0;
        for (Tensor p : params) {
            n += p.numel();
        }
        double[] g = new double[n];
        int at = 0;
        for (Tensor p : params) {
            double[] v = p.grad().toArray();
            System.arraycopy(v, 0, g, at, v.length);
            at += v.length;
        }
        return g;
    }

    /** ‖value − truth‖₂ / ‖truth‖₂. */
    static double relativeError(double[] value, double[] truth) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = value[i] - truth[i];
            num += d * d;
            den += truth[i] * truth[i];
        }
        return Math.sqrt(num / den);
    }
}
