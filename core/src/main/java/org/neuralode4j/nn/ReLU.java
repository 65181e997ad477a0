package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/** max(x, 0), PyTorch's {@code nn.ReLU} (gradient 0 at 0). */
public final class ReLU extends Module {
    /** Creates the module (it has no parameters). */
    public ReLU() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
