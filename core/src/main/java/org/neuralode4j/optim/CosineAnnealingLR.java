package org.neuralode4j.optim;

/**
 * Cosine annealing without restarts (Loshchilov &amp; Hutter 2017, "SGDR"), PyTorch's
 * {@code CosineAnnealingLR}: lr(e) = η_min + (lr₀ − η_min)(1 + cos(πe / T_max)) / 2. Past T_max the
 * formula continues (the rate climbs back), as PyTorch's closed form does.
 */
public final class CosineAnnealingLR extends LrScheduler {
    private final int tMax;
    private final double etaMin;

    /** η_min = 0, PyTorch's default. */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    /**
     * @param tMax epochs of the half cosine, ≥ 1
     * @param etaMin the smallest rate
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax < 1 || !(etaMin >= 0) || Double.isInfinite(etaMin)) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax " + tMax + " must be >= 1 and etaMin " + etaMin
                    + " finite and >= 0");
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
    }

    @Override
    public double lrAt(int epoch) {
        requireEpoch(epoch);
        return etaMin + (baseLr() - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
    }
}
