package org.neuralode4j.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Builds multilayer perceptrons as a {@link Sequential} of {@link Linear} layers with an activation
 * between consecutive layers and none after the last, the layout PyTorch code writes as
 * {@code nn.Sequential(nn.Linear(2, 50), nn.Tanh(), nn.Linear(50, 2))}, so parameter names
 * ({@code 0.weight}, {@code 2.weight}, …) match such code.
 *
 * <pre>{@code
 * Sequential net = Mlp.builder(2, 2).hidden(50).activation(Activation.TANH)
 *         .init(Init.normal(0.1)).rng(new SplittableRandom(0)).build();
 * }</pre>
 */
public final class Mlp {
    private Mlp() {
    }

    /** A builder for an MLP from {@code in} to {@code out} features. */
    public static Builder builder(int in, int out) {
        return new Builder(in, out);
    }

    /** Configures and builds an MLP; defaults: no hidden layer, tanh, PyTorch's init, seed 0. */
    public static final class Builder {
        private final int in;
        private final int out;
        private int[] hidden = new int[0];
        private Activation activation = Activation.TANH;
        private Init init = Init.pytorchDefault();
        private boolean bias = true;
        private RandomGenerator rng;

        private Builder(int in, int out) {
            this.in = in;
            this.out = out;
        }

        /** Widths of the hidden layers, input side first. */
        public Builder hidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        /** The nonlinearity between layers. */
        public Builder activation(Activation a) {
            this.activation = Objects.requireNonNull(a, "activation");
            return this;
        }

        /** The nonlinearity between layers, by name ({@link Activation#fromName}). */
        public Builder activation(String name) {
            return activation(Activation.fromName(name));
        }

        /** How every layer's weight and bias are drawn. */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Whether the layers have biases (default true). */
        public Builder bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** The generator the layers are drawn from, in order (modified by {@link #build()}). */
        public Builder rng(RandomGenerator rng) {
            this.rng = Objects.requireNonNull(rng, "rng");
            return this;
        }

        /** Shorthand for {@code rng(new SplittableRandom(seed))}. */
        public Builder seed(long seed) {
            return rng(new SplittableRandom(seed));
        }

        /** Linear, activation, Linear, …, Linear. */
        public Sequential build() {
            RandomGenerator r = rng != null ? rng : new SplittableRandom(0);
            List<Module> layers = new ArrayList<>();
            int width = in;
            for (int h : hidden) {
                layers.add(new Linear(width, h, bias, init, r));
                layers.add(activation.module());
                width = h;
            }
            layers.add(new Linear(width, out, bias, init, r));
            return new Sequential(layers);
        }
    }
}
