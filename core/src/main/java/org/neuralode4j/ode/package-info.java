/**
 * ODE solvers on tensors, explicit and stiff, with and without the autodiff tape.
 *
 * <p>Entry point: {@link org.neuralode4j.ode.OdeSolver#solve}. The pieces combine freely, as in
 * diffrax:
 * <ul>
 *   <li>the method: a {@link org.neuralode4j.ode.tableau.ButcherTableau} (data only), chosen by name
 *       in {@link org.neuralode4j.ode.SolveOptions}, or a {@link org.neuralode4j.ode.StiffMethod}
 *       (rodas5p, rodas4, rosenbrock23, kvaerno3, kvaerno5) by name in the same option;</li>
 *   <li>one explicit Runge–Kutta engine for every tableau (FSAL reuse, embedded error estimates,
 *       DOP853's combined estimator, each method's continuous extension or cubic Hermite);</li>
 *   <li>a Rosenbrock engine ({@code RosenbrockStepper}) and an ESDIRK engine ({@code EsdirkStepper})
 *       for the stiff methods, with Jacobians from a {@link org.neuralode4j.ode.JacobianProvider},
 *       reverse-mode autodiff or finite differences, block-diagonal linear algebra for batches of
 *       independent rows, a block-triangular iteration matrix for fields whose state ends in
 *       quadratures ({@link org.neuralode4j.ode.QuadratureTailField}, e.g. the adjoint's parameter
 *       channels), and simplified Newton with Jacobian reuse
 *       ({@link org.neuralode4j.ode.StiffOptions}); all engines sit behind one integration loop, so
 *       dense output, events, landing times and the tape work the same for every method;</li>
 *   <li>{@link org.neuralode4j.ode.StepController}: {@link org.neuralode4j.ode.PIController} (Hairer's
 *       default) or {@link org.neuralode4j.ode.IController};</li>
 *   <li>{@link org.neuralode4j.ode.ErrorNorm}: RMS, max, a seminorm, or any function;</li>
 *   <li>{@link org.neuralode4j.ode.Event}s with handlers that stop or jump;</li>
 *   <li>{@link org.neuralode4j.ode.Solution} with {@link org.neuralode4j.ode.Stats} and an optional
 *       {@link org.neuralode4j.ode.DenseSolution};</li>
 *   <li>{@link org.neuralode4j.ode.ReplayableSolve}: a solve without a tape whose accepted steps can be
 *       run again bit for bit, untaped or on the tape, from any state (binomial checkpointing of
 *       backpropagation through the solver, Griewank &amp; Walther's Revolve);</li>
 *   <li>{@link org.neuralode4j.ode.DiscreteAdjointSolve}: an explicit solve that records its accepted
 *       steps and backpropagates through them by the discrete adjoint of the Runge–Kutta method
 *       (W. W. Hager, Numer. Math. 87 (2000); A. Sandu, ICCS 2006), without the tape.</li>
 * </ul>
 *
 * <p>References: E. Hairer, S. P. Nørsett, G. Wanner, Solving Ordinary Differential Equations I
 * (2nd ed., 1993): step control and starting step II.4, dense output II.6, DOPRI5 and DOP853 II.5
 * and II.10; J. R. Dormand, P. J. Prince (1980, 1981); L. F. Shampine (1986) for dopri5's dense
 * output; Ch. Tsitouras (2011) for tsit5 and its interpolant; P. Bogacki, L. F. Shampine (1989);
 * K. Gustafsson (1991) for PI control. Stiff methods: E. Hairer, G. Wanner, Solving Ordinary
 * Differential Equations II (2nd ed., 1996), IV.7 (Rosenbrock methods, the transformed form) and
 * IV.8 (simplified Newton iterations, convergence control); G. Steinebach, BIT 63 (2023) 27
 * (Rodas5P); A. Kværnø, BIT 44 (2004) 489–502 (ESDIRK 3(2) and 5(4)); L. F. Shampine and
 * M. W. Reichelt, SIAM J. Sci. Comput. 18 (1997) 1–22 (Rosenbrock23, ode23s).
 *
 * <p>The Java package {@code org.neuralode4j.ode.stiff} holds the stiff methods' data and array
 * kernels (tableaus, LU); {@code org.neuralode4j.ode.problems.StiffProblems} the stiff test systems.
 */
package org.neuralode4j.ode;
