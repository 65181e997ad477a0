package org.neuralode4j.ode;

/**
 * A vector field whose flattened state is [core | tail], where the m core components drive
 * everything and the tail components are quadratures: they never enter f. The adjoint's parameter
 * channels a_θ are such a tail (da_θ/dt = −aᵀ∂f/∂θ does not read a_θ), behind a core [z, a] or [a]
 * (Chen et al. 2018, Alg. 1).
 *
 * <p><b>Block structure.</b> With y = [y_c, y_t] the Jacobian is J = [[J_c, 0], [J_tc, 0]]
 * (J_c = ∂f_c/∂y_c, J_tc = ∂f_t/∂y_c), so the iteration matrix of the stiff methods,
 * W = I/(hγ) − J (Rosenbrock methods, Hairer &amp; Wanner, Solving ODEs II, IV.7; the simplified
 * Newton iterations of the ESDIRK methods, IV.8), is block lower triangular:
 * <pre>
 *   W = [[I/(hγ) − J_c, 0], [−J_tc, I/(hγ)]],   W x = b  ⇔  (I/(hγ) − J_c) x_c = b_c,   x_t = hγ (b_t + J_tc x_c).
 * </pre>
 * The stiff engines then factor only the m×m core block and need J_tc only through products
 * J_tc·v: for an adjoint with P parameters and n states, an LU of order 2n (or n) instead of
 * 2n + P, and no Jacobian column per parameter.
 *
 * <p>The structure is used when no {@link JacobianProvider} is set in the {@link StiffOptions}
 * (that one wins) and the solve does not record gradients: a taped solve (direct backpropagation)
 * differentiates through a dense W and treats such a field like any other, its Jacobian coming
 * from the {@link StiffOptions.JacobianMode}. {@link StiffOptions#independentRows()} does not split
 * the core block: it is factored whole.
 */
public interface QuadratureTailField extends VectorField {

    /**
     * The number m of core components: the first m entries of the flattened state; the other
     * n − m form the tail.
     *
     * @return m, with 0 &lt; m ≤ n
     */
    int coreSize();

    /**
     * Linearizes f at (t, y): writes the core block of the Jacobian and returns the rest of the
     * linearization at the same point (tail products, optionally ∂f/∂t). The engines keep the
     * returned object as long as they reuse this Jacobian (an ESDIRK method across steps).
     *
     * @param t the time
     * @param y the full state [core | tail]; not modified and not kept (copy what the returned
     *     object needs)
     * @param coreJacobian receives J_c = ∂f_c/∂y_c, m×m row-major (entry (i, j) at {@code i*m + j});
     *     modified, every entry written
     * @return the linearization at (t, y)
     */
    Linearized linearize(double t, double[] y, double[] coreJacobian);

    /** The parts of the Jacobian at one point that the block structure needs beyond J_c. */
    interface Linearized {

        /**
         * The tail block applied to a core vector: out = J_tc · v.
         *
         * @param v a core vector, length m; not modified
         * @param out receives J_tc·v, length n − m; modified, every entry written
         */
        void tailProduct(double[] v, double[] out);

        /**
         * ∂f/∂t at the linearization point (Rosenbrock methods, for a non-autonomous field).
         *
         * @param f f(t, y) at the point, length n; not modified
         * @param out receives ∂f/∂t, length n; modified when this returns true
         * @return false (the default) to let the solver take its forward difference in t
         */
        default boolean timeDerivative(double[] f, double[] out) {
            return false;
        }

        /**
         * Called once when the solver no longer uses this linearization (a newer one replaced it, or
         * the solve ended, also by an exception), to free what it holds (e.g. a retained autodiff
         * graph). No other method is called afterwards. Does nothing by default.
         */
        default void release() {
        }
    }
}
