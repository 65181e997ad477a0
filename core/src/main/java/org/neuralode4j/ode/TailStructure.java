package org.neuralode4j.ode;

import org.neuralode4j.ode.stiff.BlockDiagonalLu;

/**
 * The block lower triangular iteration matrix of a {@link QuadratureTailField}:
 * W = [[I/(hγ) − J_c, 0], [−J_tc, I/(hγ)]] (Hairer &amp; Wanner II, IV.7 for W). {@link Linearization}
 * factors only the core block; this class holds the field's linearization at the Jacobian's point
 * and finishes each solve with the tail, x_t = hγ (b_t + J_tc x_c), one product J_tc·x_c per solve.
 * One instance per solve.
 */
final class TailStructure {
    private final QuadratureTailField field;
    private final int m;
    private final double[] core;
    private final double[] tailProduct;
    private QuadratureTailField.Linearized point;

    TailStructure(QuadratureTailField field, int n) {
        this.field = field;
        this.m = field.coreSize();
        if (m < 1 || m > n) {
            throw new IllegalArgumentException("QuadratureTailField.coreSize() = " + m + " must lie in [1, " + n
                    + "] for a state of " + n + " elements");
        }
        this.core = new double[m];
        this.tailProduct = new double[n - m];
    }

    /** @return the order m of the factored core block */
    int coreSize() {
        return m;
    }

    /** Linearizes at (t, y): J_c into {@code coreJacobian} (m×m), the tail kept for the solves. */
    void linearize(double t, double[] y, double[] coreJacobian) {
        release();
        point = field.linearize(t, y, coreJacobian);
    }

    /** Releases the current linearization, if any (see {@link QuadratureTailField.Linearized#release}). */
    void release() {
        if (point != null) {
            QuadratureTailField.Linearized old = point;
            point = null;
            old.release();
        }
    }

    /** @return whether the field wrote ∂f/∂t at the Jacobian's point into {@code ft} */
    boolean timeDerivative(double[] f0, double[] ft) {
        return point.timeDerivative(f0, ft);
    }

    /**
     * Solves W x = b in place: the core with the factored block, then the tail.
     *
     * @param x b on entry, x on return; modified
     * @param coreLu the factored core block I/(hγ) − J_c, of order m
     * @param hg the hγ of that factorization
     */
    void solve(double[] x, BlockDiagonalLu coreLu, double hg) {
        System.arraycopy(x, 0, core, 0, m);
        coreLu.solveInPlace(core);
        System.arraycopy(core, 0, x, 0, m);
        if (tailProduct.length == 0) {
            return;
        }
        point.tailProduct(core, tailProduct);
        for (int i = 0; i < tailProduct.length; i++) {
            x[m + i] = hg * (x[m + i] + tailProduct[i]);
        }
    }
}
