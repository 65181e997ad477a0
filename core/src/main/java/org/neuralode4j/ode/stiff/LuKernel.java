package org.neuralode4j.ode.stiff;

/**
 * Allocation-free LU kernels on one n&times;n row-major block stored at an offset of a
 * {@code double[]}: Gaussian elimination with partial (row) pivoting, PA = LU with L unit lower
 * triangular, as in Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Alg. 3.4.1, and
 * LAPACK {@code dgetf2}. The loops run along rows so that the inner loops are contiguous.
 *
 * <p>Status codes returned by {@link #factor}: {@link #OK}, {@link #NON_FINITE}, or the 0-based
 * column of the first zero pivot. As in LAPACK, elimination continues past a zero pivot so the
 * factors are complete, but solving with them is meaningless.
 */
final class LuKernel {

    /** Status: the block is nonsingular. */
    static final int OK = -1;
    /** Status: the block held NaN or an infinity. */
    static final int NON_FINITE = -2;

    private LuKernel() {
    }

    /**
     * Factors the block in place.
     *
     * @param a      storage; the block at {@code a[off .. off + n*n)} is <b>modified</b>: on return
     *               it holds U on and above the diagonal and the multipliers of L below it
     * @param off    offset of the block in {@code a}
     * @param n      order of the block
     * @param piv    <b>modified</b>: {@code piv[pivOff + k]} receives the row swapped with row k at
     *               step k
     * @param pivOff offset in {@code piv}
     * @return {@link #OK}, {@link #NON_FINITE}, or the column of the first zero pivot
     */
    static int factor(double[] a, int off, int n, int[] piv, int pivOff) {
        for (int i = off, end = off + n * n; i < end; i++) {
            if (!Double.isFinite(a[i])) {
                return NON_FINITE;
            }
        }
        int status = OK;
        for (int k = 0; k < n; k++) {
            int rowK = off + k * n;
            int p = k;
            double max = Math.abs(a[rowK + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(a[off + i * n + k]);
                if (v > max) {
                    max = v;
                    p = i;
                }
            }
            piv[pivOff + k] = p;
            if (max == 0.0) {
                if (status == OK) {
                    status = k;
                }
                continue;
            }
            if (p != k) {
                int rowP = off + p * n;
                for (int j = 0; j < n; j++) {
                    double t = a[rowK + j];
                    a[rowK + j] = a[rowP + j];
                    a[rowP + j] = t;
                }
            }
            double inv = 1.0 / a[rowK + k];
            for (int i = k + 1; i < n; i++) {
                int rowI = off + i * n;
                double l = a[rowI + k] * inv;
                a[rowI + k] = l;
                if (l != 0.0) {
                    for (int j = k + 1; j < n; j++) {
                        a[rowI + j] -= l * a[rowK + j];
                    }
                }
            }
        }
        return status;
    }

    /**
     * Solves A x = b in place with the factors from {@link #factor}.
     *
     * @param lu   factors (not modified)
     * @param x    on entry b, on return x; the n entries at {@code x[xOff ..]} are <b>modified</b>
     */
    static void solve(double[] lu, int off, int n, int[] piv, int pivOff, double[] x, int xOff) {
        for (int k = 0; k < n; k++) {
            int p = piv[pivOff + k];
            if (p != k) {
                double t = x[xOff + k];
                x[xOff + k] = x[xOff + p];
                x[xOff + p] = t;
            }
        }
        for (int i = 1; i < n; i++) {
            int row = off + i * n;
            double s = x[xOff + i];
            for (int j = 0; j < i; j++) {
                s -= lu[row + j] * x[xOff + j];
            }
            x[xOff + i] = s;
        }
        for (int i = n - 1; i >= 0; i--) {
            int row = off + i * n;
            double s = x[xOff + i];
            for (int j = i + 1; j < n; j++) {
                s -= lu[row + j] * x[xOff + j];
            }
            x[xOff + i] = s / lu[row + i];
        }
    }

    /**
     * Solves A<sup>T</sup> x = b in place: with PA = LU, A<sup>T</sup> = U<sup>T</sup> L<sup>T</sup> P,
     * so solve U<sup>T</sup> w = b, then L<sup>T</sup> v = w, then x = P<sup>T</sup> v.
     *
     * @param x on entry b, on return x; <b>modified</b>
     */
    static void solveTranspose(double[] lu, int off, int n, int[] piv, int pivOff, double[] x, int xOff) {
        // U^T is lower triangular: column-oriented forward substitution keeps row access in U.
        for (int i = 0; i < n; i++) {
            int row = off + i * n;
            double xi = x[xOff + i] / lu[row + i];
            x[xOff + i] = xi;
            for (int j = i + 1; j < n; j++) {
                x[xOff + j] -= lu[row + j] * xi;
            }
        }
        // L^T is unit upper triangular.
        for (int i = n - 1; i > 0; i--) {
            int row = off + i * n;
            double xi = x[xOff + i];
            for (int j = 0; j < i; j++) {
                x[xOff + j] -= lu[row + j] * xi;
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            int p = piv[pivOff + k];
            if (p != k) {
                double t = x[xOff + k];
                x[xOff + k] = x[xOff + p];
                x[xOff + p] = t;
            }
        }
    }

    /** @return det(A) from the factors: product of U's diagonal times the sign of P */
    static double determinant(double[] lu, int off, int n, int[] piv, int pivOff) {
        double det = 1.0;
        for (int k = 0; k < n; k++) {
            det *= lu[off + k * n + k];
            if (piv[pivOff + k] != k) {
                det = -det;
            }
        }
        return det;
    }
}
