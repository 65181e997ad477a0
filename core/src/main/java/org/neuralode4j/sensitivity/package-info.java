/**
 * Gradients through ODE solves: {@link org.neuralode4j.sensitivity.Odeint} returns states that are
 * differentiable by direct backpropagation, by the adjoint sensitivity method (Chen et al. 2018) with
 * O(1) memory and seminorm error control (Kidger, Chen &amp; Lyons 2021), or by a checkpointed adjoint
 * that recomputes z(t) forward instead of integrating it backwards. All three plug into the autodiff
 * ({@link org.neuralode4j.autodiff}) so that {@code loss.backward()} fills the parameters' gradients,
 * and all three differentiate through events (terminal ones and state resets): the adjoints stop
 * their backward pass at each event time and carry the adjoint across it by the saltation map, with
 * event times differentiated by the implicit function theorem (Chen, Amos &amp; Nickel 2021).
 */
package org.neuralode4j.sensitivity;
