package org.neuralode4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.nn.Module;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.tableau.ExplicitTableaus;
import org.neuralode4j.sensitivity.Gradient;

/**
 * A serializable description of a {@link NeuralOde}: enough to rebuild the exact architecture and
 * solver settings from a model file's {@code __metadata__} strings, so that the weights stored next
 * to it load by name. Immutable; made with {@link #mlp(int)} or {@link #spiral()}.
 *
 * <p>Two kinds of vector field:
 * <ul>
 *   <li>{@code mlp}: dz/dt = MLP([z, (t), (u(t))]) ({@link MlpField}) over D state channels plus A
 *       augmented ones, the time when time-dependent, and U inputs; hidden widths and activation
 *       given;</li>
 *   <li>{@code spiral}: torchdiffeq's ode_demo field ({@link SpiralOdeFunc}), D = 2, fixed layers.</li>
 * </ul>
 *
 * <p>Metadata keys (all values strings; numbers in Java's round-trip decimal form):
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>example</th></tr>
 *   <tr><td>{@code format}</td><td>{@value #FORMAT}</td></tr>
 *   <tr><td>{@code model.kind}</td><td>{@code mlp} | {@code spiral}</td></tr>
 *   <tr><td>{@code model.state_dim}</td><td>{@code 2} (D)</td></tr>
 *   <tr><td>{@code model.augment}</td><td>{@code 0} (A)</td></tr>
 *   <tr><td>{@code model.input_dim}</td><td>{@code 1} (U)</td></tr>
 *   <tr><td>{@code model.time_dependent}</td><td>{@code false}</td></tr>
 *   <tr><td>{@code model.hidden}</td><td>{@code 64,64} (empty: no hidden layer)</td></tr>
 *   <tr><td>{@code model.activation}</td><td>{@code tanh} ({@link Activation#fromName})</td></tr>
 *   <tr><td>{@code model.input_interpolation}</td><td>{@code linear} ({@link Interpolation#fromName})</td></tr>
 *   <tr><td>{@code solver.method}</td><td>{@code dopri5}</td></tr>
 *   <tr><td>{@code solver.rtol}, {@code solver.atol}</td><td>{@code 1.0E-7}</td></tr>
 *   <tr><td>{@code solver.gradient}</td><td>{@code direct} | {@code adjoint} | {@code checkpointed} | {@code recursive}</td></tr>
 *   <tr><td>{@code standardization.*}</td><td>optional: {@link Standardization#toMetadata()}</td></tr>
 * </table>
 * Other keys are left to the caller ({@link SavedModel#extraMetadata()}).
 */
public final class ModelSpec {
    /** The value of the {@code format} key this version writes and reads. */
    public static final String FORMAT = "neuralode4j-model/1";

    /** The kind of vector field. */
    public enum Kind {
        /** {@link MlpField}. */
        MLP("mlp"),
        /** {@link SpiralOdeFunc}. */
        SPIRAL("spiral");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name stored in {@code model.kind}. */
        public String id() {
            return id;
        }
    }

    private final Kind kind;
    private final int stateDim;
    private final int augment;
    private final MlpSettings network;
    private final Interpolation interpolation;
    private final String method;
    private final double rtol;
    private final double atol;
    private final Gradient gradient;
    private final Standardization standardization;

    private ModelSpec(Builder b) {
        kind = b.kind;
        stateDim = b.stateDim;
        augment = b.augment;
        network = b.network.copy();
        interpolation = b.interpolation;
        method = b.method;
        rtol = b.rtol;
        atol = b.atol;
        gradient = b.gradient;
        standardization = b.standardization;
    }

    /** An MLP vector field over {@code stateDim} state channels. */
    public static Builder mlp(int stateDim) {
        return new Builder(Kind.MLP, stateDim);
    }

    /** torchdiffeq's spiral field: D = 2, Linear(2, 50), tanh, Linear(50, 2) on y³. */
    public static Builder spiral() {
        return new Builder(Kind.SPIRAL, 2).hidden(50).activation(Activation.TANH);
    }

    /** A builder of the given kind (the reader's entry point; the spiral's fixed layers are checked by build). */
    static Builder builder(Kind kind, int stateDim) {
        return new Builder(kind, stateDim);
    }

    /** A builder holding this spec. */
    public Builder toBuilder() {
        Builder b = new Builder(kind, stateDim);
        b.augment = augment;
        b.network.copyFrom(network);
        b.interpolation = interpolation;
        b.method = method;
        b.rtol = rtol;
        b.atol = atol;
        b.gradient = gradient;
        b.standardization = standardization;
        return b;
    }

    // ------------------------------------------------------------------ accessors

    /** The kind of field. */
    public Kind kind() {
        return kind;
    }

    /** State channels D (the data's). */
    public int stateDim() {
        return stateDim;
    }

    /** Augmented channels A. */
    public int augment() {
        return augment;
    }

    /** Input channels U. */
    public int inputDim() {
        return network.inputDim();
    }

    /** Whether the field reads t. */
    public boolean timeDependent() {
        return network.timeDependent();
    }

    /** A copy of the hidden widths. */
    public int[] hidden() {
        return network.hidden();
    }

    /** The nonlinearity. */
    public Activation activation() {
        return network.activation();
    }

    /** How input samples are interpolated. */
    public Interpolation inputInterpolation() {
        return interpolation;
    }

    /** The solver method's name. */
    public String method() {
        return method;
    }

    /** Relative tolerance. */
    public double rtol() {
        return rtol;
    }

    /** Absolute tolerance. */
    public double atol() {
        return atol;
    }

    /** The gradient method. */
    public Gradient gradient() {
        return gradient;
    }

    /** The data standardization the model was trained with, or {@code null}. */
    public Standardization standardization() {
        return standardization;
    }

    /** Width of the integrated state D + A. */
    public int fieldDim() {
        return stateDim + augment;
    }

    /** Width of the network's input: D + A (+1 with time) + U. */
    public int networkInputDim() {
        return fieldDim() + (timeDependent() ? 1 : 0) + inputDim();
    }

    /** The solve options (method, rtol, atol; other options at their defaults). */
    public SolveOptions solveOptions() {
        return SolveOptions.builder().method(method).rtol(rtol).atol(atol).build();
    }

    // ------------------------------------------------------------------ building

    /** A new vector field of this architecture with weights drawn from {@code rng}. */
    public Module buildField(RandomGenerator rng) {
        return switch (kind) {
            case MLP -> MlpField.builder(fieldDim()).settings(network).rng(rng).build();
            case SPIRAL -> new SpiralOdeFunc(rng);
        };
    }

    /** A new model of this architecture with weights drawn from {@code rng} (advanced). */
    public NeuralOde build(RandomGenerator rng) {
        return NeuralOde.builder(buildField(rng)).augment(augment).options(solveOptions()).gradient(gradient)
                .spec(this).build();
    }

    // ------------------------------------------------------------------ metadata

    /** The spec as metadata strings (insertion-ordered). */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("model.kind", kind.id());
        m.put("model.state_dim", Integer.toString(stateDim));
        m.put("model.augment", Integer.toString(augment));
        m.put("model.input_dim", Integer.toString(inputDim()));
        m.put("model.time_dependent", Boolean.toString(timeDependent()));
        StringBuilder h = new StringBuilder();
        for (int w : hidden()) {
            h.append(h.length() == 0 ? "" : ",").append(w);
        }
        m.put("model.hidden", h.toString());
        m.put("model.activation", activation().id());
        m.put("model.input_interpolation", interpolation.id());
        m.put("solver.method", method);
        m.put("solver.rtol", Double.toString(rtol));
        m.put("solver.atol", Double.toString(atol));
        m.put("solver.gradient", gradient.shortName());
        if (standardization != null) {
            m.putAll(standardization.toMetadata());
        }
        return m;
    }

    /** Whether {@code key} belongs to the spec's namespace ({@code format}, {@code model.*}, {@code solver.*}, {@code standardization.*}). */
    public static boolean isSpecKey(String key) {
        return key.equals("format") || key.startsWith("model.") || key.startsWith("solver.")
                || key.startsWith("standardization.");
    }

    /**
     * Reads a spec written by {@link #toMetadata()}.
     *
     * @param metadata not modified; keys outside the spec's namespace are ignored
     * @throws ModelSpecException listing every missing, malformed or inconsistent entry
     */
    public static ModelSpec fromMetadata(Map<String, String> metadata) {
        return new ModelSpecReader(metadata).read();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec s && s.toMetadata().equals(toMetadata());
    }

    @Override
    public int hashCode() {
        return toMetadata().hashCode();
    }

    @Override
    public String toString() {
        return "ModelSpec" + toMetadata();
    }

    // ------------------------------------------------------------------ builder

    /** Configures a {@link ModelSpec}; every setter checks its argument. */
    public static final class Builder {
        private final Kind kind;
        private final int stateDim;
        private int augment;
        private final MlpSettings network = new MlpSettings("input dimension", "hidden width");
        private Interpolation interpolation = Interpolation.LINEAR;
        private String method = SolveOptions.DEFAULT_METHOD;
        private double rtol = SolveOptions.defaults().rtol();
        private double atol = SolveOptions.defaults().atol();
        private Gradient gradient = Gradient.DIRECT;
        private Standardization standardization;

        private Builder(Kind kind, int stateDim) {
            this.kind = kind;
            this.stateDim = Sizes.atLeastOne("model state dimension", stateDim);
        }

        /** Augmented channels A ≥ 0 (Dupont et al. 2019). */
        public Builder augment(int augment) {
            this.augment = Sizes.nonNegative("augment =", augment);
            return this;
        }

        /** Exogenous input channels U ≥ 0. */
        public Builder inputs(int inputDim) {
            network.inputs(inputDim);
            return this;
        }

        /** Whether the field reads t. */
        public Builder timeDependent(boolean timeDependent) {
            network.timeDependent(timeDependent);
            return this;
        }

        /** Hidden widths, each at least 1. */
        public Builder hidden(int... widths) {
            network.hidden(widths);
            return this;
        }

        /** The nonlinearity between layers. */
        public Builder activation(Activation activation) {
            network.activation(activation);
            return this;
        }

        /** How input samples are interpolated (default linear). */
        public Builder inputInterpolation(Interpolation interpolation) {
            this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
            return this;
        }

        /**
         * The solver by name: an explicit method ({@link ExplicitTableaus#names()}) or a stiff one
         * ({@link org.neuralode4j.ode.StiffMethod#names()}, e.g. rodas5p for stiff converter models).
         */
        public Builder method(String name) {
            this.method = SolveOptions.builder().method(name).build().methodName();
            return this;
        }

        /** Relative tolerance. */
        public Builder rtol(double rtol) {
            SolveOptions.builder().rtol(rtol);
            this.rtol = rtol;
            return this;
        }

        /** Absolute tolerance. */
        public Builder atol(double atol) {
            SolveOptions.builder().atol(atol);
            this.atol = atol;
            return this;
        }

        /** The gradient method. */
        public Builder gradient(Gradient gradient) {
            this.gradient = Objects.requireNonNull(gradient, "gradient");
            return this;
        }

        /** The standardization of the training data ({@code null}: none). */
        public Builder standardization(Standardization standardization) {
            this.standardization = standardization;
            return this;
        }

        /**
         * The spec.
         *
         * @throws IllegalArgumentException when the spiral's fixed architecture is changed or the
         *     standardization's dimensions differ from D and U
         */
        public ModelSpec build() {
            List<String> problems = new ArrayList<>();
            int inputDim = network.inputDim();
            if (kind == Kind.SPIRAL && (stateDim != 2 || augment != 0 || inputDim != 0 || network.timeDependent()
                    || !Arrays.equals(network.hidden(), new int[] {50}) || network.activation() != Activation.TANH)) {
                problems.add("the spiral field has a fixed architecture (2 states, no augmentation, no inputs, "
                        + "autonomous, hidden 50, tanh); use kind mlp for other architectures");
            }
            if (standardization != null) {
                int states = standardization.stateMean().length;
                int inputs = count(standardization.toMetadata().get("standardization.input_mean"));
                if (states != stateDim || inputs != inputDim) {
                    problems.add("the standardization covers " + states + " states and " + inputs
                            + " inputs but the model has " + stateDim + " and " + inputDim);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return new ModelSpec(this);
        }

        private static int count(String csv) {
            return csv == null || csv.isEmpty() ? 0 : csv.split(",").length;
        }
    }
}
