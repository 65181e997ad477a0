package org.neuralode4j.nn;

import java.util.random.RandomGenerator;

/**
 * How a {@link Linear} layer's weight [out, in] and bias [out] are drawn, after
 * {@code torch.nn.init}. fan_in is {@code in}, fan_out is {@code out}. The weight is filled first,
 * in row-major order, then the bias, so a seeded generator gives the same layer every time.
 *
 * <p>All initializers except {@link #pytorchDefault()} leave the bias at zero; {@link #zeroBias()}
 * turns any initializer into one that does.
 */
@FunctionalInterface
public interface Init {

    /**
     * Fills a weight of shape [fanOut, fanIn].
     *
     * @param weight modified: every element is overwritten
     */
    void fillWeight(double[] weight, int fanIn, int fanOut, RandomGenerator rng);

    /**
     * Fills a bias of length fanOut; zeros unless overridden.
     *
     * @param bias modified
     */
    default void fillBias(double[] bias, int fanIn, int fanOut, RandomGenerator rng) {
        java.util.Arrays.fill(bias, 0.0);
    }

    /** The same weights with a zero bias. */
    default Init zeroBias() {
        return this::fillWeight;
    }

    /**
     * PyTorch's default for {@code nn.Linear} ({@code reset_parameters}): the weight from
     * {@code kaiming_uniform_(a=√5)}, which is U(-1/√fan_in, 1/√fan_in), and the bias from the same
     * U(-1/√fan_in, 1/√fan_in).
     */
    static Init pytorchDefault() {
        return new Init() {
            @Override
            public void fillWeight(double[] w, int fanIn, int fanOut, RandomGenerator rng) {
                // gain = sqrt(2 / (1 + a²)) with a = √5, bound = gain · sqrt(3 / fan_in) = 1/√fan_in
                double gain = Math.sqrt(2.0 / (1.0 + 5.0));
                uniform(w, gain * Math.sqrt(3.0 / fanIn), rng);
            }

            @Override
            public void fillBias(double[] b, int fanIn, int fanOut, RandomGenerator rng) {
                uniform(b, fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0.0, rng);
            }
        };
    }

    /** Glorot/Xavier uniform with gain 1 (Glorot &amp; Bengio 2010): U(-a, a), a = √(6 / (fan_in + fan_out)). */
    static Init xavierUniform() {
        return xavierUniform(1.0);
    }

    /** Glorot/Xavier uniform: U(-a, a) with a = gain · √(6 / (fan_in + fan_out)) ({@code xavier_uniform_}). */
    static Init xavierUniform(double gain) {
        return (w, fanIn, fanOut, rng) -> uniform(w, gain * Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /** Glorot/Xavier normal: N(0, σ²) with σ = gain · √(2 / (fan_in + fan_out)) ({@code xavier_normal_}). */
    static Init xavierNormal(double gain) {
        return (w, fanIn, fanOut, rng) -> normal(w, gain * Math.sqrt(2.0 / (fanIn + fanOut)), rng);
    }

    /**
     * He/Kaiming uniform for ReLU networks (He et al. 2015), fan-in mode: U(-b, b) with
     * b = √2 · √(3 / fan_in) ({@code kaiming_uniform_(nonlinearity='relu')}).
     */
    static Init kaimingUniform() {
        return (w, fanIn, fanOut, rng) -> uniform(w, Math.sqrt(2.0) * Math.sqrt(3.0 / fanIn), rng);
    }

    /** He/Kaiming normal, fan-in mode: N(0, σ²) with σ = √2 / √fan_in ({@code kaiming_normal_(nonlinearity='relu')}). */
    static Init kaimingNormal() {
        return (w, fanIn, fanOut, rng) -> normal(w, Math.sqrt(2.0) / Math.sqrt(fanIn), rng);
    }

    /** Weights N(0, std²), zero bias: torchdiffeq's ode_demo uses {@code normal(0.1)}. */
    static Init normal(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("Init.normal: std " + std + " must be finite and non-negative");
        }
        return (w, fanIn, fanOut, rng) -> normal(w, std, rng);
    }

    /** Fills {@code a} with U(-bound, bound). */
    private static void uniform(double[] a, double bound, RandomGenerator rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = -bound + 2.0 * bound * rng.nextDouble();
        }
    }

    /** Fills {@code a} with N(0, std²). */
    private static void normal(double[] a, double std, RandomGenerator rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = std * rng.nextGaussian();
        }
    }
}
