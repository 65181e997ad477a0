package org.neuralode4j.nn;

import java.util.List;

import org.neuralode4j.tensor.Tensor;

/**
 * Modules applied one after another, PyTorch's {@code nn.Sequential}: the children are named
 * {@code "0"}, {@code "1"}, …, so {@code Sequential(Linear, Tanh, Linear)} registered as
 * {@code net} owns {@code net.0.weight}, {@code net.0.bias}, {@code net.2.weight},
 * {@code net.2.bias}. The time of {@link #forward(Tensor, Tensor)} is passed to every child.
 */
public final class Sequential extends Module {
    private final Module[] layers;
    private final FusedMlp fused;

    /** @param layers applied in order; at least one */
    public Sequential(Module... layers) {
        if (layers.length == 0) {
            throw new IllegalArgumentException("Sequential: needs at least one module");
        }
        this.layers = layers.clone();
        for (int i = 0; i < this.layers.length; i++) {
            registerModule(Integer.toString(i), this.layers[i]);
        }
        this.fused = FusedMlp.plan(this.layers, false);
    }

    /** @param layers applied in order; at least one */
    public Sequential(List<? extends Module> layers) {
        this(layers.toArray(new Module[0]));
    }

    /** The number of layers. */
    public int size() {
        return layers.length;
    }

    /** Layer {@code i} (child {@code "i"}). */
    public Module get(int i) {
        return layers[i];
    }

    /** The fused form of these layers applied to x³ (the spiral model's input transform), or {@code null}. */
    FusedMlp cubedPlan() {
        return FusedMlp.plan(layers, true);
    }

    /** The fused form of these layers, or {@code null} when they are not a plain MLP. */
    FusedMlp fusedPlan() {
        return fused;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (fused != null && fused.accepts(x)) {
            return fused.forward(x);
        }
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }

    @Override
    public Tensor forward(Tensor t, Tensor x) {
        if (fused != null && fused.accepts(x)) {
            return fused.forward(x); // linear layers and activations ignore the time
        }
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(t, h);
        }
        return h;
    }
}
