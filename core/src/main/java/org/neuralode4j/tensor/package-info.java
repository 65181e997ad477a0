/**
 * Dense double tensors: shapes, creation, NumPy-broadcasting elementwise operations, reductions,
 * matrix products and shape manipulation.
 *
 * <p>{@link org.neuralode4j.tensor.Tensor} is the one type; its operations are implemented in
 * package-private classes grouped by kind ({@code ElementwiseOps}, {@code ReductionOps},
 * {@code LinalgOps}, {@code ShapeOps}). Every operation records itself for reverse-mode
 * differentiation ({@link org.neuralode4j.autodiff}) when one of its inputs requires gradients, and
 * its backward rule is written with tensor operations so that it can be differentiated again.
 */
package org.neuralode4j.tensor;
