package org.neuralode4j.tensor;

/**
 * The inner loops of {@link Gemm}: a register-tiled micro-kernel over packed panels for large
 * products, and two unpacked kernels for the small ones neural vector fields are made of. Two
 * implementations: {@link ScalarGemmKernels} (plain Java, always available) and
 * {@code PanamaGemmKernels} (the Vector API, when {@code jdk.incubator.vector} is present).
 *
 * <p>The vector kernels take no beta: they either overwrite C ({@code accumulate} false, C is not
 * read, so NaNs in it do not propagate) or add to it; {@link Gemm} scales C beforehand for other
 * betas. Keeping the final store this simple keeps C2's inlining budget for the arithmetic (a
 * vector passed to a method that is not inlined is boxed on the heap).
 */
interface GemmKernels {

    /** A short name for reports. */
    String name();

    /** Rows of the micro-kernel's register tile (and of a packed A panel). */
    int mr();

    /** Columns of the micro-kernel's register tile (and of a packed B panel). */
    int nr();

    /**
     * The micro-kernel: an {@code mr() × nr()} tile C[r, j] (+)= Σ_p ap[p·mr + r]·bp[p·nr + j] over packed
     * panels (alpha is folded into the packed A).
     *
     * @param c modified: the tile at {@code cOff} with row stride {@code ldc}
     */
    void micro(int kc, double[] ap, int apOff, double[] bp, int bpOff, boolean accumulate, double[] c, int cOff, int ldc);

    /**
     * C[i, j] (+)= alpha·Σ_p a(i, p)·b[bOff + p·ldb + j] with a(i, p) = a[aOff + i·ars + p·acs]: rows of B and C
     * contiguous, vectorized along j.
     *
     * @param c modified
     */
    void axpyForm(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs, double[] b, int bOff, int ldb,
                  boolean accumulate, double[] c, int cOff, int ldc);

    /**
     * C[i, j] = beta·C[i, j] + alpha·Σ_p a[aOff + i·lda + p]·b[bOff + j·ldb + p]: dot products of contiguous rows,
     * vectorized along p.
     *
     * @param c modified
     */
    void dotForm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                 double beta, double[] c, int cOff, int ldc);

    /** The final write of a kernel: beta·c + alpha·s, reading c only when beta is not 0. */
    static double update(double c, double beta, double alpha, double s) {
        return beta == 0 ? alpha * s : (beta == 1 ? c + alpha * s : beta * c + alpha * s);
    }
}
