package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/** Logistic sigmoid 1 / (1 + e^-x), PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends Module {
    /** Creates the module (it has no parameters). */
    public Sigmoid() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
