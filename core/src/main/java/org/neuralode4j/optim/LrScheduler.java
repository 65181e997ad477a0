package org.neuralode4j.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.neuralode4j.tensor.Tensor;

/**
 * A learning-rate schedule over epochs, after {@code torch.optim.lr_scheduler}: call {@link #step()}
 * once per epoch (after the optimizer's steps of that epoch); the optimizer's rate becomes
 * {@link #lrAt}(epoch).
 *
 * <p>The rate is computed from PyTorch's closed forms ({@code _get_closed_form_lr}) of the base rate
 * (the optimizer's rate when the schedule was created) and the epoch, so it depends on nothing but
 * the epoch and resuming from {@link #state()} is exact. PyTorch's {@code step()} evaluates the same
 * schedules recursively (chainable form); the two agree up to rounding.
 */
public abstract class LrScheduler {
    private final Optimizer optimizer;
    private double baseLr;
    private int lastEpoch;

    /** @param optimizer its current learning rate becomes the base rate (epoch 0) */
    protected LrScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.baseLr = optimizer.learningRate();
    }

    /** The learning rate of {@code epoch} (≥ 0) for this schedule. */
    public abstract double lrAt(int epoch);

    /** Advances one epoch and sets the optimizer's learning rate (modifies the optimizer). */
    public final void step() {
        lastEpoch++;
        optimizer.setLearningRate(lrAt(lastEpoch));
    }

    /** The number of {@link #step()} calls so far (PyTorch's {@code last_epoch}). */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /** The learning rate at epoch 0. */
    public final double baseLr() {
        return baseLr;
    }

    /** The learning rate the schedule set last ({@code get_last_lr()}). */
    public final double lastLr() {
        return lrAt(lastEpoch);
    }

    /** {@code last_epoch} and {@code base_lr} as 0-d tensors, for checkpoints. */
    public final Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("last_epoch", Tensor.scalar(lastEpoch));
        s.put("base_lr", Tensor.scalar(baseLr));
        return s;
    }

    /**
     * Restores {@link #state()} and sets the optimizer's rate for the restored epoch.
     *
     * @throws IllegalArgumentException when a key is missing or invalid
     */
    public final void loadState(Map<String, Tensor> state) {
        Tensor e = state.get("last_epoch");
        Tensor b = state.get("base_lr");
        if (e == null || b == null || e.numel() != 1 || b.numel() != 1 || !(e.item() >= 0)
                || e.item() > Integer.MAX_VALUE || e.item() != Math.rint(e.item()) || !(b.item() >= 0)
                || Double.isInfinite(b.item()) || state.size() != 2) {
            throw new IllegalArgumentException(getClass().getSimpleName()
                    + ".loadState: expected exactly 'last_epoch' (integer >= 0) and 'base_lr' (finite >= 0), got "
                    + state.keySet());
        }
        lastEpoch = (int) e.item();
        baseLr = b.item();
        optimizer.setLearningRate(lrAt(lastEpoch));
    }

    static void requireEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " must be >= 0");
        }
    }
}
