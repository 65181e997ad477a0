package org.neuralode4j.optim;

/**
 * Decays the rate by γ every {@code stepSize} epochs, PyTorch's {@code StepLR}:
 * lr(e) = lr₀ · γ^⌊e / stepSize⌋.
 */
public final class StepLR extends LrScheduler {
    private final int stepSize;
    private final double gamma;

    /** γ = 0.1, PyTorch's default. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * @param stepSize epochs between decays, ≥ 1
     * @param gamma the decay factor
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1 || !(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepLR: stepSize " + stepSize + " must be >= 1 and gamma " + gamma
                    + " finite and >= 0");
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double lrAt(int epoch) {
        requireEpoch(epoch);
        return baseLr() * Math.pow(gamma, epoch / stepSize);
    }
}
