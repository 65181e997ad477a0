/**
 * Gradients through ODE solves: {@link org.neuralode4j.sensitivity.Odeint} returns states that are
 * differentiable by direct backpropagation, by the adjoint sensitivity method (Chen et al. 2018) with
 * O(1) memory and seminorm error control (Kidger, Chen &amp; Lyons 2021), or by a checkpointed adjoint
 * that recomputes z(t) forward instead of integrating it backwards, or by direct backpropagation
 * with binomial checkpointing of the solver's steps (A. Griewank, A. Walther, "Algorithm 799:
 * Revolve", ACM TOMS 26(1), 2000): DIRECT's gradient with at most c stored states. All four plug
 * into the autodiff ({@link org.neuralode4j.autodiff}) so that {@code loss.backward()} fills the
 * parameters' gradients, and the first three differentiate through events (terminal ones and state
 * resets): the adjoints stop their backward pass at each event time and carry the adjoint across it
 * by the saltation map, with event times differentiated by the implicit function theorem (Chen,
 * Amos &amp; Nickel 2021). Direct backpropagation through an explicit Runge–Kutta solve of a field
 * with array VJPs is one recorded node whose backward pass is the discrete adjoint of the steps
 * (Hager 2000; Sandu 2006), the tape's gradient without its per-operation cost.
 */
package org.neuralode4j.sensitivity;
