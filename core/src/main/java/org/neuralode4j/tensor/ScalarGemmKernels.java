package org.neuralode4j.tensor;

/** {@link GemmKernels} in plain Java: portable, and the reference the vector kernels are tested against. */
final class ScalarGemmKernels implements GemmKernels {
    static final ScalarGemmKernels INSTANCE = new ScalarGemmKernels();
    private static final int MR = 4;
    private static final int NR = 8;

    private ScalarGemmKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    @Override
    public void micro(int kc, double[] ap, int apOff, double[] bp, int bpOff, boolean accumulate, double[] c, int cOff,
                      int ldc) {
        double[] acc = new double[MR * NR];
        for (int p = 0; p < kc; p++) {
            int pa = apOff + p * MR;
            int pb = bpOff + p * NR;
            for (int r = 0; r < MR; r++) {
                double ar = ap[pa + r];
                int o = r * NR;
                for (int j = 0; j < NR; j++) {
                    acc[o + j] += ar * bp[pb + j];
                }
            }
        }
        for (int r = 0; r < MR; r++) {
            int row = cOff + r * ldc;
            for (int j = 0; j < NR; j++) {
                c[row + j] = accumulate ? c[row + j] + acc[r * NR + j] : acc[r * NR + j];
            }
        }
    }

    @Override
    public void axpyForm(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs, double[] b, int bOff,
                         int ldb, boolean accumulate, double[] c, int cOff, int ldc) {
        double[] acc = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0.0);
            int ai = aOff + i * ars;
            for (int p = 0; p < k; p++) {
                double aip = a[ai + p * acs];
                int bRow = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * b[bRow + j];
                }
            }
            int row = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[row + j] = accumulate ? c[row + j] + alpha * acc[j] : alpha * acc[j];
            }
        }
    }

    @Override
    public void dotForm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    s0 += a[ai + p] * b[bj + p];
                    s1 += a[ai + p + 1] * b[bj + p + 1];
                    s2 += a[ai + p + 2] * b[bj + p + 2];
                    s3 += a[ai + p + 3] * b[bj + p + 3];
                }
                for (; p < k; p++) {
                    s0 += a[ai + p] * b[bj + p];
                }
                int at = cOff + i * ldc + j;
                c[at] = GemmKernels.update(c[at], beta, alpha, (s0 + s1) + (s2 + s3));
            }
        }
    }
}
