package org.neuralode4j.train;

import java.util.Locale;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.IController;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.PIController;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.optim.RMSprop;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

/**
 * torchdiffeq's ode_demo training, the spiral benchmark of REFERENCE.md, with the recipe exactly:
 *
 * <ul>
 *   <li>data: dy/dt = (y∘y∘y)·A, A = [[-0.1, 2.0], [-2.0, -0.1]], y0 = [2, 0], 1000 samples at
 *       linspace(0, 25, 1000) from dopri5 at rtol 1e-7, atol 1e-9;</li>
 *   <li>model: {@link SpiralOdeFunc} (weights N(0, 0.1²), zero biases) drawn from
 *       {@code new Xoshiro256StarStar(seed)};</li>
 *   <li>training: RMSprop with lr 1e-3 and PyTorch's other defaults; each iteration draws 20 start
 *       indices without replacement from [0, 990) (a {@link TrajectoryLoss} over the first 999
 *       samples, so a window of 10 samples starts at 989 at the latest) with the trainer's generator
 *       seeded with {@code ~seed}; the 20 windows share the times t[0..9] and are one coupled [20, 2]
 *       solve; loss mean|pred − data| (L1);</li>
 *   <li>solves: torchdiffeq's dopri5 ({@link #solveOptions}: the Dormand–Prince pair with
 *       Shampine's error estimate, {@code dopri5-shampine}; the integral step-size controller
 *       whose accepted steps never shrink) with
 *       torchdiffeq's default tolerances (rtol 1e-7, atol 1e-9) forward and, for the adjoint
 *       methods, backward (torchdiffeq's {@code odeint_adjoint} defaults its adjoint tolerances to
 *       the forward ones). The backward solve uses this library's default seminorm error control
 *       (torchdiffeq's default measures the parameter adjoint too, so its backward pass needs more
 *       evaluations) and Hairer's PI controller (the backward solve lands on every output time,
 *       where the integral controller's rejections cost about 20% more evaluations);</li>
 *   <li>score: the L1 between the model's trajectory from y0 over all 1000 times and the data.</li>
 * </ul>
 *
 * <p>{@link Result#toJson()} prints the keys of the peer baseline {@code torchdiffeq_spiral.py}, so
 * the two are compared line by line.
 */
public final class SpiralBenchmark {
    /** Samples of the true trajectory. */
    public static final int DATA_SIZE = 1000;
    /** Windows per batch. */
    public static final int BATCH_SIZE = 20;
    /** Samples per window. */
    public static final int BATCH_TIME = 10;
    /** Hidden units of the recipe's model ({@link SpiralOdeFunc}: 2 → 50 → 2). */
    public static final int HIDDEN = SpiralOdeFunc.HIDDEN;
    /** RMSprop's learning rate. */
    public static final double LEARNING_RATE = 1e-3;
    /**
     * The method torchdiffeq calls dopri5: the Dormand–Prince pair with Shampine's error estimate
     * ({@link org.neuralode4j.ode.tableau.Dopri5#SHAMPINE_ESTIMATE}).
     */
    public static final String METHOD = "dopri5-shampine";

    private SpiralBenchmark() {
    }

    /**
     * One run's figures.
     *
     * @param gradient the gradient method
     * @param threads threads used
     * @param iterations training iterations
     * @param secondsPerIteration training wall time per iteration (without data generation and scoring)
     * @param nfeForward mean forward evaluations per iteration
     * @param nfeBackward mean backward evaluations per iteration
     * @param fullTrajectoryL1 the full-trajectory L1 after training
     * @param initialFullTrajectoryL1 the full-trajectory L1 of the initial model
     */
    public record Result(Gradient gradient, int threads, int iterations, double secondsPerIteration, double nfeForward,
                         double nfeBackward, double fullTrajectoryL1, double initialFullTrajectoryL1) {

        /**
         * One line of JSON with the keys of {@code torchdiffeq_spiral.py}: impl, dtype, gradient,
         * threads, niters, s_per_iter, nfe_forward, nfe_backward, full_trajectory_l1; and kernel, the MLP
         * kernel that ran ({@link org.neuralode4j.tensor.NarrowMlp#kernelName}).
         */
        public String toJson() {
            return String.format(Locale.ROOT, "{\"impl\": \"neuralode4j\", \"dtype\": \"float64\", \"gradient\": \"%s\", "
                            + "\"threads\": %d, \"niters\": %d, \"s_per_iter\": %s, \"nfe_forward\": %s, "
                            + "\"nfe_backward\": %s, \"full_trajectory_l1\": %s, \"kernel\": \"%s\"}", gradient.shortName(),
                    threads, iterations, number(secondsPerIteration), number(nfeForward), number(nfeBackward),
                    number(fullTrajectoryL1), org.neuralode4j.tensor.NarrowMlp.kernelName());
        }

        private static String number(double v) {
            return Double.isFinite(v) ? Double.toString(v) : "null";
        }
    }

    /**
     * The recipe's forward solver settings as torchdiffeq applies them: rtol 1e-7, atol 1e-9 and its
     * integral controller (safety 0.9, step ratios in [0.2, 10], an accepted step never shrinks the
     * next: {@link IController#standard()}). With {@link #METHOD} the step sequence is torchdiffeq's
     * up to two details: torchdiffeq lets the step after a rejection grow (this library does not)
     * and steps past the final time where this library lands on it.
     *
     * @param method the solver
     */
    public static SolveOptions solveOptions(String method) {
        return SolveOptions.builder().method(method).rtol(1e-7).atol(1e-9).controller(IController.standard()).build();
    }

    /**
     * The recipe's backward-solve settings: torchdiffeq's adjoint tolerances (rtol 1e-7, atol 1e-9),
     * this library's seminorm and automatic backward method, and Hairer's PI controller.
     */
    public static AdjointOptions adjointOptions() {
        return AdjointOptions.builder().rtol(1e-7).atol(1e-9).controller(PIController.hairer()).build();
    }

    /** The true spiral dynamics dy/dt = (y∘y∘y)·A. */
    public static VectorField trueDynamics() {
        Tensor a = Tensor.of(new double[][] {{-0.1, 2.0}, {-2.0, -0.1}});
        return (t, y) -> y.pow(3).matmul(a);
    }

    /** The 1000 samples of the true trajectory from y0 = [2, 0] on linspace(0, 25, 1000). */
    public static Trajectory trueTrajectory() {
        double[] t = Tensor.linspace(0, 25, DATA_SIZE).toArray();
        Tensor y = OdeSolver.solve(trueDynamics(), Tensor.of(new double[][] {{2, 0}}), t,
                solveOptions(METHOD)).states();
        double[][] rows = new double[DATA_SIZE][];
        for (int i = 0; i < DATA_SIZE; i++) {
            rows[i] = y.select(0, i).reshape(2).toArray();
        }
        return new Trajectory("spiral", t, rows, null);
    }

    /**
     * Everything one run of the recipe needs, before training: the model, the windowed L1 loss, the
     * full trajectory it is scored on, and a trainer builder with RMSprop set up. The demo command
     * adds its own listeners and pictures.
     *
     * @param model the ode_demo model with its seeded initial weights
     * @param loss the windowed L1 loss on the first 999 samples (windows of 10 starting in [0, 990))
     * @param full the 1000-sample true trajectory
     * @param trainer RMSprop (lr 1e-3) for {@code iterations}, seeded
     */
    public record Session(SpiralOdeFunc model, TrajectoryLoss loss, TimeSeriesDataset full, Trainer.Builder trainer) {
        /** The full-trajectory L1 of the model now. */
        public double fullTrajectoryL1() {
            return loss.evaluate(full);
        }
    }

    /**
     * Sets up a run of REFERENCE.md's recipe.
     *
     * @param iterations training iterations, at least 1
     * @param gradient how the solves are differentiated
     * @param seed seeds the initial weights and the batches
     * @param method the solver ({@link #METHOD} in the recipe), with {@link #solveOptions}
     */
    public static Session session(int iterations, Gradient gradient, long seed, String method) {
        Trajectory truth = trueTrajectory();
        TimeSeriesDataset full = TimeSeriesDataset.of(truth);
        TimeSeriesDataset windows = TimeSeriesDataset.of(truth.slice(0, DATA_SIZE - 1));
        SpiralOdeFunc model = new SpiralOdeFunc(new Xoshiro256StarStar(seed));
        SolveOptions options = solveOptions(method);
        TrajectoryLoss loss = TrajectoryLoss.builder(model, windows).batchSize(BATCH_SIZE).batchTime(BATCH_TIME)
                .gradient(gradient).solveOptions(options)
                .adjointOptions(adjointOptions())
                .loss(Losses::l1).build();
        Trainer.Builder b = Trainer.builder(model, new RMSprop(model.parameters(), LEARNING_RATE), loss)
                .iterations(iterations).seed(~seed);
        return new Session(model, loss, full, b);
    }

    /**
     * Trains and scores one run.
     *
     * @param iterations training iterations, at least 1
     * @param gradient how the solves are differentiated
     * @param seed seeds the initial weights and the batches
     * @param listener observes the training (may be {@code null})
     */
    public static Result run(int iterations, Gradient gradient, long seed, TrainingListener listener) {
        Session s = session(iterations, gradient, seed, METHOD);
        double initial = s.fullTrajectoryL1();
        if (listener != null) {
            s.trainer().listener(listener);
        }
        TrainingResult r = s.trainer().build().fit();
        double score = s.fullTrajectoryL1();
        return new Result(gradient, org.neuralode4j.tensor.Gemm.threads(), iterations, r.seconds() / iterations, (double) r.forwardEvaluations() / iterations,
                (double) r.backwardEvaluations() / iterations, score, initial);
    }
}
