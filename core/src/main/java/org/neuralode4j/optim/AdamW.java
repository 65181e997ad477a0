package org.neuralode4j.optim;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019): PyTorch's
 * {@code torch.optim.AdamW}, same defaults (lr 1e-3, betas 0.9 and 0.999, eps 1e-8, weight decay
 * 1e-2). Each step first shrinks the parameter, θ ← θ·(1 − γλ), then applies the {@link Adam}
 * update to the raw gradient.
 */
public final class AdamW extends Adam {

    /** AdamW with PyTorch's defaults. */
    public AdamW(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** AdamW with PyTorch's defaults except the learning rate. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    /** As {@link Adam#Adam(List, double, double, double, double, double, boolean)}, the decay decoupled. */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                 boolean amsgrad) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, amsgrad, true);
    }
}
