package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/** Hyperbolic tangent, PyTorch's {@code nn.Tanh}. */
public final class Tanh extends Module {
    /** Creates the module (it has no parameters). */
    public Tanh() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
