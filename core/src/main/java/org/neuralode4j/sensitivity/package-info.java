/**
 * Gradients through ODE solves: {@link org.neuralode4j.sensitivity.Odeint} returns states that are
 * differentiable by direct backpropagation, by the adjoint sensitivity method (Chen et al. 2018) with
 * O(1) memory and seminorm error control (Kidger, Chen &amp; Lyons 2021), or by a checkpointed adjoint
 * that recomputes z(t) forward instead of integrating it backwards. All three plug into the autodiff
 * ({@link org.neuralode4j.autodiff}) so that {@code loss.backward()} fills the parameters' gradients.
 */
package org.neuralode4j.sensitivity;
