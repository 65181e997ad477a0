/**
 * Explicit ODE solvers on tensors, with and without the autodiff tape.
 *
 * <p>Entry point: {@link org.neuralode4j.ode.OdeSolver#solve}. The pieces combine freely, as in
 * diffrax:
 * <ul>
 *   <li>the method: a {@link org.neuralode4j.ode.tableau.ButcherTableau} (data only), chosen by name
 *       in {@link org.neuralode4j.ode.SolveOptions};</li>
 *   <li>one explicit Runge–Kutta engine for every tableau (FSAL reuse, embedded error estimates,
 *       DOP853's combined estimator, each method's continuous extension or cubic Hermite);</li>
 *   <li>{@link org.neuralode4j.ode.StepController}: {@link org.neuralode4j.ode.PIController} (Hairer's
 *       default) or {@link org.neuralode4j.ode.IController};</li>
 *   <li>{@link org.neuralode4j.ode.ErrorNorm}: RMS, max, a seminorm, or any function;</li>
 *   <li>{@link org.neuralode4j.ode.Event}s with handlers that stop or jump;</li>
 *   <li>{@link org.neuralode4j.ode.Solution} with {@link org.neuralode4j.ode.Stats} and an optional
 *       {@link org.neuralode4j.ode.DenseSolution}.</li>
 * </ul>
 *
 * <p>References: E. Hairer, S. P. Nørsett, G. Wanner, Solving Ordinary Differential Equations I
 * (2nd ed., 1993): step control and starting step II.4, dense output II.6, DOPRI5 and DOP853 II.5
 * and II.10; J. R. Dormand, P. J. Prince (1980, 1981); L. F. Shampine (1986) for dopri5's dense
 * output; Ch. Tsitouras (2011) for tsit5 and its interpolant; P. Bogacki, L. F. Shampine (1989);
 * K. Gustafsson (1991) for PI control.
 */
package org.neuralode4j.ode;
