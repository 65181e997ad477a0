package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/** Exact GELU x·Φ(x) (Hendrycks &amp; Gimpel 2016), PyTorch's {@code nn.GELU()} with {@code approximate='none'}. */
public final class GELU extends Module {
    /** Creates the module (it has no parameters). */
    public GELU() {
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.gelu();
    }
}
