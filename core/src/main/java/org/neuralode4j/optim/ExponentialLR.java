package org.neuralode4j.optim;

/** Decays the rate by γ every epoch, PyTorch's {@code ExponentialLR}: lr(e) = lr₀ · γ^e. */
public final class ExponentialLR extends LrScheduler {
    private final double gamma;

    /** @param gamma the decay factor per epoch */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("ExponentialLR: gamma " + gamma + " must be finite and >= 0");
        }
        this.gamma = gamma;
    }

    @Override
    public double lrAt(int epoch) {
        requireEpoch(epoch);
        return baseLr() * Math.pow(gamma, epoch);
    }
}
