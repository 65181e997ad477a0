package org.neuralode4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.random.RandomGenerator;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.data.Batch;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.data.WindowSampler;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.Module;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * The loss of torchdiffeq's ode_demo as a {@link LossFunction} over any dataset: each iteration
 * draws a {@link WindowSampler} batch of {@code batchSize} windows of {@code batchTime} consecutive
 * samples, integrates the vector field from every window's first sample, and compares the predicted
 * states with the window's samples by the chosen loss (mean squared error by default).
 *
 * <p><b>Times.</b> By default each window is integrated over its times relative to its start, as
 * ode_demo does: right for autonomous fields (f does not read t), and when all windows share the
 * same relative times (a uniform grid) the batch is one coupled [B, D] solve. With
 * {@link Builder#absoluteTimes()} each window is integrated over its own absolute times, one solve
 * per window, for fields that depend on t. Windows of differing relative times are solved one by
 * one as well; the loss is then the mean of the windows' losses.
 *
 * <p>The builder checks that the vector field maps the dataset's D-dimensional states to
 * D-dimensional derivatives, so a model of the wrong size fails at once with a message naming both
 * dimensions instead of deep inside the first solve.
 */
public final class TrajectoryLoss implements LossFunction {
    private final VectorField field;
    private final WindowSampler sampler;
    private final Gradient gradient;
    private final SolveOptions options;
    private final AdjointOptions adjoint;
    private final BinaryOperator<Tensor> loss;
    private final boolean absolute;
    private final int dim;

    private TrajectoryLoss(Builder b) {
        this.field = b.field;
        this.gradient = b.gradient;
        this.options = b.options;
        this.adjoint = b.adjoint;
        this.loss = b.loss;
        this.absolute = b.absolute;
        this.dim = b.data.dim();
        checkDimension(field, b.data);
        this.sampler = new WindowSampler(b.data, b.batchSize, b.batchTime);
    }

    /** Starts configuring the loss of {@code field} on {@code data}. */
    public static Builder builder(VectorField field, TimeSeriesDataset data) {
        return new Builder(field, data);
    }

    /** Starts configuring the loss of {@code model} (dz/dt = model(t, z)) on {@code data}. */
    public static Builder builder(Module model, TimeSeriesDataset data) {
        return new Builder(new ModuleField(model), data);
    }

    @Override
    public StepResult compute(int iteration, RandomGenerator rng) {
        Batch batch = sampler.next(rng);
        double[] rel = absolute ? null : batch.sharedRelativeTimes();
        if (rel != null) {
            GradientSolution sol = Odeint.solve(field, batch.z0(), rel, options, gradient, adjoint);
            return StepResult.of(loss.apply(sol.states(), batch.targets()), sol);
        }
        Tensor z0 = batch.z0();
        double[][] times = batch.times();
        List<GradientSolution> solutions = new ArrayList<>();
        Tensor total = null;
        long forward = 0;
        for (int b = 0; b < batch.size(); b++) {
            double[] t = absolute ? times[b] : relative(times[b]);
            GradientSolution sol = Odeint.solve(field, z0.slice(0, b, b + 1), t, options, gradient, adjoint);
            Tensor target = batch.target(b).reshape(t.length, 1, dim);
            Tensor l = loss.apply(sol.states(), target);
            total = total == null ? l : total.add(l);
            forward += sol.forwardStats().functionEvaluations();
            solutions.add(sol);
        }
        return new StepResult(total.div(batch.size()), forward, () -> {
            long n = 0;
            for (GradientSolution s : solutions) {
                n += s.backwardStats().functionEvaluations();
            }
            return n;
        }, Map.of());
    }

    /**
     * The loss of whole trajectories, without gradients: every trajectory of {@code data} is
     * integrated from its first sample over all its times (relative or absolute as configured) and
     * the losses are averaged over trajectories. A {@link ValidationFunction}, and the spiral's
     * full-trajectory score.
     *
     * @throws DataException when the data's dimension differs from the training data's
     */
    public double evaluate(TimeSeriesDataset data) {
        if (data.dim() != dim) {
            throw new DataException("the evaluation data has " + data.dim() + " state channels, the training data "
                    + dim);
        }
        return Autodiff.noGrad(() -> {
            double sum = 0;
            for (Trajectory tr : data.trajectories()) {
                double[] t = absolute ? tr.times() : relative(tr.times());
                Tensor z0 = Tensor.fromArray(tr.state(0), 1, dim);
                Tensor pred = OdeSolver.solve(field, z0, t, options).states();
                sum += loss.apply(pred, tr.statesTensor().reshape(t.length, 1, dim)).item();
            }
            return sum / data.size();
        });
    }

    private static double[] relative(double[] t) {
        double[] r = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            r[i] = t[i] - t[0];
        }
        return r;
    }

    /**
     * Fails with a {@link DataException} naming both dimensions when {@code field} does not map the
     * dataset's [1, D] states to [1, D] derivatives. When f rejects [1, D] states, the dimension it
     * takes is found by trying [1, k] states for k up to 64 (without recording gradients).
     */
    static void checkDimension(VectorField field, TimeSeriesDataset data) {
        int d = data.dim();
        Trajectory first = data.trajectory(0);
        Tensor z = Tensor.fromArray(first.state(0), 1, d);
        String model;
        try {
            Tensor out = evaluate(field, first.time(0), z);
            if (Arrays.equals(out.shape(), z.shape())) {
                return;
            }
            model = "the model maps them to derivatives of shape " + Shape.format(out.shape()) + " (" + d
                    + "-dimensional states to " + out.shape()[out.rank() - 1] + "-dimensional derivatives)";
        } catch (IllegalArgumentException e) {
            int accepted = -1;
            for (int k = 1; k <= 64 && accepted < 0; k++) {
                accepted = k != d && accepts(field, first.time(0), k) ? k : -1;
            }
            model = accepted > 0 ? "the model takes " + accepted + "-dimensional states"
                    : "the model fails on " + d + "-dimensional states: " + e.getMessage();
        }
        throw new DataException("the dataset has " + d + " state channel" + (d == 1 ? "" : "s") + " " + data.stateNames()
                + " but " + model + "; use a model with " + d + " inputs and outputs or select the matching columns");
    }

    private static Tensor evaluate(VectorField field, double t, Tensor z) {
        return Autodiff.noGrad(() -> field.apply(t, z));
    }

    /** Whether f maps [1, k] states to [1, k] derivatives. */
    private static boolean accepts(VectorField field, double t, int k) {
        try {
            return Arrays.equals(evaluate(field, t, Tensor.zeros(1, k)).shape(), new int[] {1, k});
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Configures a {@link TrajectoryLoss}. */
    public static final class Builder {
        private final VectorField field;
        private final TimeSeriesDataset data;
        private int batchSize = 20;
        private int batchTime = 10;
        private Gradient gradient = Gradient.DIRECT;
        private SolveOptions options = SolveOptions.defaults();
        private AdjointOptions adjoint = AdjointOptions.defaults();
        private BinaryOperator<Tensor> loss = Losses::mse;
        private boolean absolute;

        private Builder(VectorField field, TimeSeriesDataset data) {
            this.field = Objects.requireNonNull(field, "field");
            this.data = Objects.requireNonNull(data, "data");
        }

        /** Windows per batch (default 20, ode_demo's). */
        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        /** Samples per window, the initial one included (default 10, ode_demo's). */
        public Builder batchTime(int n) {
            this.batchTime = n;
            return this;
        }

        /** How the solves are differentiated (default {@link Gradient#DIRECT}). */
        public Builder gradient(Gradient gradient) {
            this.gradient = Objects.requireNonNull(gradient, "gradient");
            return this;
        }

        /** Forward solve options (default: dopri5, rtol 1e-7, atol 1e-9, torchdiffeq's). */
        public Builder solveOptions(SolveOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Backward solve options of the adjoint methods (default: {@link AdjointOptions#defaults()}). */
        public Builder adjointOptions(AdjointOptions adjoint) {
            this.adjoint = Objects.requireNonNull(adjoint, "adjoint");
            return this;
        }

        /** Loss of predictions [T, B, D] against targets of the same shape (default {@link Losses#mse}). */
        public Builder loss(BinaryOperator<Tensor> loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** Integrates every window over its absolute times (one solve per window); for fields that read t. */
        public Builder absoluteTimes() {
            this.absolute = true;
            return this;
        }

        /**
         * The loss.
         *
         * @throws DataException when the model's dimension differs from the data's, or the batch does
         *     not fit the data
         */
        public TrajectoryLoss build() {
            return new TrajectoryLoss(this);
        }
    }
}
