/**
 * Reference dynamical systems with known behaviour, by name: for tests, benchmarks, demos and
 * synthetic training data ({@code neuralode simulate}).
 *
 * <p>A {@link org.neuralode4j.ode.problems.Problem} has state names, a default initial state and
 * time span, and {@link org.neuralode4j.ode.problems.Parameter}s with defaults and units; given
 * parameter values it builds {@link org.neuralode4j.ode.problems.Dynamics}: a fast
 * {@link org.neuralode4j.ode.ArrayVectorField}, events (the bouncing ball's impact with
 * restitution) and jump times (the switched buck converter's PWM edges, {@link
 * org.neuralode4j.ode.problems.PwmSignal}). {@link org.neuralode4j.ode.problems.Problems} is the
 * registry.
 *
 * <p>Sources: the values in the project's REFERENCE.md; E. Hairer, G. Wanner, Solving Ordinary
 * Differential Equations II (2nd ed., 1996) for the stiff test problems; T. E. Hull et al. (1972)
 * for DETEST; E. N. Lorenz (1963); H. H. Robertson (1966); B. van der Pol (1926); R. D. Middlebrook,
 * S. Ćuk (1976) for averaged converter models. Each problem's class says more.
 */
package org.neuralode4j.ode.problems;
