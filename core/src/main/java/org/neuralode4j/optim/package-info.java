/**
 * Optimizers, learning-rate schedules and gradient clipping with PyTorch's defaults and exact
 * update rules ({@code torch.optim}, {@code torch.optim.lr_scheduler},
 * {@code torch.nn.utils.clip_grad_norm_}).
 *
 * <ul>
 *   <li>{@link org.neuralode4j.optim.Optimizer}: {@code step}, {@code zeroGrad}, {@code reset},
 *       learning rate, and {@code state}/{@code loadState} as tensors for checkpoints that resume
 *       bit for bit; {@link org.neuralode4j.optim.AbstractOptimizer} holds the shared bookkeeping;</li>
 *   <li>{@link org.neuralode4j.optim.SGD} (momentum, dampening, Nesterov, weight decay),
 *       {@link org.neuralode4j.optim.Adam} (AMSGrad), {@link org.neuralode4j.optim.AdamW}
 *       (decoupled weight decay), {@link org.neuralode4j.optim.RMSprop} (momentum, centered);</li>
 *   <li>{@link org.neuralode4j.optim.StepLR}, {@link org.neuralode4j.optim.ExponentialLR},
 *       {@link org.neuralode4j.optim.CosineAnnealingLR};</li>
 *   <li>{@link org.neuralode4j.optim.GradientClipping}.</li>
 * </ul>
 *
 * <p>One parameter group per optimizer (a single learning rate); the state keys follow PyTorch's
 * {@code state_dict()} names flattened to {@code state.<index>.<name>}.
 */
package org.neuralode4j.optim;
