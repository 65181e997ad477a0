package org.neuralode4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.neuralode4j.nn.Module;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;

/**
 * A neural ODE (Chen et al. 2018, "Neural Ordinary Differential Equations"): a vector field
 * {@link Module} f, solved from z(t_0) = z0 to the requested times, differentiable by any
 * {@link Gradient}. The trajectory z(t_0), …, z(t_{T-1}) is the model's output:
 *
 * <pre>{@code
 * NeuralOde model = NeuralOde.builder(MlpField.builder(2).hidden(50).build())
 *         .options(SolveOptions.builder().rtol(1e-6).atol(1e-8).build())
 *         .gradient(Gradient.ADJOINT).build();
 * Tensor pred = model.forward(z0, times);                     // [T, B, 2]
 * Losses.mse(pred, target).backward();                        // fills model.parameters()' grad
 * }</pre>
 *
 * <p><b>The field.</b> Any {@link Module}: f(t, z) = module.forward(t, z). A {@link DrivenField}
 * ({@link MlpField}, {@link HybridField}) may also read exogenous inputs u(t), given as
 * {@link InputSignal}s: one shared by every row of z0, or one per row (then u(t) is [B, U]). The
 * model's parameters are the module's; for the adjoint gradients the module must register every
 * trainable tensor it reads (as modules do).
 *
 * <p><b>Augmentation.</b> With {@link Builder#augment(int) augment} A &gt; 0 the model is an
 * augmented neural ODE (Dupont, Doucet &amp; Teh 2019, "Augmented Neural ODEs"): z0 [..., D] is
 * extended by A zero channels, the field integrates D + A channels (so it sees and returns D + A
 * features), and the output is the first D channels. The extra dimensions let trajectories pass
 * each other, which a flow in R^D cannot.
 *
 * <p><b>Regularization.</b> {@link #forwardRegularized} integrates the kinetic energy and the
 * Jacobian Frobenius norm of Finlay et al. (2020) along the solve ({@link Regularizers}).
 *
 * <p><b>Work.</b> {@link #lastForwardStats()} and {@link #lastBackwardStats()} report the function
 * evaluations of the most recent forward call (summed over rows for per-sample solves) and, once
 * its loss was backpropagated, of the adjoint's backward solves. A model is used by one thread at
 * a time.
 */
public final class NeuralOde {
    private final Module field;
    private final int augment;
    private final SolveOptions options;
    private final Gradient gradient;
    private final AdjointOptions adjoint;
    private final ModelSpec spec;
    private final boolean landOnInputSamples;
    private List<GradientSolution> last = List.of();

    private NeuralOde(Builder b) {
        this.field = b.field;
        this.augment = b.augment;
        this.options = b.options;
        this.gradient = b.gradient;
        this.adjoint = b.adjoint;
        this.spec = b.spec;
        this.landOnInputSamples = b.landOnInputSamples;
    }

    /** A builder around the vector field {@code field}. */
    public static Builder builder(Module field) {
        return new Builder(field);
    }

    /**
     * Reads a model written by {@link #save}: the architecture from the file's metadata
     * ({@link ModelSpec#fromMetadata}), then the weights.
     *
     * @throws ModelSpecException when the metadata does not describe a model or the weights do not fit it
     * @throws IOException when the file cannot be read
     */
    public static NeuralOde load(Path file) throws IOException {
        return SavedModel.read(file).model();
    }

    /**
     * Writes the weights and the architecture ({@link #spec()}) as a safetensors file; PyTorch reads
     * the weights under the same names.
     *
     * @param extraMetadata more strings to store (training loss, data source, …); keys must not
     *     collide with the spec's
     * @throws IllegalStateException when the model was not built from a {@link ModelSpec}
     * @throws IOException when the file cannot be written (the target is then untouched)
     */
    public void save(Path file, Map<String, String> extraMetadata) throws IOException {
        SavedModel.write(file, this, extraMetadata);
    }

    // ------------------------------------------------------------------ forward

    /**
     * The trajectory from z0 at {@code times}.
     *
     * @param z0 initial states [..., D], usually [B, D]; not modified (gradients reach it when it
     *     requires them)
     * @param times output times, strictly monotone, the first being the initial time
     * @return the states [T, *z0.shape]
     */
    public Tensor forward(Tensor z0, double[] times) {
        return forward(z0, times, List.of());
    }

    /** The trajectory of a field driven by one input signal shared by all rows. */
    public Tensor forward(Tensor z0, double[] times, InputSignal input) {
        return forward(z0, times, List.of(input));
    }

    /**
     * The trajectory of a field driven by exogenous inputs.
     *
     * @param inputs empty for a field without inputs, one signal shared by all rows, or one per row
     *     of z0 [B, D] (u(t) is then [B, U])
     */
    public Tensor forward(Tensor z0, double[] times, List<InputSignal> inputs) {
        Tensor zAug = augmented(z0);
        InputSource source = InputSource.bind(inputs, inputDim(), zAug);
        BoundField f = new BoundField(field, source);
        GradientSolution sol = Odeint.solve(f, zAug, times, solveOptions(source), gradient, adjoint);
        last = List.of(sol);
        return readout(sol.states());
    }

    /**
     * The trajectory with the regularizers of Finlay et al. (2020) integrated along it: the solve
     * runs on [z, r_K, r_J] (two extra channels per row), with any gradient method.
     *
     * @param inputs as for {@link #forward(Tensor, double[], List)}
     * @param regularizers which terms to integrate; its generator draws this solve's probe
     */
    public RegularizedTrajectory forwardRegularized(Tensor z0, double[] times, List<InputSignal> inputs,
                                                    Regularizers regularizers) {
        Objects.requireNonNull(regularizers, "regularizers");
        Tensor zAug = augmented(z0);
        if (zAug.rank() == 0) {
            throw new IllegalArgumentException("forwardRegularized: z0 must have at least one dimension");
        }
        int n = zAug.size(-1);
        InputSource source = InputSource.bind(inputs, inputDim(), zAug);
        RegularizedField f = new RegularizedField(new BoundField(field, source), n, regularizers.kinetic(),
                regularizers.drawProbe(zAug.shape()));
        int[] accShape = zAug.shape();
        accShape[accShape.length - 1] = 2;
        Tensor s0 = Tensor.cat(-1, zAug, Tensor.zeros(accShape));
        GradientSolution sol = Odeint.solve(f, s0, times, solveOptions(source), gradient, adjoint);
        last = List.of(sol);
        Tensor states = sol.states();
        Tensor end = states.select(0, times.length - 1);
        double sign = times.length > 1 && times[times.length - 1] < times[0] ? -1 : 1;
        Tensor kinetic = end.slice(-1, n, n + 1).mean().mul(sign);
        Tensor jacobian = end.slice(-1, n + 1, n + 2).mean().mul(sign);
        return new RegularizedTrajectory(readout(states.slice(-1, 0, n)), kinetic, jacobian);
    }

    /**
     * Per-sample irregular time grids: row b of z0 is solved on its own from times[b][0] to its own
     * output times, one {@link Odeint} solve per row (each with its own step sizes; rows are not
     * batched into one kernel). Use it when the rows of a batch were sampled at different times.
     *
     * @param z0 initial states [B, D]; not modified
     * @param times B arrays of output times, each strictly monotone
     * @return B trajectories, row b of shape [T_b, D]
     */
    public List<Tensor> forwardPerSample(Tensor z0, double[][] times) {
        return forwardPerSample(z0, times, List.of());
    }

    /**
     * Per-sample time grids with inputs: one signal shared by all rows or one per row.
     *
     * @see #forwardPerSample(Tensor, double[][])
     */
    public List<Tensor> forwardPerSample(Tensor z0, double[][] times, List<InputSignal> inputs) {
        if (z0.rank() != 2) {
            throw new IllegalArgumentException("forwardPerSample: z0 must be [B, D], got shape "
                    + java.util.Arrays.toString(z0.shape()));
        }
        int batch = z0.size(0);
        if (times == null || times.length != batch) {
            throw new IllegalArgumentException("forwardPerSample: z0 has " + batch + " rows but "
                    + (times == null ? "no" : Integer.toString(times.length)) + " time arrays were given; pass one per row");
        }
        Tensor zAug = augmented(z0);
        InputSource source = InputSource.bind(inputs, inputDim(), zAug);
        List<Tensor> out = new ArrayList<>(batch);
        List<GradientSolution> sols = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            Tensor row = zAug.slice(0, b, b + 1);
            InputSource rowSource = source == null ? null : source.row(b);
            BoundField f = new BoundField(field, rowSource);
            GradientSolution sol = Odeint.solve(f, row, times[b], solveOptions(rowSource), gradient, adjoint);
            sols.add(sol);
            out.add(readout(sol.states()).squeeze(1));
        }
        last = List.copyOf(sols);
        return out;
    }

    /** The options of one coupled solve, landing on the input samples unless that was turned off. */
    private SolveOptions solveOptions(InputSource source) {
        SolveOptions o = options.perSample() ? options.toBuilder().perSample(false).build() : options;
        return source != null && landOnInputSamples ? source.landOnSamples(o) : o;
    }

    private int inputDim() {
        return field instanceof DrivenField d ? d.inputDim() : 0;
    }

    private Tensor augmented(Tensor z0) {
        Objects.requireNonNull(z0, "z0");
        if (augment == 0) {
            return z0;
        }
        if (z0.rank() == 0) {
            throw new IllegalArgumentException("an augmented model needs z0 with a feature dimension, got a scalar");
        }
        int[] pad = z0.shape();
        pad[pad.length - 1] = augment;
        return Tensor.cat(-1, z0, Tensor.zeros(pad));
    }

    private Tensor readout(Tensor states) {
        if (augment == 0) {
            return states;
        }
        return states.slice(-1, 0, states.size(-1) - augment);
    }

    // ------------------------------------------------------------------ work

    /** Work of the most recent forward call's solves (zero before any). */
    public Stats lastForwardStats() {
        Stats s = Stats.explicit(0, 0, 0);
        for (GradientSolution g : last) {
            s = s.plus(g.forwardStats());
        }
        return s;
    }

    /**
     * Work of the backward solves of the most recent forward call, once its loss was
     * backpropagated (adjoint gradients; zero for {@link Gradient#DIRECT}).
     */
    public Stats lastBackwardStats() {
        Stats s = Stats.explicit(0, 0, 0);
        for (GradientSolution g : last) {
            s = s.plus(g.backwardStats());
        }
        return s;
    }

    // ------------------------------------------------------------------ parameters and accessors

    /** The vector field. */
    public Module field() {
        return field;
    }

    /** The trainable parameters (the field's, live), for an optimizer. */
    public List<Tensor> parameters() {
        return field.parameters();
    }

    /** The parameters by name (the field's names, e.g. {@code net.0.weight}). */
    public LinkedHashMap<String, Tensor> namedParameters() {
        return field.namedParameters();
    }

    /** Copies of the parameters by name. */
    public LinkedHashMap<String, Tensor> stateDict() {
        return field.stateDict();
    }

    /** Copies {@code state} into the parameters, strictly ({@link Module#loadStateDict(Map)}). */
    public void loadStateDict(Map<String, Tensor> state) {
        field.loadStateDict(state);
    }

    /** Forgets the parameters' gradients. */
    public void zeroGrad() {
        field.zeroGrad();
    }

    /** Number of zero channels appended to the state (0: a plain neural ODE). */
    public int augment() {
        return augment;
    }

    /** The solve options. */
    public SolveOptions options() {
        return options;
    }

    /** How solves are differentiated. */
    public Gradient gradient() {
        return gradient;
    }

    /** Options of the adjoint's backward solves. */
    public AdjointOptions adjointOptions() {
        return adjoint;
    }

    /** The architecture this model was built from, if it was built from one. */
    public Optional<ModelSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** The same model (sharing the field and its parameters) differentiated by {@code g}. */
    public NeuralOde withGradient(Gradient g) {
        Builder b = toBuilder().gradient(g);
        b.spec = spec == null ? null : spec.toBuilder().gradient(g).build();
        return b.build();
    }

    private Builder toBuilder() {
        Builder b = new Builder(field);
        b.augment = augment;
        b.options = options;
        b.gradient = gradient;
        b.adjoint = adjoint;
        b.spec = spec;
        b.landOnInputSamples = landOnInputSamples;
        return b;
    }

    @Override
    public String toString() {
        return "NeuralOde(augment=" + augment + ", gradient=" + gradient.shortName() + ", " + options + ",\n  field="
                + field.toString().replace("\n", "\n  ") + ")";
    }

    /** Configures a {@link NeuralOde}; defaults: no augmentation, default solve options, DIRECT. */
    public static final class Builder {
        private final Module field;
        private int augment;
        private SolveOptions options = SolveOptions.defaults();
        private Gradient gradient = Gradient.DIRECT;
        private AdjointOptions adjoint = AdjointOptions.defaults();
        private ModelSpec spec;
        private boolean landOnInputSamples = true;

        private Builder(Module field) {
            this.field = Objects.requireNonNull(field, "field");
        }

        /** Appends {@code channels} zero channels to the state (augmented neural ODE); default 0. */
        public Builder augment(int channels) {
            this.augment = Sizes.nonNegative("augment =", channels);
            return this;
        }

        /** How to solve (method, tolerances, …). */
        public Builder options(SolveOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** How solves are differentiated (default DIRECT). */
        public Builder gradient(Gradient gradient) {
            this.gradient = Objects.requireNonNull(gradient, "gradient");
            return this;
        }

        /** Options of the adjoint's backward solves. */
        public Builder adjoint(AdjointOptions adjoint) {
            this.adjoint = Objects.requireNonNull(adjoint, "adjoint");
            return this;
        }

        /**
         * Whether solves land on the sample times of the input signals (default true): as jump times
         * for {@link Interpolation#HOLD} inputs, where u is discontinuous, and as step times for
         * {@link Interpolation#LINEAR} and {@link Interpolation#PCHIP} ones, where a derivative of u
         * jumps. Landing keeps the solution accurate to the tolerance at the price of at least one
         * step per sample interval; with densely sampled inputs and loose accuracy needs, turn it
         * off and let the error control cope.
         */
        public Builder landOnInputSamples(boolean land) {
            this.landOnInputSamples = land;
            return this;
        }

        Builder spec(ModelSpec spec) {
            this.spec = spec;
            return this;
        }

        /** The model. */
        public NeuralOde build() {
            return new NeuralOde(this);
        }
    }
}
