package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/** The identity, PyTorch's {@code nn.Identity}. */
public final class Identity extends Module {
    /** Creates the module (it has no parameters). */
    public Identity() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
