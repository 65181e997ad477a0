package org.neuralode4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.random.RandomGenerator;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.data.Batch;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.data.WindowSampler;
import org.neuralode4j.model.InputSignal;
import org.neuralode4j.model.Interpolation;
import org.neuralode4j.model.NeuralOde;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.tensor.Tensor;

/**
 * The windowed training loss of a {@link NeuralOde} over a dataset of trajectories with irregular
 * times and optional inputs u(t): each iteration draws ode_demo-style windows ({@link WindowSampler});
 * a batch whose windows share their relative times and whose model needs neither t nor inputs is
 * one coupled [B, D] solve, any other batch is solved window by window on each window's own
 * absolute times with its own input signal (per-sample time grids). The loss compares the
 * predicted and sampled states (mean squared error by default; the mean over windows when solved one
 * by one).
 */
public final class ModelLoss implements LossFunction {
    private final NeuralOde model;
    private final WindowSampler sampler;
    private final BinaryOperator<Tensor> loss;
    private final Interpolation interpolation;
    private final boolean needsAbsoluteTime;

    /**
     * @param model the model; its field's state dimension must match the data's
     * @param data training trajectories (inputs must match the model's input dimension)
     * @param batchSize windows per batch
     * @param batchTime samples per window
     * @param interpolation how input samples are interpolated between sample times
     * @param needsAbsoluteTime whether the field reads t (then every window is solved on its own times)
     * @param loss compares prediction and target (e.g. {@link Losses#mse})
     */
    public ModelLoss(NeuralOde model, TimeSeriesDataset data, int batchSize, int batchTime, Interpolation interpolation,
                     boolean needsAbsoluteTime, BinaryOperator<Tensor> loss) {
        this.model = model;
        this.sampler = new WindowSampler(data, Math.min(batchSize, countWindows(data, batchTime)), batchTime);
        this.loss = loss;
        this.interpolation = interpolation;
        this.needsAbsoluteTime = needsAbsoluteTime || data.inputDim() > 0;
    }

    private static int countWindows(TimeSeriesDataset data, int batchTime) {
        int n = 0;
        for (Trajectory t : data.trajectories()) {
            n += Math.max(0, t.length() - batchTime + 1);
        }
        if (n == 0) {
            throw new DataException("no trajectory has " + batchTime + " samples for a window: lower --batch-time "
                    + "(the shortest trajectory has " + shortest(data) + ")");
        }
        return n;
    }

    private static int shortest(TimeSeriesDataset data) {
        int m = Integer.MAX_VALUE;
        for (Trajectory t : data.trajectories()) {
            m = Math.min(m, t.length());
        }
        return m;
    }

    /** Number of distinct windows (for epochs). */
    public int windowCount() {
        return sampler.windowCount();
    }

    @Override
    public StepResult compute(int iteration, RandomGenerator rng) {
        Batch batch = sampler.next(rng);
        double[] shared = needsAbsoluteTime ? null : batch.sharedRelativeTimes();
        Tensor value;
        if (shared != null) {
            value = loss.apply(model.forward(batch.z0(), shared), batch.targets());
        } else {
            List<Trajectory> windows = batch.windows();
            List<Tensor> predictions = model.forwardPerSample(batch.z0(), batch.times(), inputs(windows));
            Tensor sum = null;
            for (int b = 0; b < windows.size(); b++) {
                Tensor l = loss.apply(predictions.get(b), batch.target(b));
                sum = sum == null ? l : sum.add(l);
            }
            value = sum.div(windows.size());
        }
        long forward = model.lastForwardStats().functionEvaluations();
        return new StepResult(value, forward, () -> model.lastBackwardStats().functionEvaluations(),
                java.util.Map.of());
    }

    private List<InputSignal> inputs(List<Trajectory> windows) {
        if (!windows.get(0).hasInputs()) {
            return List.of();
        }
        List<InputSignal> out = new ArrayList<>();
        for (Trajectory w : windows) {
            out.add(InputSignal.of(w, interpolation));
        }
        return out;
    }

    /**
     * The model's prediction of a whole trajectory from its first sample, at its own times, with its
     * inputs, without recording: [T, D].
     */
    public Tensor predict(Trajectory trajectory) {
        Tensor z0 = Tensor.fromArray(trajectory.state(0), 1, trajectory.dim());
        double[] times = trajectory.times();
        return Autodiff.noGrad(() -> {
            Tensor out = trajectory.hasInputs()
                    ? model.forward(z0, times, InputSignal.of(trajectory, interpolation))
                    : model.forward(z0, times);
            return out.squeeze(1);
        });
    }

    /** The mean over trajectories of the loss of {@link #predict whole-trajectory predictions}. */
    public double evaluate(TimeSeriesDataset data) {
        double sum = 0;
        for (Trajectory t : data.trajectories()) {
            sum += Autodiff.noGrad(() -> loss.apply(predict(t), t.statesTensor())).item();
        }
        return sum / data.size();
    }
}
