package org.neuralode4j.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * General matrix multiplication on row-major {@code double} arrays, BLAS's {@code dgemm}:
 * C = alpha·op(A)·op(B) + beta·C with op(X) = X or Xᵀ. Every matrix product of the library
 * (matmul, linear layers and their gradients, the fused MLP) runs through here.
 *
 * <p>Two paths. Large products (all of m, n, k at least 16 and m·n·k at least {@value #LARGE}) use
 * the blocked algorithm of Goto and van de Geijn (BLIS): B is packed into panels of NR columns, A
 * into panels of MR rows, sized for the caches (MC × KC blocks of A in L2), and a register-tiled
 * micro-kernel performs the multiply-adds; rows are split across {@link #threads()} threads above a
 * size threshold. KC = 512 rather than the customary 256 halves the loads and stores of C, which
 * measured about 20 % faster on a Zen 4 core. Small products (the 20 × 2 · 2 × 50 of a
 * neural vector field) skip the packing: a cost model picks, among vectorizing along the columns
 * of C, along its rows (computing Cᵀ), or along k (dot products), the cheapest for the shape.
 *
 * <p>The kernels use the JDK's Vector API when the {@code jdk.incubator.vector} module is present
 * and plain Java otherwise ({@link #kernelName()} says which); the system property
 * {@code neuralode4j.vectorMath=scalar} forces the plain ones. Results agree with a naive triple
 * loop to rounding (the summation order differs).
 *
 * <p>Thread safety: calls from different threads are independent (workspaces are per thread).
 * {@code beta == 0} overwrites C without reading it, as in BLAS.
 */
public final class Gemm {
    /** m·n·k from which the packed, blocked path is used. */
    static final long LARGE = 1L << 16;
    /** m·n·k from which the rows are split across threads. */
    static final long PARALLEL = 1L << 21;
    static final int MC = 96;
    static final int KC = 512;
    static final int NC = 1024;

    static final GemmKernels KERNELS = chooseKernels();
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static volatile int threads = initialThreads();
    private static ExecutorService pool;
    private static int poolSize;

    private Gemm() {
    }

    private static GemmKernels chooseKernels() {
        if ("scalar".equals(System.getProperty("neuralode4j.vectorMath"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return ScalarGemmKernels.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("org.neuralode4j.tensor.PanamaGemmKernels");
            return (GemmKernels) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger(Gemm.class.getName()).log(System.Logger.Level.DEBUG,
                    "Vector API matrix kernels unavailable, using scalar ones: " + e);
            return ScalarGemmKernels.INSTANCE;
        }
    }

    private static int initialThreads() {
        String s = System.getProperty("neuralode4j.threads");
        if (s == null) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The kernels in use, e.g. {@code "vector(8 lanes, 8x16)"} or {@code "scalar"}. */
    public static String kernelName() {
        return KERNELS.name();
    }

    /** Threads a large product may use (1 by default; system property {@code neuralode4j.threads}). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets how many threads large products may use (the calling thread plus a fixed pool of daemon
     * threads); small products always run on the calling thread.
     *
     * @param n at least 1
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads: " + n + " must be at least 1");
        }
        threads = n;
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolSize < workers) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "neuralode4j-gemm");
                t.setDaemon(true);
                return t;
            });
            poolSize = workers;
        }
        return pool;
    }

    /**
     * C = alpha·op(A)·op(B) + beta·C for row-major matrices at the given offsets and leading dimensions.
     *
     * @param transA use Aᵀ: A is stored k × m (else m × k)
     * @param transB use Bᵀ: B is stored n × k (else k × n)
     * @param m rows of C
     * @param n columns of C
     * @param k the inner dimension
     * @param a not modified
     * @param lda row stride of A as stored
     * @param b not modified
     * @param ldb row stride of B as stored
     * @param beta 0 overwrites C without reading it
     * @param c modified: the m × n block at {@code cOff} with row stride {@code ldc}
     * @throws IllegalArgumentException for negative sizes, strides shorter than a row, or arrays too short
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff,
                            int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        gemm(KERNELS, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    static void gemm(GemmKernels kern, boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                     int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long work = (long) m * n * k;
        if (work >= LARGE && m >= 16 && n >= 16 && k >= 16) {
            int t = threads;
            if (t > 1 && work >= PARALLEL && m >= 2 * kern.mr() * t) {
                parallel(kern, t, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            } else {
                blocked(kern, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                        WORKSPACE.get());
            }
        } else {
            small(kern, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, WORKSPACE.get());
        }
    }

    private static void check(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                              double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m = " + m + ", n = " + n + ", k = " + k);
        }
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        need("A", a, aOff, lda, aRows, aCols);
        need("B", b, bOff, ldb, bRows, bCols);
        need("C", c, cOff, ldc, m, n);
    }

    private static void need(String what, double[] x, int off, int ld, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < cols || off < 0 || (long) off + (long) (rows - 1) * ld + cols > x.length) {
            throw new IllegalArgumentException("gemm: " + what + " as " + rows + " x " + cols + " at offset " + off
                    + " with row stride " + ld + " does not fit in an array of " + x.length);
        }
    }

    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = beta == 0 ? 0.0 : beta * c[row + j];
            }
        }
    }

    // ------------------------------------------------------------------ small products

    /** Approximate cost of a vectorized pass over x contiguous elements: full vectors plus a scalar tail. */
    private static int vcost(int x, int lanes) {
        return x / lanes + x % lanes;
    }

    private static void small(GemmKernels kern, boolean transA, boolean transB, int m, int n, int k, double alpha,
                              double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c,
                              int cOff, int ldc, Workspace ws) {
        int lanes = Math.max(1, kern.nr() / 2);
        double costN = (double) m * k * vcost(n, lanes) + (transB ? (double) n * k : 0);
        double costM = (double) n * k * vcost(m, lanes) + (transA ? 0 : (double) m * k) + 2.0 * m * n;
        double costD = (double) m * n * (vcost(k, lanes) + 4) + (transA ? (double) m * k : 0)
                + (transB ? 0 : (double) k * n);
        if (costN <= costM && costN <= costD) {
            // vectorized along the columns of C: rows of op(B) must be contiguous
            double[] bb = b;
            int bo = bOff;
            int lb = ldb;
            if (transB) {
                bb = ws.t1(k * n);
                transpose(b, bOff, ldb, n, k, bb);
                bo = 0;
                lb = n;
            }
            boolean acc = prescale(m, n, beta, c, cOff, ldc);
            kern.axpyForm(m, n, k, alpha, a, aOff, transA ? 1 : lda, transA ? lda : 1, bb, bo, lb, acc, c, cOff, ldc);
        } else if (costM <= costD) {
            // Cᵀ = op(B)ᵀ·op(A)ᵀ, vectorized along the rows of C: rows of op(A)ᵀ must be contiguous
            double[] aa = a;
            int ao = aOff;
            int la = lda;
            if (!transA) {
                aa = ws.t1(k * m);
                transpose(a, aOff, lda, m, k, aa);
                ao = 0;
                la = m;
            }
            double[] t = ws.t2(n * m);
            kern.axpyForm(n, m, k, alpha, b, bOff, transB ? ldb : 1, transB ? 1 : ldb, aa, ao, la, false, t, 0, m);
            for (int i = 0; i < m; i++) {
                int row = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    double v = t[j * m + i];
                    c[row + j] = beta == 0 ? v : (beta == 1 ? c[row + j] + v : beta * c[row + j] + v);
                }
            }
        } else {
            // dot products along k: rows of op(A) and columns of op(B) must be contiguous
            double[] aa = a;
            int ao = aOff;
            int la = lda;
            if (transA) {
                aa = ws.t1(m * k);
                transpose(a, aOff, lda, k, m, aa);
                ao = 0;
                la = k;
            }
            double[] bb = b;
            int bo = bOff;
            int lb = ldb;
            if (!transB) {
                bb = ws.t2(n * k);
                transpose(b, bOff, ldb, k, n, bb);
                bo = 0;
                lb = k;
            }
            kern.dotForm(m, n, k, alpha, aa, ao, la, bb, bo, lb, beta, c, cOff, ldc);
        }
    }

    /**
     * Prepares C for kernels that either overwrite or add: scales it by beta unless beta is 0 or 1.
     *
     * @return whether the kernel must add to C (beta is not 0)
     */
    private static boolean prescale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta != 0 && beta != 1) {
            scale(m, n, beta, c, cOff, ldc);
        }
        return beta != 0;
    }

    /** out (cols × rows, contiguous) = xᵀ for x rows × cols at off with row stride ld. */
    static void transpose(double[] x, int off, int ld, int rows, int cols, double[] out) {
        if (rows == 2 && cols >= 2) {
            int r1 = off + ld;
            for (int j = 0, dst = 0; j < cols; j++, dst += 2) {
                out[dst] = x[off + j];
                out[dst + 1] = x[r1 + j];
            }
        } else if (cols >= rows) {
            for (int i = 0; i < rows; i++) {
                int row = off + i * ld;
                for (int j = 0; j < cols; j++) {
                    out[j * rows + i] = x[row + j];
                }
            }
        } else if (cols == 2) {
            // weights of 2-feature layers (the spiral's): one pass writing both output rows
            for (int i = 0, src = off; i < rows; i++, src += ld) {
                out[i] = x[src];
                out[rows + i] = x[src + 1];
            }
        } else {
            // the longer dimension innermost: a 50 × 3 block is three passes of 50, not fifty of 3
            for (int j = 0; j < cols; j++) {
                int col = off + j;
                int dst = j * rows;
                for (int i = 0; i < rows; i++) {
                    out[dst + i] = x[col + i * ld];
                }
            }
        }
    }

    // ------------------------------------------------------------------ large products

    private static void parallel(GemmKernels kern, int t, boolean transA, boolean transB, int m, int n, int k,
                                 double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta,
                                 double[] c, int cOff, int ldc) {
        int mr = kern.mr();
        int chunk = ((m + t - 1) / t + mr - 1) / mr * mr;
        ExecutorService ex = pool(t - 1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i0 = chunk; i0 < m; i0 += chunk) {
            int rows = Math.min(chunk, m - i0);
            int ao = transA ? aOff + i0 : aOff + i0 * lda;
            int co = cOff + i0 * ldc;
            futures.add(ex.submit(() -> blocked(kern, transA, transB, rows, n, k, alpha, a, ao, lda, b, bOff, ldb, beta,
                    c, co, ldc, WORKSPACE.get())));
        }
        blocked(kern, transA, transB, Math.min(chunk, m), n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                WORKSPACE.get());
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gemm: interrupted while waiting for worker threads", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("gemm: a worker thread failed", e.getCause());
            }
        }
    }

    static void blocked(GemmKernels kern, boolean transA, boolean transB, int m, int n, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff,
                        int ldc, Workspace ws) {
        int mr = kern.mr();
        int nr = kern.nr();
        int kcMax = Math.min(KC, k);
        double[] bp = ws.bp(roundUp(Math.min(NC, n), nr) * kcMax);
        double[] ap = ws.ap(roundUp(Math.min(MC, m), mr) * kcMax);
        double[] tile = ws.tile(mr * nr);
        boolean firstAdds = prescale(m, n, beta, c, cOff, ldc);
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean acc = pc > 0 || firstAdds;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, bp);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, alpha, ap);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int nrr = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int mrr = Math.min(mr, mc - ir);
                            int at = cOff + (ic + ir) * ldc + jc + jr;
                            if (mrr == mr && nrr == nr) {
                                kern.micro(kc, ap, ir * kc, bp, jr * kc, acc, c, at, ldc);
                            } else {
                                kern.micro(kc, ap, ir * kc, bp, jr * kc, false, tile, 0, nr);
                                for (int r = 0; r < mrr; r++) {
                                    int row = at + r * ldc;
                                    for (int j = 0; j < nrr; j++) {
                                        double v = tile[r * nr + j];
                                        c[row + j] = acc ? c[row + j] + v : v;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /**
     * Packs alpha·op(A)[i0 .. i0+mc, p0 .. p0+kc] into panels of mr rows, each stored p-major,
     * zero-padded.
     */
    private static void packA(boolean transA, double[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                              double alpha, double[] ap) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (transA) {
                // op(A)(i, p) = a[p·lda + i]: a panel row of mr values is contiguous in A
                for (int p = 0; p < kc; p++) {
                    int src = aOff + (p0 + p) * lda + i0 + ir;
                    int dst = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = alpha * a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0.0;
                    }
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = alpha * a[src + p];
                    }
                }
                for (int r = rows; r < mr; r++) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = 0.0;
                    }
                }
            }
        }
    }

    /** Packs op(B)[p0 .. p0+kc, j0 .. j0+nc] into panels of nr columns, each stored p-major, zero-padded. */
    private static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr,
                              double[] bp) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = jr * kc;
            if (transB) {
                for (int j = 0; j < cols; j++) {
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * nr + j] = b[src + p];
                    }
                }
                for (int j = cols; j < nr; j++) {
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * nr + j] = 0.0;
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = bOff + (p0 + p) * ldb + j0 + jr;
                    int dst = base + p * nr;
                    System.arraycopy(b, src, bp, dst, cols);
                    for (int j = cols; j < nr; j++) {
                        bp[dst + j] = 0.0;
                    }
                }
            }
        }
    }

    /** Per-thread scratch arrays, grown on demand and reused. */
    static final class Workspace {
        private double[] ap = new double[0];
        private double[] bp = new double[0];
        private double[] tile = new double[0];
        private double[] t1 = new double[0];
        private double[] t2 = new double[0];

        double[] ap(int n) {
            return ap.length >= n ? ap : (ap = new double[n]);
        }

        double[] bp(int n) {
            return bp.length >= n ? bp : (bp = new double[n]);
        }

        double[] tile(int n) {
            return tile.length >= n ? tile : (tile = new double[n]);
        }

        double[] t1(int n) {
            return t1.length >= n ? t1 : (t1 = new double[n]);
        }

        double[] t2(int n) {
            return t2.length >= n ? t2 : (t2 = new double[n]);
        }
    }
}
