package org.neuralode4j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.neuralode4j.nn.Module;
import org.neuralode4j.tensor.Tensor;

/**
 * A grey-box vector field: known physics plus an optional learned correction,
 * dz/dt = g(t, z, u; φ) + n(t, z, u; θ), the universal-differential-equation pattern of Rackauckas
 * et al. (2020), "Universal Differential Equations for Scientific Machine Learning". g is a
 * {@link PhysicsModel} whose physical constants φ are trainable ({@link PositiveParameter}s for
 * quantities that must stay positive); n is any {@link Module} (a {@link DrivenField} also receives
 * the inputs). Without a network the model is a classical parametric grey-box model fitted by
 * gradient descent through the ODE solve.
 *
 * <p>Parameter names: constants are {@code physics.<name>.log} (positive) or {@code physics.<name>}
 * (unconstrained), the network's are {@code network.*}. Initialize the network's last layer near
 * zero so that training starts from the physics alone.
 */
public final class HybridField extends DrivenField {
    private final int dim;
    private final int inputDim;
    private final PhysicsModel physics;
    private final Module network;
    private final Map<String, PositiveParameter> positive;
    private final Map<String, Tensor> unconstrained;

    private HybridField(Builder b) {
        this.dim = b.dim;
        this.inputDim = b.inputDim;
        this.physics = b.physics;
        this.positive = new LinkedHashMap<>(b.positive);
        this.unconstrained = new LinkedHashMap<>(b.unconstrained);
        if (!positive.isEmpty() || !unconstrained.isEmpty()) {
            registerModule("physics", new Constants(positive, unconstrained));
        }
        this.network = b.network == null ? null : registerModule("network", b.network);
    }

    /** A builder of a field over states of width {@code dim}. */
    public static Builder builder(int dim) {
        return new Builder(dim);
    }

    @Override
    public int inputDim() {
        return inputDim;
    }

    /** State width D. */
    public int dim() {
        return dim;
    }

    /** The positive constants by name (live). */
    public Map<String, PositiveParameter> positiveConstants() {
        return java.util.Collections.unmodifiableMap(positive);
    }

    /** The network correction, or {@code null}. */
    public Module network() {
        return network;
    }

    @Override
    public Tensor forward(Tensor t, Tensor z, Tensor u) {
        checkInputs(z, u);
        if (z.rank() == 0 || z.size(-1) != dim) {
            throw new IllegalArgumentException("HybridField: state of shape " + Arrays.toString(z.shape())
                    + " does not end in the field's width " + dim);
        }
        Tensor rate = physics.rate(t.item(), z, u);
        if (rate == null || !Arrays.equals(rate.shape(), z.shape())) {
            throw new IllegalStateException("HybridField: the physics model returned "
                    + (rate == null ? "null" : "shape " + Arrays.toString(rate.shape())) + " for a state of shape "
                    + Arrays.toString(z.shape()) + "; it must return dz/dt of the state's shape");
        }
        if (network == null) {
            return rate;
        }
        Tensor correction = network instanceof DrivenField d ? d.forward(t, z, u) : network.forward(t, z);
        if (!Arrays.equals(correction.shape(), z.shape())) {
            throw new IllegalStateException("HybridField: the network returned shape "
                    + Arrays.toString(correction.shape()) + " for a state of shape " + Arrays.toString(z.shape()));
        }
        return rate.add(correction);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", inputs=" + inputDim + ", constants=" + positive.keySet() + unconstrained.keySet();
    }

    /** The registered constants, so they appear as {@code physics.*} parameters. */
    private static final class Constants extends Module {
        Constants(Map<String, PositiveParameter> positive, Map<String, Tensor> unconstrained) {
            positive.forEach(this::registerModule);
            unconstrained.forEach(this::registerParameter);
        }

        @Override
        public Tensor forward(Tensor x) {
            throw new IllegalStateException("the constants of a HybridField are read by its PhysicsModel");
        }
    }

    /** Configures a {@link HybridField}. */
    public static final class Builder {
        private final int dim;
        private int inputDim;
        private PhysicsModel physics;
        private Module network;
        private final Map<String, PositiveParameter> positive = new LinkedHashMap<>();
        private final Map<String, Tensor> unconstrained = new LinkedHashMap<>();

        private Builder(int dim) {
            this.dim = Sizes.atLeastOne("HybridField: state width", dim);
        }

        /** Number of exogenous input channels (default 0). */
        public Builder inputs(int inputDim) {
            this.inputDim = Sizes.nonNegative("HybridField: input width", inputDim);
            return this;
        }

        /** Registers a positive trainable constant the physics reads, as {@code physics.<name>.log}. */
        public Builder constant(String name, PositiveParameter parameter) {
            checkName(name);
            positive.put(name, Objects.requireNonNull(parameter, "parameter"));
            return this;
        }

        /**
         * Registers an unconstrained trainable tensor the physics reads, as {@code physics.<name>}.
         *
         * @param value a leaf (modified: {@code requiresGrad(true)})
         */
        public Builder parameter(String name, Tensor value) {
            checkName(name);
            unconstrained.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        private void checkName(String name) {
            if (positive.containsKey(name) || unconstrained.containsKey(name)) {
                throw new IllegalArgumentException("HybridField: constant '" + name + "' is already registered");
            }
        }

        /** The physics (required). */
        public Builder physics(PhysicsModel physics) {
            this.physics = Objects.requireNonNull(physics, "physics");
            return this;
        }

        /** A learned correction added to the physics (optional). */
        public Builder network(Module network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /** The field. */
        public HybridField build() {
            if (physics == null) {
                throw new IllegalStateException("HybridField: no physics model; call physics(...) before build()");
            }
            return new HybridField(this);
        }
    }
}
