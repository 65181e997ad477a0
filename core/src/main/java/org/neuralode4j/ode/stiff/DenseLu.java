package org.neuralode4j.ode.stiff;

/**
 * Reusable LU factorization with partial pivoting of an n&times;n row-major matrix stored in a
 * {@code double[]} of length n*n (entry (i, j) at index {@code i*n + j}).
 *
 * <p>The object owns its storage: {@link #factor(double[])} copies the matrix in and factors the
 * copy, so one instance serves every step of a stiff solver without allocating. The solve methods
 * allocate nothing either. Typical use in a Rosenbrock step: assemble W = I/(h&gamma;) - J, call
 * {@code factor(W)} once, then {@code solve} once per stage. Not thread-safe; use one instance per
 * thread.
 *
 * <p>Singularity is reported twice over: {@code factor} returns {@code false} (and
 * {@link #isSingular()} becomes {@code true}) when a zero pivot or a non-finite entry is met, and
 * any solve with such a factorization throws {@link SingularMatrixException}. Near-singular but
 * nonzero pivots are not flagged; {@link #minAbsPivot()} and {@link #maxAbsPivot()} give a cheap
 * hint of trouble.
 *
 * <p>Algorithm: Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Alg. 3.4.1 (the same
 * elimination as LAPACK {@code dgetrf}/{@code dgetrs} and Hairer's {@code DEC}/{@code SOL}).
 */
public final class DenseLu {

    private final int n;
    private final double[] lu;
    private final int[] piv;
    private int status = LuKernel.OK;
    private boolean factored;

    /**
     * @param n order of the matrices this instance will factor, at least 1
     */
    public DenseLu(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("DenseLu: order must be at least 1, got " + n);
        }
        this.n = n;
        this.lu = new double[n * n];
        this.piv = new int[n];
    }

    /** @return the order n of the matrices this instance factors */
    public int size() {
        return n;
    }

    /**
     * Copies {@code matrix} into internal storage and factors it.
     *
     * @param matrix n&times;n row-major matrix of length n*n; <b>not modified</b>
     * @return {@code true} if the matrix is nonsingular (no zero pivot, all entries finite)
     * @throws IllegalArgumentException if {@code matrix.length != n*n}
     */
    public boolean factor(double[] matrix) {
        if (matrix.length != n * n) {
            throw new IllegalArgumentException("DenseLu.factor: expected a " + n + "x" + n
                    + " matrix (length " + n * n + "), got length " + matrix.length);
        }
        System.arraycopy(matrix, 0, lu, 0, n * n);
        status = LuKernel.factor(lu, 0, n, piv, 0);
        factored = true;
        return status == LuKernel.OK;
    }

    /** @return whether {@link #factor(double[])} has been called */
    public boolean isFactored() {
        return factored;
    }

    /** @return whether the last factored matrix was singular or held a non-finite entry */
    public boolean isSingular() {
        return factored && status != LuKernel.OK;
    }

    /**
     * Solves A x = b for the last factored A.
     *
     * @param rhs b, length n; <b>not modified</b> unless it is the same array as {@code out}
     * @param out <b>modified</b>: receives x, length n; may be the same array as {@code rhs}
     * @throws SingularMatrixException if the factored matrix is singular
     */
    public void solve(double[] rhs, double[] out) {
        solve(rhs, 0, out, 0);
    }

    /**
     * Solves A x = b where b and x live at offsets of larger arrays (e.g. one row of a
     * [batch, dim] state).
     *
     * @param rhs       holds b at {@code rhs[rhsOffset .. rhsOffset + n)}; <b>not modified</b>
     *                  unless the ranges of {@code rhs} and {@code out} coincide
     * @param rhsOffset offset of b
     * @param out       <b>modified</b>: receives x at {@code out[outOffset .. outOffset + n)}
     * @param outOffset offset of x
     * @throws SingularMatrixException if the factored matrix is singular
     */
    public void solve(double[] rhs, int rhsOffset, double[] out, int outOffset) {
        checkReady("solve");
        checkRange("solve", "rhs", rhs, rhsOffset);
        checkRange("solve", "out", out, outOffset);
        if (rhs != out || rhsOffset != outOffset) {
            System.arraycopy(rhs, rhsOffset, out, outOffset, n);
        }
        LuKernel.solve(lu, 0, n, piv, 0, out, outOffset);
    }

    /**
     * Solves A x = b in place.
     *
     * @param x on entry b, on return x, length n; <b>modified</b>
     * @throws SingularMatrixException if the factored matrix is singular
     */
    public void solveInPlace(double[] x) {
        solve(x, 0, x, 0);
    }

    /**
     * Solves A<sup>T</sup> x = b for the last factored A (the solve that reverse-mode
     * differentiation of x = A<sup>-1</sup> b needs).
     *
     * @param rhs b, length n; <b>not modified</b> unless it is the same array as {@code out}
     * @param out <b>modified</b>: receives x, length n; may be the same array as {@code rhs}
     * @throws SingularMatrixException if the factored matrix is singular
     */
    public void solveTranspose(double[] rhs, double[] out) {
        checkReady("solveTranspose");
        checkRange("solveTranspose", "rhs", rhs, 0);
        checkRange("solveTranspose", "out", out, 0);
        if (rhs != out) {
            System.arraycopy(rhs, 0, out, 0, n);
        }
        LuKernel.solveTranspose(lu, 0, n, piv, 0, out, 0);
    }

    /**
     * @return det(A) of the last factored matrix (0 if singular; NaN if it held a non-finite entry)
     * @throws IllegalStateException if nothing has been factored
     */
    public double determinant() {
        if (!factored) {
            throw new IllegalStateException("DenseLu.determinant: no matrix has been factored");
        }
        return status == LuKernel.NON_FINITE ? Double.NaN : LuKernel.determinant(lu, 0, n, piv, 0);
    }

    /** @return the smallest |u_kk| of the last factorization (0 if singular) */
    public double minAbsPivot() {
        return pivotExtreme(true);
    }

    /** @return the largest |u_kk| of the last factorization */
    public double maxAbsPivot() {
        return pivotExtreme(false);
    }

    private double pivotExtreme(boolean min) {
        if (!factored) {
            throw new IllegalStateException("DenseLu: no matrix has been factored");
        }
        if (status == LuKernel.NON_FINITE) {
            return Double.NaN;
        }
        double r = Math.abs(lu[0]);
        for (int k = 1; k < n; k++) {
            double v = Math.abs(lu[k * n + k]);
            r = min ? Math.min(r, v) : Math.max(r, v);
        }
        return r;
    }

    private void checkReady(String op) {
        if (!factored) {
            throw new IllegalStateException("DenseLu." + op + ": no matrix has been factored");
        }
        if (status != LuKernel.OK) {
            throw new SingularMatrixException(-1, status == LuKernel.NON_FINITE ? -1 : status);
        }
    }

    private void checkRange(String op, String name, double[] v, int offset) {
        if (offset < 0 || offset + n > v.length) {
            throw new IllegalArgumentException("DenseLu." + op + ": " + name + " needs " + n
                    + " entries from offset " + offset + ", but has length " + v.length);
        }
    }
}
