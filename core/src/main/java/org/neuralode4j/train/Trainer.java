package org.neuralode4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Module;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.optim.GradientClipping;
import org.neuralode4j.optim.LrScheduler;
import org.neuralode4j.optim.Optimizer;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * The training loop: for every iteration, {@code zeroGrad}, the {@link LossFunction}, the backward
 * pass, optional gradient clipping by norm, the optimizer's step and the learning-rate schedule;
 * every N iterations a validation (with early stopping) and an atomic checkpoint.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new RMSprop(model.parameters(), 1e-3), lossFunction)
 *         .iterations(2000).seed(0)
 *         .checkpoints(Path.of("run.ckpt.safetensors"), 100)
 *         .build();
 * TrainingResult r = trainer.fit();                  // or trainer.resume(checkpoint) after a crash
 * }</pre>
 *
 * <p><b>Determinism.</b> The trainer owns a {@link Xoshiro256StarStar} seeded from {@link Builder#seed}
 * and hands it to the loss function, which draws its batches from it. With the same seed, data,
 * initial weights, code and machine, two runs produce bit-identical weights; the generator's state
 * is part of every checkpoint, so a run resumed from a checkpoint continues exactly as if it had
 * never stopped (the loss function, validation and listeners must keep no other state that changes
 * the computation; see {@link LossFunction}).
 *
 * <p><b>Failures.</b> A NaN or infinite loss, gradient or updated weight stops training with a
 * {@link TrainingException} naming the iteration and the quantity; so does a solver failure inside
 * an iteration. The check comes before the next checkpoint is written, so the last checkpoint on
 * disk (the last good state) is never overwritten with non-finite weights. The parameters in memory
 * are then not those of the checkpoint: resume from it.
 *
 * <p><b>Validation and early stopping.</b> The {@link ValidationFunction} runs without recording
 * gradients after every {@code validateEvery}-th iteration and after the last one. An improvement is
 * a loss below the best so far by more than {@code minDelta}. With early stopping, the weights of
 * the best validation are kept (in memory and in checkpoints); training stops after {@code patience}
 * consecutive validations without improvement, and at the end of training (stopped early or not) the
 * best weights are copied back into the parameters when {@code restoreBest} is on (the default).
 *
 * <p><b>Checkpoints</b> ({@link TrainingCheckpoint}) are written after every
 * {@code checkpointEvery}-th iteration and at the end of {@link #fit()} (before the best weights are
 * restored, so that the file is the true state of the run).
 *
 * <p>A trainer is used from one thread.
 */
public final class Trainer {
    private final List<Tensor> params;
    private final List<String> names;
    private final Optimizer optimizer;
    private final LossFunction lossFunction;
    private final LrScheduler scheduler;
    private final int schedulerEvery;
    private final double clipNorm;
    private final ValidationFunction validation;
    private final int validateEvery;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private final Path checkpointFile;
    private final int checkpointEvery;
    private final List<TrainingListener> listeners;
    private final int iterations;
    private final Xoshiro256StarStar rng;
    private long seed;
    private int completed;
    private double bestLoss = Double.NaN;
    private int bestIteration = -1;
    private int badValidations;
    private double[][] bestWeights;
    private boolean stoppedEarly;
    private int lastCheckpoint = -1;

    private Trainer(Builder b) {
        this.params = b.params;
        this.names = b.names;
        this.optimizer = b.optimizer;
        this.lossFunction = b.lossFunction;
        this.scheduler = b.scheduler;
        this.schedulerEvery = b.schedulerEvery;
        this.clipNorm = b.clipNorm;
        this.validation = b.validation;
        this.validateEvery = b.validateEvery;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.restoreBest = b.restoreBest;
        this.checkpointFile = b.checkpointFile;
        this.checkpointEvery = b.checkpointEvery;
        this.listeners = List.copyOf(b.listeners);
        this.iterations = b.iterations;
        this.seed = b.seed;
        this.rng = new Xoshiro256StarStar(seed);
    }

    /**
     * Starts configuring a trainer of a module's parameters (named as in its state dict).
     *
     * @param optimizer must update exactly {@code model.parameters()}, in that order
     */
    public static Builder builder(Module model, Optimizer optimizer, LossFunction loss) {
        LinkedHashMap<String, Tensor> named = model.namedParameters();
        return new Builder(new ArrayList<>(named.values()), new ArrayList<>(named.keySet()), optimizer, loss);
    }

    /**
     * Starts configuring a trainer of bare tensors, named {@code 0}, {@code 1}, … in checkpoints.
     *
     * @param parameters leaf tensors requiring gradients (modified in place by the optimizer)
     * @param optimizer must update exactly these tensors, in this order
     */
    public static Builder builder(List<Tensor> parameters, Optimizer optimizer, LossFunction loss) {
        List<String> n = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            n.add(Integer.toString(i));
        }
        return new Builder(new ArrayList<>(parameters), n, optimizer, loss);
    }

    /** Iterations completed so far (including those before a resume). */
    public int completedIterations() {
        return completed;
    }

    /** The configured number of iterations. */
    public int iterations() {
        return iterations;
    }

    /** The seed of the training generator (after {@link #restore}: the checkpointed run's). */
    public long seed() {
        return seed;
    }

    /**
     * Runs the remaining iterations (all of them on a new trainer, those after the checkpoint after
     * {@link #restore}); returns at once when training has already finished.
     *
     * @throws TrainingException when a loss, gradient or weight becomes non-finite or a solve fails
     * @throws UncheckedIOException when a checkpoint cannot be written (the previous one is kept)
     */
    public TrainingResult fit() {
        long start = System.nanoTime();
        long fwd = 0;
        long bwd = 0;
        int run = 0;
        double last = Double.NaN;
        while (completed < iterations && !stoppedEarly) {
            IterationEvent e = iterate(completed + 1);
            fwd += e.forwardEvaluations();
            bwd += e.backwardEvaluations();
            run++;
            last = e.loss();
            for (TrainingListener l : listeners) {
                l.onIteration(e);
            }
            if (validation != null && (completed % validateEvery == 0 || completed == iterations)) {
                validate();
            }
            if (checkpointFile != null && completed % checkpointEvery == 0) {
                writeCheckpoint();
            }
        }
        if (checkpointFile != null && lastCheckpoint != completed) {
            writeCheckpoint();
        }
        if (restoreBest && bestWeights != null) {
            copyInto(bestWeights);
        }
        TrainingResult result = new TrainingResult(completed, stoppedEarly, last, bestLoss, bestIteration, fwd, bwd, run,
                (System.nanoTime() - start) * 1e-9);
        for (TrainingListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    /** One iteration; on success {@code completed} becomes {@code it}. */
    private IterationEvent iterate(int it) {
        long t0 = System.nanoTime();
        double lr = optimizer.learningRate();
        optimizer.zeroGrad();
        StepResult r;
        try {
            r = lossFunction.compute(it, rng);
        } catch (SolverException e) {
            throw failure(it, "the loss function's solve failed: " + e.getMessage(), e);
        }
        double loss = r.loss().item();
        if (!Double.isFinite(loss)) {
            throw failure(it, "the training loss is " + loss, null);
        }
        try {
            r.loss().backward();
        } catch (SolverException e) {
            throw failure(it, "the backward (adjoint) solve failed: " + e.getMessage(), e);
        }
        long backward = r.backwardEvaluations().getAsLong();
        requireFinite(it, true);
        Map<String, Double> metrics = r.metrics();
        if (!Double.isNaN(clipNorm)) {
            double norm = GradientClipping.clipGradNorm(params, clipNorm);
            metrics = new LinkedHashMap<>(metrics);
            metrics.put("grad_norm", norm);
        }
        optimizer.step();
        requireFinite(it, false);
        completed = it;
        if (scheduler != null && it % schedulerEvery == 0) {
            scheduler.step();
        }
        return new IterationEvent(it, loss, r.forwardEvaluations(), backward, (System.nanoTime() - t0) * 1e-9, lr,
                metrics);
    }

    private void requireFinite(int it, boolean gradients) {
        for (int i = 0; i < params.size(); i++) {
            Tensor t = gradients ? params.get(i).grad() : params.get(i);
            if (t == null || !t.hasNonFinite()) {
                continue;
            }
            int bad = 0;
            for (double v : t.buffer()) {
                bad += Double.isFinite(v) ? 0 : 1;
            }
            String count = bad + " NaN or infinite value" + (bad == 1 ? "" : "s") + " (of " + t.numel() + ")";
            throw failure(it, gradients ? "the gradient of parameter '" + names.get(i) + "' has " + count
                    : "the update left parameter '" + names.get(i) + "' with " + count, null);
        }
    }

    private TrainingException failure(int it, String what, Throwable cause) {
        String kept = checkpointFile == null ? "no checkpoints are configured"
                : lastCheckpoint < 0 ? "no checkpoint was written yet"
                : "the last checkpoint (iteration " + lastCheckpoint + ", " + checkpointFile + ") is kept";
        return new TrainingException(it, "iteration " + it + ": " + what + "; training stopped, " + kept
                + ". Lower the learning rate, clip gradients or tighten the solver tolerances", cause);
    }

    private void validate() {
        double v;
        try {
            v = Autodiff.noGrad(() -> validation.loss(completed));
        } catch (SolverException e) {
            throw failure(completed, "the validation's solve failed: " + e.getMessage(), e);
        }
        boolean improved = Double.isNaN(bestLoss) ? !Double.isNaN(v) : v < bestLoss - minDelta;
        if (improved) {
            bestLoss = v;
            bestIteration = completed;
            badValidations = 0;
            if (patience > 0) {
                bestWeights = snapshot();
            }
        } else if (patience > 0 && ++badValidations >= patience) {
            stoppedEarly = true;
        }
        ValidationEvent e = new ValidationEvent(completed, v, improved, bestLoss, bestIteration);
        for (TrainingListener l : listeners) {
            l.onValidation(e);
        }
    }

    // ------------------------------------------------------------------ checkpoints

    /** The current state as a checkpoint (copies). */
    public TrainingCheckpoint checkpoint() {
        Map<String, Tensor> weights = named(snapshot());
        Map<String, Tensor> best = bestWeights == null ? Map.of() : named(bestWeights);
        return new TrainingCheckpoint(completed, seed, rng.state(), weights, optimizer.state(),
                scheduler == null ? Map.of() : scheduler.state(), best, bestLoss, bestIteration, badValidations,
                stoppedEarly);
    }

    private void writeCheckpoint() {
        try {
            checkpoint().write(checkpointFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the checkpoint of iteration " + completed + " to "
                    + checkpointFile + " (the previous checkpoint is kept): " + e.getMessage(), e);
        }
        lastCheckpoint = completed;
        for (TrainingListener l : listeners) {
            l.onCheckpoint(completed, checkpointFile);
        }
    }

    /**
     * Reads a checkpoint and {@link #restore(TrainingCheckpoint) restores} it.
     *
     * @throws IOException when the file cannot be read or is not a checkpoint
     */
    public void restore(Path checkpoint) throws IOException {
        restore(TrainingCheckpoint.read(checkpoint));
    }

    /**
     * Sets the weights, optimizer, scheduler, generator, iteration count and early-stopping state
     * from a checkpoint; {@link #fit()} then continues from there. The generator's state comes from
     * the checkpoint, whatever this trainer's seed; so does the seed reported by {@link #seed()}.
     *
     * @throws IllegalArgumentException when the checkpoint does not fit this trainer (parameter names
     *     or shapes, optimizer or scheduler state); nothing is changed then
     */
    public void restore(TrainingCheckpoint cp) {
        double[][] weights = unnamed(cp.weights(), "weights");
        double[][] best = cp.bestWeights().isEmpty() ? null : unnamed(cp.bestWeights(), "best weights");
        if ((scheduler == null) != cp.schedulerState().isEmpty()) {
            throw new IllegalArgumentException("the checkpoint " + (scheduler == null ? "has" : "has no")
                    + " learning-rate scheduler state but this trainer " + (scheduler == null ? "has no" : "has a")
                    + " scheduler; configure the trainer as the checkpointed run was");
        }
        Map<String, Tensor> previous = optimizer.state();
        optimizer.loadState(cp.optimizerState());
        if (scheduler != null) {
            try {
                scheduler.loadState(cp.schedulerState());
            } catch (IllegalArgumentException e) {
                optimizer.loadState(previous);
                throw e;
            }
        }
        copyInto(weights);
        rng.setState(cp.rngState());
        seed = cp.seed();
        completed = cp.iteration();
        bestWeights = best;
        bestLoss = cp.bestLoss();
        bestIteration = cp.bestIteration();
        badValidations = cp.badValidations();
        stoppedEarly = cp.stoppedEarly();
        lastCheckpoint = cp.iteration();
    }

    /**
     * {@link #restore(Path) Restores} a checkpoint and {@link #fit() continues} training to the end.
     *
     * @throws IOException when the checkpoint cannot be read
     */
    public TrainingResult resume(Path checkpoint) throws IOException {
        restore(checkpoint);
        return fit();
    }

    private double[][] snapshot() {
        double[][] s = new double[params.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = params.get(i).toArray();
        }
        return s;
    }

    private void copyInto(double[][] values) {
        for (int i = 0; i < values.length; i++) {
            System.arraycopy(values[i], 0, params.get(i).buffer(), 0, values[i].length);
        }
    }

    private Map<String, Tensor> named(double[][] values) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(names.get(i), Tensor.fromArray(values[i], params.get(i).shape()));
        }
        return m;
    }

    private double[][] unnamed(Map<String, Tensor> values, String what) {
        List<String> problems = new ArrayList<>();
        double[][] out = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            Tensor v = values.get(names.get(i));
            if (v == null) {
                problems.add("missing '" + names.get(i) + "'");
            } else if (!Arrays.equals(v.shape(), params.get(i).shape())) {
                problems.add("'" + names.get(i) + "' has shape " + Shape.format(v.shape())
                        + " but the parameter has " + Shape.format(params.get(i).shape()));
            } else {
                out[i] = v.toArray();
            }
        }
        for (String k : values.keySet()) {
            if (!names.contains(k)) {
                problems.add("unexpected '" + k + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint's " + what + " do not fit the trained parameters "
                    + names + ": " + String.join("; ", problems));
        }
        return out;
    }

    /** Configures a {@link Trainer}; every setting has a default except the three given to the constructor. */
    public static final class Builder {
        private final List<Tensor> params;
        private final List<String> names;
        private final Optimizer optimizer;
        private final LossFunction lossFunction;
        private LrScheduler scheduler;
        private int schedulerEvery = 1;
        private double clipNorm = Double.NaN;
        private ValidationFunction validation;
        private int validateEvery = 1;
        private int patience;
        private double minDelta;
        private boolean restoreBest;
        private Path checkpointFile;
        private int checkpointEvery;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int iterations = 1000;
        private long seed;

        private Builder(List<Tensor> params, List<String> names, Optimizer optimizer, LossFunction loss) {
            this.params = List.copyOf(params);
            this.names = List.copyOf(names);
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            this.lossFunction = Objects.requireNonNull(loss, "loss function");
            List<Tensor> updated = optimizer.parameters();
            boolean same = updated.size() == params.size();
            for (int i = 0; same && i < params.size(); i++) {
                same = updated.get(i) == params.get(i);
            }
            if (!same) {
                throw new IllegalArgumentException("the optimizer updates " + updated.size()
                        + " tensors that are not the trained parameters " + names
                        + " in order; build the optimizer from the same parameter list");
            }
        }

        /** Total number of iterations (default 1000), at least 1. */
        public Builder iterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("iterations = " + n + " must be at least 1");
            }
            this.iterations = n;
            return this;
        }

        /** Seed of the training generator passed to the loss function (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** A learning-rate schedule stepped after every iteration. */
        public Builder scheduler(LrScheduler scheduler) {
            return scheduler(scheduler, 1);
        }

        /**
         * A learning-rate schedule stepped after every {@code everyIterations}-th iteration (its epoch).
         *
         * @param scheduler built over this trainer's optimizer
         */
        public Builder scheduler(LrScheduler scheduler, int everyIterations) {
            if (everyIterations < 1) {
                throw new IllegalArgumentException("scheduler interval " + everyIterations + " must be at least 1");
            }
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            this.schedulerEvery = everyIterations;
            return this;
        }

        /** Clips the gradients' joint Euclidean norm to {@code maxNorm} before each step. */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
                throw new IllegalArgumentException("clipGradNorm: maxNorm " + maxNorm + " must be finite and > 0");
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** A validation loss computed after every {@code everyIterations}-th iteration and after the last. */
        public Builder validation(ValidationFunction validation, int everyIterations) {
            if (everyIterations < 1) {
                throw new IllegalArgumentException("validation interval " + everyIterations + " must be at least 1");
            }
            this.validation = Objects.requireNonNull(validation, "validation");
            this.validateEvery = everyIterations;
            return this;
        }

        /** Early stopping that restores the best weights at the end; see {@link Trainer}. */
        public Builder earlyStopping(int patience, double minDelta) {
            return earlyStopping(patience, minDelta, true);
        }

        /**
         * Stops after {@code patience} consecutive validations that do not improve on the best by more
         * than {@code minDelta}; needs {@link #validation}.
         *
         * @param restoreBest copy the best validation's weights back into the parameters at the end
         */
        public Builder earlyStopping(int patience, double minDelta, boolean restoreBest) {
            if (patience < 1 || !(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("early stopping: patience " + patience + " must be at least 1 and "
                        + "minDelta " + minDelta + " finite and >= 0");
            }
            this.patience = patience;
            this.minDelta = minDelta;
            this.restoreBest = restoreBest;
            return this;
        }

        /** Writes a checkpoint to {@code file} after every {@code everyIterations}-th iteration and at the end. */
        public Builder checkpoints(Path file, int everyIterations) {
            if (everyIterations < 1) {
                throw new IllegalArgumentException("checkpoint interval " + everyIterations + " must be at least 1");
            }
            this.checkpointFile = file.toAbsolutePath();
            this.checkpointEvery = everyIterations;
            return this;
        }

        /** Adds a listener (called in the order added). */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalStateException when early stopping is set without a validation
         */
        public Trainer build() {
            if (patience > 0 && validation == null) {
                throw new IllegalStateException("early stopping watches the validation loss: configure validation(...)");
            }
            return new Trainer(this);
        }
    }
}
