package org.neuralode4j.nn;

import java.util.random.RandomGenerator;
import org.neuralode4j.tensor.Tensor;

/**
 * A fully connected layer y = x·Wᵀ + b, PyTorch's {@code nn.Linear}: the weight is [out, in], the
 * bias [out], and the parameters are named {@code weight} and {@code bias}, so weights move to and
 * from PyTorch unchanged. The forward pass is one fused node ({@link Functional#linear}).
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer with a bias, initialized like PyTorch's default ({@link Init#pytorchDefault()}). */
    public Linear(int in, int out, RandomGenerator rng) {
        this(in, out, true, Init.pytorchDefault(), rng);
    }

    /** A layer with a bias, initialized by {@code init}. */
    public Linear(int in, int out, Init init, RandomGenerator rng) {
        this(in, out, true, init, rng);
    }

    /**
     * @param in input features, at least 1
     * @param out output features, at least 1
     * @param bias whether the layer has a bias
     * @param init draws the weight, then the bias
     * @param rng source of randomness (modified: advanced); seed it for reproducible layers
     */
    public Linear(int in, int out, boolean bias, Init init, RandomGenerator rng) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Linear: in = " + in + " and out = " + out + " must be at least 1");
        }
        this.in = in;
        this.out = out;
        Tensor w = Tensor.zeros(out, in);
        init.fillWeight(w.buffer(), in, out, rng);
        this.weight = registerParameter("weight", w);
        if (bias) {
            Tensor b = Tensor.zeros(out);
            init.fillBias(b.buffer(), in, out, rng);
            this.bias = registerParameter("bias", b);
        } else {
            this.bias = null;
        }
    }

    /** The live weight [out, in]. */
    public Tensor weight() {
        return weight;
    }

    /** The live bias [out], or {@code null} for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    /** Input features. */
    public int inFeatures() {
        return in;
    }

    /** Output features. */
    public int outFeatures() {
        return out;
    }

    /** y = x·Wᵀ + b for x of shape [..., in]. */
    @Override
    public Tensor forward(Tensor x) {
        return Functional.linear(x, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in=" + in + ", out=" + out + ", bias=" + (bias != null);
    }
}
