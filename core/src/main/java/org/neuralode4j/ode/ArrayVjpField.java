package org.neuralode4j.ode;

/**
 * A differentiable vector field that can also evaluate itself together with its vector–Jacobian
 * product on flat arrays, without tensors or a tape: the fast path of the adjoint methods, whose
 * backward dynamics need f(t, z), aᵀ∂f/∂z and aᵀ∂f/∂θ at every evaluation (Chen et al. 2018, Alg. 1).
 * {@link org.neuralode4j.nn.ModuleField} implements it for multilayer perceptrons; any other field
 * is differentiated through its recorded tensor operations.
 */
public interface ArrayVjpField extends VectorField {

    /**
     * Whether {@link #evaluateVjp} is available for this field (when false, callers differentiate
     * through {@link #apply}).
     */
    boolean hasArrayVjp();

    /**
     * Evaluates f = f(t, z) and, for the cotangent a, gz = scale·aᵀ∂f/∂z and gp = scale·aᵀ∂f/∂θ, where θ
     * is {@link #parameters()} flattened one after another (each row-major) in list order. Every
     * target is overwritten.
     *
     * @param n the state's number of elements
     * @param z the state at {@code zOff}; not modified
     * @param a the cotangent at {@code aOff}; not modified
     * @param f receives f(t, z) at {@code fOff}, or {@code null} when not wanted; modified
     * @param gz receives the state gradient at {@code gzOff}; modified
     * @param gp receives the parameter gradients at {@code gpOff}; modified
     * @param scale multiplies both gradients (the adjoint passes −1)
     * @throws UnsupportedOperationException when {@link #hasArrayVjp()} is false
     */
    void evaluateVjp(double t, int n, double[] z, int zOff, double[] a, int aOff, double[] f, int fOff, double[] gz,
                     int gzOff, double[] gp, int gpOff, double scale);
}
