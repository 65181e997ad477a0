package org.neuralode4j.model;

import java.util.Objects;
import java.util.random.RandomGenerator;
import org.neuralode4j.tensor.Tensor;

/**
 * Which regularizers of Finlay et al. (2020), "How to train your neural ODE: the world of Jacobian
 * and kinetic regularization" (ICML), to integrate along a solve:
 *
 * <ul>
 *   <li>kinetic energy ∫ ‖f(t, z)‖² dt, which favours straight trajectories (optimal transport);</li>
 *   <li>the Jacobian's Frobenius norm ∫ ‖∂f/∂z‖_F² dt, which favours a smooth, easily integrated
 *       field, estimated by Hutchinson's trick: ‖∂f/∂z‖_F² = E‖εᵀ ∂f/∂z‖² for a probe ε with
 *       E[εεᵀ] = I. One probe per solve (fixed along it), one vector–Jacobian product per
 *       evaluation.</li>
 * </ul>
 *
 * Both enter the loss as λ_K·K + λ_J·J with weights the caller chooses. Finlay et al. use
 * λ_K = λ_J = 0.01 for FFJORD.
 */
public final class Regularizers {
    /** The distribution of the Hutchinson probe. */
    public enum Probe {
        /** ε ∼ N(0, I). */
        GAUSSIAN,
        /** ε uniform on {−1, 1}^n (Rademacher): lower variance of the estimate. */
        RADEMACHER
    }

    private final boolean kinetic;
    private final boolean jacobian;
    private final Probe probe;
    private final RandomGenerator rng;

    private Regularizers(boolean kinetic, boolean jacobian, Probe probe, RandomGenerator rng) {
        this.kinetic = kinetic;
        this.jacobian = jacobian;
        this.probe = probe;
        this.rng = rng;
    }

    /** Kinetic energy only. */
    public static Regularizers kineticEnergy() {
        return new Regularizers(true, false, null, null);
    }

    /**
     * The Jacobian Frobenius norm only.
     *
     * @param rng draws one probe per solve (advanced; seed it for reproducible training)
     */
    public static Regularizers jacobianFrobenius(Probe probe, RandomGenerator rng) {
        return new Regularizers(false, true, Objects.requireNonNull(probe, "probe"), Objects.requireNonNull(rng, "rng"));
    }

    /** Both regularizers. */
    public static Regularizers both(Probe probe, RandomGenerator rng) {
        return new Regularizers(true, true, Objects.requireNonNull(probe, "probe"), Objects.requireNonNull(rng, "rng"));
    }

    /** Whether the kinetic energy is integrated. */
    public boolean kinetic() {
        return kinetic;
    }

    /** Whether the Jacobian Frobenius norm is integrated. */
    public boolean jacobian() {
        return jacobian;
    }

    /** A fresh probe of the given shape ({@code null} when the Jacobian term is off). */
    Tensor drawProbe(int[] shape) {
        if (!jacobian) {
            return null;
        }
        if (probe == Probe.GAUSSIAN) {
            return Tensor.randn(rng, shape);
        }
        Tensor e = Tensor.zeros(shape);
        double[] d = e.buffer();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextBoolean() ? 1.0 : -1.0;
        }
        return e;
    }
}
