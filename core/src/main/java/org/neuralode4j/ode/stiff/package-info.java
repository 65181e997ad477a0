/**
 * Data and numerical kernels for the stiff solvers, on plain {@code double[]}: dense LU
 * factorizations, Rosenbrock and ESDIRK tableaus, and their dense outputs. The engines in
 * {@code org.neuralode4j.ode} (RosenbrockStepper, EsdirkStepper, reached through
 * {@link org.neuralode4j.ode.OdeSolver} with the method names of
 * {@link org.neuralode4j.ode.StiffMethod}) build on these pieces; nothing here knows about tensors,
 * tapes or step-size control.
 *
 * <h2>Linear algebra</h2>
 * <ul>
 *   <li>{@link org.neuralode4j.ode.stiff.DenseLu}: reusable LU with partial pivoting of an n&times;n
 *       row-major matrix; {@code factor} copies in, {@code solve}/{@code solveInPlace}/
 *       {@code solveTranspose} allocate nothing. Singularity: {@code factor} returns {@code false},
 *       solves throw {@link org.neuralode4j.ode.stiff.SingularMatrixException}.</li>
 *   <li>{@link org.neuralode4j.ode.stiff.BlockDiagonalLu}: B independent D&times;D blocks stored
 *       contiguously, for batched states [B, D] whose samples do not interact; singularity is
 *       tracked per block.</li>
 * </ul>
 *
 * <h2>Methods</h2>
 * <table>
 *   <caption>Stiff methods provided</caption>
 *   <tr><th>method</th><th>family</th><th>stages</th><th>order (embedded)</th><th>dense output</th>
 *       <th>reference</th></tr>
 *   <tr><td>{@link org.neuralode4j.ode.stiff.RosenbrockTableau#RODAS5P}</td><td>Rosenbrock</td><td>8</td>
 *       <td>5 (4)</td><td>order 4, 3 H rows</td><td>Steinebach, BIT 63 (2023) 27</td></tr>
 *   <tr><td>{@link org.neuralode4j.ode.stiff.RosenbrockTableau#RODAS4}</td><td>Rosenbrock</td><td>6</td>
 *       <td>4 (3)</td><td>order 3, 2 H rows</td><td>Hairer &amp; Wanner, Solving ODEs II; rodas.f</td></tr>
 *   <tr><td>{@link org.neuralode4j.ode.stiff.RosenbrockTableau#ROSENBROCK23}</td><td>Rosenbrock</td>
 *       <td>3</td><td>2 (3)</td><td>order 2, 1 H row</td><td>Shampine &amp; Reichelt, SISC 18 (1997)</td></tr>
 *   <tr><td>{@link org.neuralode4j.ode.stiff.EsdirkTableau#KVAERNO3}</td><td>ESDIRK</td><td>4</td>
 *       <td>3 (2)</td><td>cubic Hermite</td><td>Kv&aelig;rn&oslash;, BIT 44 (2004)</td></tr>
 *   <tr><td>{@link org.neuralode4j.ode.stiff.EsdirkTableau#KVAERNO5}</td><td>ESDIRK</td><td>7</td>
 *       <td>5 (4)</td><td>cubic Hermite</td><td>Kv&aelig;rn&oslash;, BIT 44 (2004)</td></tr>
 * </table>
 * All are L-stable; the Rodas and Kv&aelig;rn&oslash; methods are stiffly accurate.
 *
 * <h2>A Rosenbrock step with these pieces</h2>
 * <pre>{@code
 * RosenbrockTableau tab = RosenbrockTableau.RODAS5P;
 * // W = I/(h*gamma) - J, assembled by the engine, factored once per step
 * lu.factor(w);
 * for (int i = 0; i < tab.stages(); i++) {
 *     tab.stageArgument(i, y0, u, arg);            // y0 + sum_{j<i} a_ij u_j
 *     f.apply(t0 + tab.c(i) * h, arg, fi);
 *     tab.stageRhs(i, h, fi, ft, u, u[i]);         // f_i + sum_{j<i} C_ij/h u_j + h d_i f_t
 *     lu.solveInPlace(u[i]);                       // u_i = W^-1 rhs
 * }
 * tab.solution(y0, u, y1);                         // y0 + sum m_i u_i
 * tab.errorEstimate(u, err);                       // y1 - y1hat
 * tab.denseVectors(u, z);                          // then tab.interpolate(theta, y0, y1, z, out)
 * }</pre>
 * The transformed form, its relation to the standard form of Hairer &amp; Wanner (IV.7.4) and the
 * exact dense-output formula are documented on {@link org.neuralode4j.ode.stiff.RosenbrockTableau}.
 *
 * <h2>Conventions</h2>
 * Matrices are row-major {@code double[]}; stage vectors are {@code double[][]} (one array per
 * stage). Every kernel writes into an explicit output argument and its javadoc says which arguments
 * are modified. Tableau indices are 0-based (paper index minus one). Error estimates follow
 * err = y1 - y1hat for both families.
 */
package org.neuralode4j.ode.stiff;
