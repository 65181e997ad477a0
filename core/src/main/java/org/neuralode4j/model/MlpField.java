package org.neuralode4j.model;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.nn.Init;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.tensor.Tensor;

/**
 * The standard neural-ODE vector field dz/dt = MLP([z, t, u(t)]): a multilayer perceptron
 * ({@link Mlp}) reading the state, optionally the time (a time-dependent field, as torchdiffeq's
 * {@code ConcatLinear}) and optionally U exogenous inputs (a neural controlled system), and
 * returning dz/dt. Input width D + (1 if time-dependent) + U, output width D. Its parameters are
 * {@code net.0.weight}, {@code net.0.bias}, {@code net.2.weight}, … (PyTorch's names for
 * {@code net = nn.Sequential(Linear, act, Linear, …)}).
 *
 * <p>This is the architecture a {@link ModelSpec} describes; for an augmented model D is the
 * augmented width.
 */
public final class MlpField extends DrivenField {
    private final int dim;
    private final int inputDim;
    private final boolean timeDependent;
    private final int[] hidden;
    private final Activation activation;
    private final Sequential net;

    private MlpField(Builder b) {
        this.dim = b.dim;
        this.inputDim = b.network.inputDim();
        this.timeDependent = b.network.timeDependent();
        this.hidden = b.network.hidden();
        this.activation = b.network.activation();
        this.net = registerModule("net", Mlp.builder(dim + (timeDependent ? 1 : 0) + inputDim, dim)
                .hidden(hidden).activation(activation).init(b.init)
                .rng(b.rng != null ? b.rng : new SplittableRandom(0)).build());
    }

    /** A builder of a field over states of width {@code dim}. */
    public static Builder builder(int dim) {
        return new Builder(dim);
    }

    /** State width D (including augmented channels). */
    public int dim() {
        return dim;
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    /** Whether the time is an input of the network. */
    public boolean timeDependent() {
        return timeDependent;
    }

    /** A copy of the hidden widths. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The nonlinearity between layers. */
    public Activation activation() {
        return activation;
    }

    /** The network. */
    public Sequential net() {
        return net;
    }

    @Override
    public Tensor forward(Tensor t, Tensor z, Tensor u) {
        checkInputs(z, u);
        if (z.rank() == 0 || z.size(-1) != dim) {
            throw new IllegalArgumentException("MlpField: state of shape " + java.util.Arrays.toString(z.shape())
                    + " does not end in the field's width " + dim);
        }
        Tensor x = z;
        if (timeDependent) {
            int[] col = z.shape();
            col[col.length - 1] = 1;
            int[] ones = new int[col.length];
            java.util.Arrays.fill(ones, 1);
            x = Tensor.cat(-1, x, t.reshape(ones).expand(col));
        }
        if (inputDim > 0) {
            x = Tensor.cat(-1, x, u);
        }
        return net.forward(x);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", time=" + timeDependent + ", inputs=" + inputDim;
    }

    /** Configures an {@link MlpField}; defaults: no inputs, autonomous, no hidden layer, tanh, PyTorch init, seed 0. */
    public static final class Builder {
        private final int dim;
        private final MlpSettings network = new MlpSettings("MlpField: input width", "MlpField: hidden width");
        private Init init = Init.pytorchDefault();
        private RandomGenerator rng;

        private Builder(int dim) {
            this.dim = Sizes.atLeastOne("MlpField: state width", dim);
        }

        /** Number of exogenous input channels U read by the network. */
        public Builder inputs(int inputDim) {
            network.inputs(inputDim);
            return this;
        }

        /** Whether t is an input of the network. */
        public Builder timeDependent(boolean timeDependent) {
            network.timeDependent(timeDependent);
            return this;
        }

        /** Hidden layer widths, input side first; each at least 1. */
        public Builder hidden(int... widths) {
            network.hidden(widths);
            return this;
        }

        /** The nonlinearity between layers. */
        public Builder activation(Activation activation) {
            network.activation(activation);
            return this;
        }

        /** Takes every network setting of {@code settings} (how a {@link ModelSpec} configures its field). */
        Builder settings(MlpSettings settings) {
            network.copyFrom(settings);
            return this;
        }

        /** How the layers are initialized. */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Draws the initial weights (advanced by {@link #build()}). */
        public Builder rng(RandomGenerator rng) {
            this.rng = Objects.requireNonNull(rng, "rng");
            return this;
        }

        /** The field. */
        public MlpField build() {
            return new MlpField(this);
        }
    }
}
