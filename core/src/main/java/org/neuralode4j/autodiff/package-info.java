/**
 * Reverse-mode automatic differentiation for {@link org.neuralode4j.tensor.Tensor}.
 *
 * <ul>
 *   <li>{@link org.neuralode4j.autodiff.Tape}: per-thread grad mode and memory accounting;</li>
 *   <li>{@link org.neuralode4j.autodiff.Autodiff}: backward passes, the functional {@code grad} and
 *       {@code vjp}, no-grad scopes;</li>
 *   <li>{@link org.neuralode4j.autodiff.CustomFunction}: a forward with a hand-written backward,
 *       recorded as one node (the adjoint method and fused kernels);</li>
 *   <li>{@link org.neuralode4j.autodiff.GradientCheck}: central finite differences against the
 *       analytic gradient;</li>
 *   <li>{@link org.neuralode4j.autodiff.ScaledBackward}: rules whose input gradients are constant
 *       multiples of the output gradient (Runge–Kutta stage combinations), which the engine adds in
 *       place without temporaries.</li>
 * </ul>
 *
 * <p>The design follows the tape-based reverse mode described by Griewank &amp; Walther, "Evaluating
 * Derivatives" (2008), with PyTorch's user-facing semantics (requiresGrad leaves, accumulation into
 * {@code grad}, graph release after backward).
 */
package org.neuralode4j.autodiff;
