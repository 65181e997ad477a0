/**
 * Explicit Runge–Kutta methods as data: Butcher tableaus with their embedded error estimators and
 * continuous extensions, one small class per method, in the spirit of torchdiffeq's
 * {@code _impl/} files.
 *
 * <p>{@link org.neuralode4j.ode.tableau.ButcherTableau} holds the coefficients of one method (nodes
 * c, ragged strictly lower triangular matrix a, weights b, error weights e = b - b̂, the FSAL flag
 * and dense-output polynomials b_i(θ)); it is immutable and validated when built. Each method class
 * ({@link org.neuralode4j.ode.tableau.Dopri5}, {@link org.neuralode4j.ode.tableau.Tsit5}, …)
 * exposes one constant {@code TABLEAU} and cites its source;
 * {@link org.neuralode4j.ode.tableau.ExplicitTableaus} finds them by name ({@code "dopri5"},
 * {@code "tsit5"}, {@code "dopri8"}, …). {@link org.neuralode4j.ode.tableau.TableauArrays} holds the
 * array copies that ButcherTableau and the stiff tableaus of {@code org.neuralode4j.ode.stiff} share.
 *
 * <p>The package holds no integration code: a single explicit Runge–Kutta engine in
 * {@code org.neuralode4j.ode} consumes any tableau. For a step of size h from (t0, y0) it forms
 * k_i = f(t0 + c_i h, y0 + h Σ_{j&lt;i} a_ij k_j), y1 = y0 + h Σ b_i k_i, the error estimate
 * h Σ e_i k_i and, between steps, y0 + h Σ b_i(θ) k_i (or cubic Hermite interpolation for methods
 * without dense output of their own).
 *
 * <p>Every coefficient set is verified by the tests: row sums, all order conditions up to the
 * claimed orders (by enumerating rooted trees), the continuous order conditions of the dense
 * output, agreement with Hipparchus where it implements the same method, and observed convergence
 * orders on problems with known solutions.
 */
package org.neuralode4j.ode.tableau;
