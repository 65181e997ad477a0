package org.neuralode4j.train;

import java.nio.file.Path;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.optim.RMSprop;
import org.neuralode4j.optim.StepLR;
import org.neuralode4j.sensitivity.Gradient;

/**
 * A small, fast version of the spiral training for the trainer's tests: the first 200 samples of the
 * true spiral, batches of 4 windows of 5 samples, loose tolerances, RMSprop with lr 1e-2 and a step
 * schedule, gradient clipping, and a validation on the first 40 samples every 3 iterations.
 */
final class TinySpiral {
    static final Trajectory TRUTH = SpiralBenchmark.trueTrajectory().slice(0, 200);
    private static final TimeSeriesDataset VALIDATION = TimeSeriesDataset.of(TRUTH.slice(0, 40));

    final SpiralOdeFunc model;
    final TrajectoryLoss loss;
    final RMSprop optimizer;
    private final long seed;
    private final int iterations;

    /**
     * @param seed seeds the weights and the batches
     * @param iterations training iterations
     */
    TinySpiral(long seed, int iterations) {
        this.seed = seed;
        this.iterations = iterations;
        model = new SpiralOdeFunc(new Xoshiro256StarStar(seed));
        loss = TrajectoryLoss.builder(model, TimeSeriesDataset.of(TRUTH)).batchSize(4).batchTime(5)
                .gradient(Gradient.DIRECT).solveOptions(SolveOptions.builder().rtol(1e-5).atol(1e-7).build())
                .loss(Losses::l1).build();
        optimizer = new RMSprop(model.parameters(), 1e-2);
    }

    /** A trainer builder over {@link #loss}. */
    Trainer.Builder trainer() {
        return trainer(loss);
    }

    /** A trainer builder with this run's settings over another loss function. */
    Trainer.Builder trainer(LossFunction lossFunction) {
        return Trainer.builder(model, optimizer, lossFunction).iterations(iterations).seed(~seed)
                .scheduler(new StepLR(optimizer, 7, 0.5)).clipGradNorm(1.0)
                .validation(it -> loss.evaluate(VALIDATION), 3);
    }

    /** A trainer builder writing checkpoints to {@code file} every {@code every} iterations. */
    Trainer.Builder trainer(Path file, int every) {
        return trainer().checkpoints(file, every);
    }
}
