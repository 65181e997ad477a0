package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * A differentiable vector field that can also evaluate itself together with its vector–Jacobian
 * product on flat arrays, without tensors or a tape: the fast path of the adjoint methods, whose
 * backward dynamics need f(t, z), aᵀ∂f/∂z and aᵀ∂f/∂θ at every evaluation (Chen et al. 2018, Alg. 1),
 * and of direct backpropagation through explicit Runge–Kutta solves ({@link DiscreteAdjointSolve}),
 * which evaluates f forwards and takes the VJP of each evaluation later. For the latter a field may
 * split the two ({@link #savedSize}, {@link #evaluateSaving}, {@link #vjpSum}): the forward
 * pass keeps what its VJP reads (a network's hidden activations) so the VJP need not repeat it.
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

    /**
     * How many doubles {@link #evaluateSaving} keeps per evaluation of a state of this shape for its
     * VJP ({@link #vjpSum}): 0 (the default) when the field does not split its VJP, which then
     * repeats the forward pass ({@link #evaluateVjp}); −1 when the array path does not apply to this
     * shape (callers then differentiate through {@link #apply}).
     *
     * @param shape the state's shape; not modified
     */
    default int savedSize(int[] shape) {
        return hasArrayVjp() ? 0 : -1;
    }

    /**
     * Evaluates f(t, z) and keeps what the VJP ({@link #vjpSum}) needs in
     * {@code saved[savedOff .. savedOff + savedSize(shape))}. Called only when {@link #savedSize} is
     * positive; the result must be bit-identical to {@link #apply}'s.
     *
     * @param z the state at {@code zOff}; not modified
     * @param f receives f(t, z) at {@code fOff}; modified
     * @param saved receives the saved intermediates; modified
     * @throws UnsupportedOperationException when the field keeps nothing (the default)
     */
    default void evaluateSaving(double t, int n, double[] z, int zOff, double[] f, int fOff, double[] saved,
                                int savedOff) {
        throw new UnsupportedOperationException("evaluateSaving: " + getClass().getSimpleName()
                + " saves nothing for its VJP (savedSize is not positive); use evaluateVjp");
    }

    /**
     * The vector–Jacobian products of evaluations, one after another (a reverse sweep), with the
     * parameters' gradients summed: each {@link #vjp} writes the state's gradient and adds the
     * parameters' to a running sum, which {@link #addTo} adds to an array once at the end.
     */
    interface VjpSum {
        /**
         * The VJP of an evaluation at (t, z): gz = aᵀ∂f/∂z is overwritten and aᵀ∂f/∂θ joins the sum.
         *
         * @param z the state the evaluation saw, at {@code zOff}; not modified
         * @param saved what {@link #evaluateSaving} kept for this (t, z) at {@code savedOff} when
         *     {@link #savedSize} is positive, else ignored; not modified
         * @param a the cotangent at {@code aOff}; not modified
         * @param gz receives the state's gradient at {@code gzOff}; modified
         */
        void vjp(double t, int n, double[] z, int zOff, double[] saved, int savedOff, double[] a, int aOff, double[] gz,
                 int gzOff);

        /** Adds the summed parameters' gradients to gp from {@code gpOff} on, in {@link #evaluateVjp}'s flat layout. */
        void addTo(double[] gp, int gpOff);
    }

    /**
     * A new {@link VjpSum} for this field. The default repeats each evaluation's forward pass through
     * {@link #evaluateVjp} and sums the flat parameter gradients, ignoring what was saved.
     */
    default VjpSum vjpSum() {
        int size = 0;
        for (Tensor p : parameters()) {
            size += p.numel();
        }
        double[] sum = new double[size];
        double[] one = new double[size];
        return new VjpSum() {
            @Override
            public void vjp(double t, int n, double[] z, int zOff, double[] saved, int savedOff, double[] a, int aOff,
                            double[] gz, int gzOff) {
                evaluateVjp(t, n, z, zOff, a, aOff, null, 0, gz, gzOff, one, 0, 1.0);
                for (int i = 0; i < one.length; i++) {
                    sum[i] += one[i];
                }
            }

            @Override
            public void addTo(double[] gp, int gpOff) {
                for (int i = 0; i < sum.length; i++) {
                    gp[gpOff + i] += sum[i];
                }
            }
        };
    }
}
