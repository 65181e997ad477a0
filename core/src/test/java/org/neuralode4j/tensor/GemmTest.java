package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both kernel sets, every path (dot, axpy along rows and columns, blocked, threaded) against a naive triple loop. */
class GemmTest {
    private static final int[][] SHAPES = {
        {1, 1, 1}, {20, 50, 2}, {20, 2, 50}, {2, 50, 20}, {50, 2, 20}, {20, 2, 2}, {3, 5, 7}, {17, 33, 9},
        {64, 64, 64}, {100, 37, 70}, {130, 150, 300}, {97, 2100, 20}, {9, 200, 300}, {40, 40, 600}, {0, 3, 4},
        {3, 0, 4}, {3, 4, 0}};

    private static List<GemmKernels> kernels() {
        List<GemmKernels> out = new ArrayList<>();
        out.add(ScalarGemmKernels.INSTANCE);
        if (Gemm.KERNELS != ScalarGemmKernels.INSTANCE) {
            out.add(Gemm.KERNELS);
        }
        return out;
    }

    @Test
    void vectorKernelsAreActiveUnderTests() {
        assertThat(Gemm.kernelName()).startsWith("vector(");
    }

    @Test
    void everyPathAgreesWithTheNaiveProduct() {
        SplittableRandom rng = new SplittableRandom(3);
        for (GemmKernels kern : kernels()) {
            for (int[] s : SHAPES) {
                for (int variant = 0; variant < 4; variant++) {
                    boolean ta = (variant & 1) != 0;
                    boolean tb = (variant & 2) != 0;
                    for (double[] ab : new double[][] {{1, 0}, {1, 1}, {-0.5, 2}}) {
                        check(kern, rng, s[0], s[1], s[2], ta, tb, ab[0], ab[1]);
                    }
                }
            }
        }
    }

    @Test
    void threadedProductsAgree() {
        int saved = Gemm.threads();
        try {
            Gemm.setThreads(3);
            SplittableRandom rng = new SplittableRandom(4);
            for (GemmKernels kern : kernels()) {
                check(kern, rng, 301, 140, 129, false, false, 1, 0);
                check(kern, rng, 257, 64, 300, true, true, 2, 1);
            }
        } finally {
            Gemm.setThreads(saved);
        }
    }

    private static void check(GemmKernels kern, SplittableRandom rng, int m, int n, int k, boolean ta, boolean tb,
                              double alpha, double beta) {
        // padded leading dimensions and offsets, to catch stride mistakes
        int lda = (ta ? m : k) + 3;
        int ldb = (tb ? k : n) + 1;
        int ldc = n + 2;
        int aOff = 5;
        int bOff = 2;
        int cOff = 7;
        double[] a = random(rng, aOff + (ta ? k : m) * lda);
        double[] b = random(rng, bOff + (tb ? n : k) * ldb);
        double[] c = random(rng, cOff + m * ldc);
        if (beta == 0 && n > 0) {
            for (int i = 0; i < m; i++) {
                c[cOff + i * ldc] = Double.NaN; // must not leak through beta = 0
            }
        }
        double[] want = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double y = tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += x * y;
                }
                int at = cOff + i * ldc + j;
                want[at] = (beta == 0 ? 0 : beta * c[at]) + alpha * s;
            }
        }
        Gemm.gemm(kern, ta, tb, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < c.length; i++) {
            double tol = 1e-12 * Math.max(1, Math.abs(want[i])) * Math.max(1, Math.sqrt(k));
            assertThat(Math.abs(c[i] - want[i]))
                    .as("%s m=%d n=%d k=%d ta=%s tb=%s alpha=%s beta=%s at %d", kern.name(), m, n, k, ta, tb, alpha,
                            beta, i)
                    .isLessThanOrEqualTo(tol);
        }
    }

    private static double[] random(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void rejectsArraysThatAreTooShort() {
        assertThatThrownBy(() -> Gemm.gemm(false, false, 2, 2, 2, 1, new double[3], 0, 2, new double[4], 0, 2, 0,
                new double[4], 0, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A as 2 x 2");
    }
}
