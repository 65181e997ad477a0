package org.neuralode4j.nn;

import java.util.random.RandomGenerator;
import org.neuralode4j.tensor.Tensor;

/**
 * The vector field of torchdiffeq's {@code examples/ode_demo.py} (REFERENCE.md, "The spiral"):
 * f(y) = net(y³) with net = Linear(2, 50), Tanh, Linear(50, 2), weights N(0, 0.1²) and zero biases.
 * Its parameter names ({@code net.0.weight} [50, 2], {@code net.0.bias}, {@code net.2.weight} [2, 50],
 * {@code net.2.bias}) match PyTorch's, so weights move both ways through safetensors.
 */
public final class SpiralOdeFunc extends Module {
    private final Sequential net;
    private final FusedMlp fused;

    /** Hidden units: the network is 2 → {@value} → 2. */
    public static final int HIDDEN = 50;

    /** @param rng draws the initial weights (seed it for reproducibility) */
    public SpiralOdeFunc(RandomGenerator rng) {
        Init init = Init.normal(0.1).zeroBias();
        net = registerModule("net", new Sequential(
                new Linear(2, HIDDEN, init, rng), new Tanh(), new Linear(HIDDEN, 2, init, rng)));
        fused = net.cubedPlan();
    }

    /** The fused form of net(y³). */
    FusedMlp fusedPlan() {
        return fused;
    }

    /** The inner network (applied to y³). */
    public Sequential net() {
        return net;
    }

    @Override
    public Tensor forward(Tensor y) {
        if (fused.accepts(y)) {
            return fused.forward(y); // net(y³) as one fused operation
        }
        return net.forward(y.pow(3));
    }
}
