package org.neuralode4j.nn;

import java.util.random.RandomGenerator;
import org.neuralode4j.tensor.Tensor;

/** torchdiffeq's spiral vector field f(y) = net(y³), net = Linear(2, 50), Tanh, Linear(50, 2). */
final class SpiralField extends Module {
    final Sequential net;

    SpiralField(RandomGenerator rng) {
        net = registerModule("net", new Sequential(
                new Linear(2, 50, Init.normal(0.1), rng), new Tanh(), new Linear(50, 2, Init.normal(0.1), rng)));
    }

    @Override
    public Tensor forward(Tensor y) {
        return net.forward(y.pow(3));
    }
}
