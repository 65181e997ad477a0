/**
 * Dense double tensors: shapes, creation, NumPy-broadcasting elementwise operations, reductions,
 * matrix products and shape manipulation.
 *
 * <p>{@link org.neuralode4j.tensor.Tensor} is the one type; its operations are implemented in
 * package-private classes grouped by kind ({@code ElementwiseOps}, {@code ReductionOps},
 * {@code LinalgOps}, {@code ShapeOps}). Every operation records itself for reverse-mode
 * differentiation ({@link org.neuralode4j.autodiff}) when one of its inputs requires gradients, and
 * its backward rule is written with tensor operations so that it can be differentiated again.
 *
 * <p>Kernels on raw arrays, public for the layers above: {@link org.neuralode4j.tensor.Gemm}
 * (every matrix product: packed, cache-blocked and threaded for large shapes, unpacked for small
 * ones), {@link org.neuralode4j.tensor.VectorMath} (tanh, exp, sigmoid, softplus and the fused
 * backward rules of the activations) and {@link org.neuralode4j.tensor.NarrowMlp} (one-pass
 * forward and VJP of the narrow–wide–narrow perceptrons of neural ODE vector fields). Each has a
 * Vector API implementation, loaded only with {@code --add-modules jdk.incubator.vector}, and a
 * plain-Java one.
 */
package org.neuralode4j.tensor;
