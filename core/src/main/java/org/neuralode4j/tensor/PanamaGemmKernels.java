package org.neuralode4j.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GemmKernels} on the JDK's incubating Vector API, loaded reflectively only when the
 * {@code jdk.incubator.vector} module is present. The micro-kernel keeps an 8 × 2L tile of C in
 * 16 vector registers (L lanes: 8 with AVX-512) and performs 16 fused multiply-adds per 2 vector
 * loads of B and 8 broadcasts of A (4 × 2L with narrower vectors, where there are only 16 registers).
 *
 * <p>Each tile shape is its own method and stores with one add at most, so that C2 inlines every
 * vector operation (its inlining budget is per compiled method; a vector that reaches a call that
 * is not inlined is boxed on the heap, which costs more than the arithmetic).
 */
final class PanamaGemmKernels implements GemmKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = L >= 8 ? 8 : 4;
    private static final int NR = 2 * L;

    @Override
    public String name() {
        return "vector(" + L + " lanes, " + MR + "x" + NR + ")";
    }

    @Override
    public int mr() {
        return MR;
    }

    @Override
    public int nr() {
        return NR;
    }

    // ------------------------------------------------------------------ packed micro-kernel

    @Override
    public void micro(int kc, double[] ap, int apOff, double[] bp, int bpOff, boolean accumulate, double[] c, int cOff,
                      int ldc) {
        if (MR == 8) {
            micro8(kc, ap, apOff, bp, bpOff, accumulate, c, cOff, ldc);
        } else {
            micro4(kc, ap, apOff, bp, bpOff, accumulate, c, cOff, ldc);
        }
    }

    private static void micro8(int kc, double[] ap, int apOff, double[] bp, int bpOff, boolean acc, double[] c, int cOff,
                               int ldc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        DoubleVector c40 = z, c41 = z, c50 = z, c51 = z, c60 = z, c61 = z, c70 = z, c71 = z;
        int pa = apOff;
        int pb = bpOff;
        for (int p = 0; p < kc; p++, pa += 8, pb += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, pb + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[pa]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[pa + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[pa + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[pa + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(S, ap[pa + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(S, ap[pa + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = DoubleVector.broadcast(S, ap[pa + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = DoubleVector.broadcast(S, ap[pa + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        if (acc) {
            int r = cOff;
            c00.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c01.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c10.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c11.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c20.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c21.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c30.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c31.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c40.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c41.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c50.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c51.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c60.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c61.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c70.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c71.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        } else {
            int r = cOff;
            c00.intoArray(c, r);
            c01.intoArray(c, r + L);
            r += ldc;
            c10.intoArray(c, r);
            c11.intoArray(c, r + L);
            r += ldc;
            c20.intoArray(c, r);
            c21.intoArray(c, r + L);
            r += ldc;
            c30.intoArray(c, r);
            c31.intoArray(c, r + L);
            r += ldc;
            c40.intoArray(c, r);
            c41.intoArray(c, r + L);
            r += ldc;
            c50.intoArray(c, r);
            c51.intoArray(c, r + L);
            r += ldc;
            c60.intoArray(c, r);
            c61.intoArray(c, r + L);
            r += ldc;
            c70.intoArray(c, r);
            c71.intoArray(c, r + L);
        }
    }

    private static void micro4(int kc, double[] ap, int apOff, double[] bp, int bpOff, boolean acc, double[] c, int cOff,
                               int ldc) {
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        int pa = apOff;
        int pb = bpOff;
        for (int p = 0; p < kc; p++, pa += 4, pb += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, pb);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, pb + L);
            DoubleVector a = DoubleVector.broadcast(S, ap[pa]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, ap[pa + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, ap[pa + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, ap[pa + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        int r = cOff;
        if (acc) {
            c00.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c01.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c10.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c11.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c20.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c21.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
            r += ldc;
            c30.add(DoubleVector.fromArray(S, c, r)).intoArray(c, r);
            c31.add(DoubleVector.fromArray(S, c, r + L)).intoArray(c, r + L);
        } else {
            c00.intoArray(c, r);
            c01.intoArray(c, r + L);
            r += ldc;
            c10.intoArray(c, r);
            c11.intoArray(c, r + L);
            r += ldc;
            c20.intoArray(c, r);
            c21.intoArray(c, r + L);
            r += ldc;
            c30.intoArray(c, r);
            c31.intoArray(c, r + L);
        }
    }

    // ------------------------------------------------------------------ unpacked, vectorized along j

    @Override
    public void axpyForm(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs, double[] b, int bOff,
                         int ldb, boolean accumulate, double[] c, int cOff, int ldc) {
        if (k <= 4 && m >= 4) {
            axpySmallK(m, n, k, alpha, a, aOff, ars, acs, b, bOff, ldb, accumulate, c, cOff, ldc);
            return;
        }
        int wide = n / NR * NR;
        int narrow = wide + (n - wide >= L ? L : 0);
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * ldc;
            for (int j = 0; j < wide; j += NR) {
                rows4Wide(k, alpha, a, a0, ars, acs, b, bOff + j, ldb, accumulate, c, c0 + j, ldc);
            }
            if (narrow > wide) {
                rows4Narrow(k, alpha, a, a0, ars, acs, b, bOff + wide, ldb, accumulate, c, c0 + wide, ldc);
            }
            for (int j = narrow; j < n; j++) {
                rows4Scalar(k, alpha, a, a0, ars, acs, b, bOff + j, ldb, accumulate, c, c0 + j, ldc);
            }
        }
        if (i + 1 < m) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * ldc;
            for (int j = 0; j < wide; j += NR) {
                rows2Wide(k, alpha, a, a0, ars, acs, b, bOff + j, ldb, accumulate, c, c0 + j, ldc);
            }
            if (narrow > wide) {
                rows2Narrow(k, alpha, a, a0, ars, acs, b, bOff + wide, ldb, accumulate, c, c0 + wide, ldc);
            }
            for (int j = narrow; j < n; j++) {
                for (int r = 0; r < 2; r++) {
                    double s = 0;
                    int bo = bOff + j;
                    int ap = a0 + r * ars;
                    for (int p = 0; p < k; p++, bo += ldb, ap += acs) {
                        s += a[ap] * b[bo];
                    }
                    int at = c0 + r * ldc + j;
                    c[at] = accumulate ? c[at] + alpha * s : alpha * s;
                }
            }
            i += 2;
        }
        for (; i < m; i++) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * ldc;
            for (int j = 0; j < wide; j += NR) {
                row1Wide(k, alpha, a, a0, acs, b, bOff + j, ldb, accumulate, c, c0 + j);
            }
            if (narrow > wide) {
                row1Narrow(k, alpha, a, a0, acs, b, bOff + wide, ldb, accumulate, c, c0 + wide);
            }
            for (int j = narrow; j < n; j++) {
                double s = 0;
                int bo = bOff + j;
                int ap = a0;
                for (int p = 0; p < k; p++, bo += ldb, ap += acs) {
                    s += a[ap] * b[bo];
                }
                c[c0 + j] = accumulate ? c[c0 + j] + alpha * s : alpha * s;
            }
        }
    }

    /**
     * k ≤ 4 (a layer with 2 inputs, or the gradient through 2 outputs): the columns outermost, so
     * that each chunk of B (k rows × L) is loaded once and stays in registers while every row of C
     * streams past it; the rows' tiles would otherwise reload B and pay a call for each few FMAs.
     */
    private static void axpySmallK(int m, int n, int k, double alpha, double[] a, int aOff, int ars, int acs,
                                   double[] b, int bOff, int ldb, boolean acc, double[] c, int cOff, int ldc) {
        int bound = S.loopBound(n);
        int a1 = acs;
        int a2 = 2 * acs;
        int a3 = 3 * acs;
        DoubleVector zero = DoubleVector.zero(S);
        for (int j = 0; j < bound; j += L) {
            int bj = bOff + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bj);
            DoubleVector b1 = k > 1 ? DoubleVector.fromArray(S, b, bj + ldb) : zero;
            DoubleVector b2 = k > 2 ? DoubleVector.fromArray(S, b, bj + 2 * ldb) : zero;
            DoubleVector b3 = k > 3 ? DoubleVector.fromArray(S, b, bj + 3 * ldb) : zero;
            if (k == 2) {
                for (int i = 0, ai = aOff, ci = cOff + j; i < m; i++, ai += ars, ci += ldc) {
                    DoubleVector s0 = DoubleVector.broadcast(S, alpha * a[ai]).mul(b0);
                    s0 = DoubleVector.broadcast(S, alpha * a[ai + a1]).fma(b1, s0);
                    if (acc) {
                        s0 = s0.add(DoubleVector.fromArray(S, c, ci));
                    }
                    s0.intoArray(c, ci);
                }
            } else {
                for (int i = 0, ai = aOff, ci = cOff + j; i < m; i++, ai += ars, ci += ldc) {
                    DoubleVector s0 = DoubleVector.broadcast(S, alpha * a[ai]).mul(b0);
                    if (k > 1) {
                        s0 = DoubleVector.broadcast(S, alpha * a[ai + a1]).fma(b1, s0);
                    }
                    if (k > 2) {
                        s0 = DoubleVector.broadcast(S, alpha * a[ai + a2]).fma(b2, s0);
                    }
                    if (k > 3) {
                        s0 = DoubleVector.broadcast(S, alpha * a[ai + a3]).fma(b3, s0);
                    }
                    if (acc) {
                        s0 = s0.add(DoubleVector.fromArray(S, c, ci));
                    }
                    s0.intoArray(c, ci);
                }
            }
        }
        for (int j = bound; j < n; j++) {
            int bj = bOff + j;
            for (int i = 0, ai = aOff, ci = cOff + j; i < m; i++, ai += ars, ci += ldc) {
                double sum = 0;
                for (int p = 0, ap = ai, bp = bj; p < k; p++, ap += acs, bp += ldb) {
                    sum += a[ap] * b[bp];
                }
                c[ci] = acc ? c[ci] + alpha * sum : alpha * sum;
            }
        }
    }

    /** Rows i..i+3 (A from a0, row stride ars), columns j..j+2L (B and C from their offsets). */
    private static void rows4Wide(int k, double alpha, double[] a, int a0, int ars, int acs, double[] b, int bo, int ldb,
                                  boolean acc, double[] c, int r, int ldc) {
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z;
        int ap = 0;
        for (int p = 0; p < k; p++, bo += ldb, ap += acs) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector x = DoubleVector.broadcast(S, alpha * a[a0 + ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(S, alpha * a[a1 + ap]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(S, alpha * a[a2 + ap]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(S, alpha * a[a3 + ap]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        if (acc) {
            s00 = s00.add(DoubleVector.fromArray(S, c, r));
            s01 = s01.add(DoubleVector.fromArray(S, c, r + L));
            s10 = s10.add(DoubleVector.fromArray(S, c, r + ldc));
            s11 = s11.add(DoubleVector.fromArray(S, c, r + ldc + L));
            s20 = s20.add(DoubleVector.fromArray(S, c, r + 2 * ldc));
            s21 = s21.add(DoubleVector.fromArray(S, c, r + 2 * ldc + L));
            s30 = s30.add(DoubleVector.fromArray(S, c, r + 3 * ldc));
            s31 = s31.add(DoubleVector.fromArray(S, c, r + 3 * ldc + L));
        }
        s00.intoArray(c, r);
        s01.intoArray(c, r + L);
        s10.intoArray(c, r + ldc);
        s11.intoArray(c, r + ldc + L);
        s20.intoArray(c, r + 2 * ldc);
        s21.intoArray(c, r + 2 * ldc + L);
        s30.intoArray(c, r + 3 * ldc);
        s31.intoArray(c, r + 3 * ldc + L);
    }

    private static void rows4Narrow(int k, double alpha, double[] a, int a0, int ars, int acs, double[] b, int bo,
                                    int ldb, boolean acc, double[] c, int r, int ldc) {
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s0 = z, s1 = z, s2 = z, s3 = z;
        int ap = 0;
        for (int p = 0; p < k; p++, bo += ldb, ap += acs) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            s0 = DoubleVector.broadcast(S, alpha * a[a0 + ap]).fma(b0, s0);
            s1 = DoubleVector.broadcast(S, alpha * a[a1 + ap]).fma(b0, s1);
            s2 = DoubleVector.broadcast(S, alpha * a[a2 + ap]).fma(b0, s2);
            s3 = DoubleVector.broadcast(S, alpha * a[a3 + ap]).fma(b0, s3);
        }
        if (acc) {
            s0 = s0.add(DoubleVector.fromArray(S, c, r));
            s1 = s1.add(DoubleVector.fromArray(S, c, r + ldc));
            s2 = s2.add(DoubleVector.fromArray(S, c, r + 2 * ldc));
            s3 = s3.add(DoubleVector.fromArray(S, c, r + 3 * ldc));
        }
        s0.intoArray(c, r);
        s1.intoArray(c, r + ldc);
        s2.intoArray(c, r + 2 * ldc);
        s3.intoArray(c, r + 3 * ldc);
    }

    private static void rows4Scalar(int k, double alpha, double[] a, int a0, int ars, int acs, double[] b, int bo,
                                    int ldb, boolean acc, double[] c, int r, int ldc) {
        int a1 = a0 + ars;
        int a2 = a1 + ars;
        int a3 = a2 + ars;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int ap = 0;
        for (int p = 0; p < k; p++, bo += ldb, ap += acs) {
            double bv = b[bo];
            s0 += a[a0 + ap] * bv;
            s1 += a[a1 + ap] * bv;
            s2 += a[a2 + ap] * bv;
            s3 += a[a3 + ap] * bv;
        }
        c[r] = acc ? c[r] + alpha * s0 : alpha * s0;
        c[r + ldc] = acc ? c[r + ldc] + alpha * s1 : alpha * s1;
        c[r + 2 * ldc] = acc ? c[r + 2 * ldc] + alpha * s2 : alpha * s2;
        c[r + 3 * ldc] = acc ? c[r + 3 * ldc] + alpha * s3 : alpha * s3;
    }

    /**
     * Two rows. Long k with few rows is latency-bound (each accumulator waits for its previous
     * multiply-add), so even and odd p go to separate accumulators: 8 independent chains.
     */
    private static void rows2Wide(int k, double alpha, double[] a, int a0, int ars, int acs, double[] b, int bo,
                                  int ldb, boolean acc, double[] c, int r, int ldc) {
        int a1 = a0 + ars;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s00 = z, s01 = z, s10 = z, s11 = z, t00 = z, t01 = z, t10 = z, t11 = z;
        int ap = 0;
        int p = 0;
        for (; p + 1 < k; p += 2, bo += 2 * ldb, ap += 2 * acs) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector e0 = DoubleVector.fromArray(S, b, bo + ldb);
            DoubleVector e1 = DoubleVector.fromArray(S, b, bo + ldb + L);
            DoubleVector x = DoubleVector.broadcast(S, alpha * a[a0 + ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(S, alpha * a[a1 + ap]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(S, alpha * a[a0 + ap + acs]);
            t00 = x.fma(e0, t00);
            t01 = x.fma(e1, t01);
            x = DoubleVector.broadcast(S, alpha * a[a1 + ap + acs]);
            t10 = x.fma(e0, t10);
            t11 = x.fma(e1, t11);
        }
        if (p < k) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bo + L);
            DoubleVector x = DoubleVector.broadcast(S, alpha * a[a0 + ap]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(S, alpha * a[a1 + ap]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
        }
        s00 = s00.add(t00);
        s01 = s01.add(t01);
        s10 = s10.add(t10);
        s11 = s11.add(t11);
        if (acc) {
            s00 = s00.add(DoubleVector.fromArray(S, c, r));
            s01 = s01.add(DoubleVector.fromArray(S, c, r + L));
            s10 = s10.add(DoubleVector.fromArray(S, c, r + ldc));
            s11 = s11.add(DoubleVector.fromArray(S, c, r + ldc + L));
        }
        s00.intoArray(c, r);
        s01.intoArray(c, r + L);
        s10.intoArray(c, r + ldc);
        s11.intoArray(c, r + ldc + L);
    }

    private static void rows2Narrow(int k, double alpha, double[] a, int a0, int ars, int acs, double[] b, int bo,
                                    int ldb, boolean acc, double[] c, int r, int ldc) {
        int a1 = a0 + ars;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s0 = z, s1 = z, t0 = z, t1 = z;
        int ap = 0;
        int p = 0;
        for (; p + 1 < k; p += 2, bo += 2 * ldb, ap += 2 * acs) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            DoubleVector e0 = DoubleVector.fromArray(S, b, bo + ldb);
            s0 = DoubleVector.broadcast(S, alpha * a[a0 + ap]).fma(b0, s0);
            s1 = DoubleVector.broadcast(S, alpha * a[a1 + ap]).fma(b0, s1);
            t0 = DoubleVector.broadcast(S, alpha * a[a0 + ap + acs]).fma(e0, t0);
            t1 = DoubleVector.broadcast(S, alpha * a[a1 + ap + acs]).fma(e0, t1);
        }
        if (p < k) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bo);
            s0 = DoubleVector.broadcast(S, alpha * a[a0 + ap]).fma(b0, s0);
            s1 = DoubleVector.broadcast(S, alpha * a[a1 + ap]).fma(b0, s1);
        }
        s0 = s0.add(t0);
        s1 = s1.add(t1);
        if (acc) {
            s0 = s0.add(DoubleVector.fromArray(S, c, r));
            s1 = s1.add(DoubleVector.fromArray(S, c, r + ldc));
        }
        s0.intoArray(c, r);
        s1.intoArray(c, r + ldc);
    }

    /** One row, even and odd p in separate accumulators (see {@link #rows2Wide}). */
    private static void row1Wide(int k, double alpha, double[] a, int ap, int acs, double[] b, int bo, int ldb,
                                 boolean acc, double[] c, int r) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector s1 = s0;
        DoubleVector t0 = s0;
        DoubleVector t1 = s0;
        int p = 0;
        for (; p + 1 < k; p += 2, bo += 2 * ldb, ap += 2 * acs) {
            DoubleVector x = DoubleVector.broadcast(S, alpha * a[ap]);
            s0 = x.fma(DoubleVector.fromArray(S, b, bo), s0);
            s1 = x.fma(DoubleVector.fromArray(S, b, bo + L), s1);
            x = DoubleVector.broadcast(S, alpha * a[ap + acs]);
            t0 = x.fma(DoubleVector.fromArray(S, b, bo + ldb), t0);
            t1 = x.fma(DoubleVector.fromArray(S, b, bo + ldb + L), t1);
        }
        if (p < k) {
            DoubleVector x = DoubleVector.broadcast(S, alpha * a[ap]);
            s0 = x.fma(DoubleVector.fromArray(S, b, bo), s0);
            s1 = x.fma(DoubleVector.fromArray(S, b, bo + L), s1);
        }
        s0 = s0.add(t0);
        s1 = s1.add(t1);
        if (acc) {
            s0 = s0.add(DoubleVector.fromArray(S, c, r));
            s1 = s1.add(DoubleVector.fromArray(S, c, r + L));
        }
        s0.intoArray(c, r);
        s1.intoArray(c, r + L);
    }

    private static void row1Narrow(int k, double alpha, double[] a, int ap, int acs, double[] b, int bo, int ldb,
                                   boolean acc, double[] c, int r) {
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector t0 = s0;
        int p = 0;
        for (; p + 1 < k; p += 2, bo += 2 * ldb, ap += 2 * acs) {
            s0 = DoubleVector.broadcast(S, alpha * a[ap]).fma(DoubleVector.fromArray(S, b, bo), s0);
            t0 = DoubleVector.broadcast(S, alpha * a[ap + acs]).fma(DoubleVector.fromArray(S, b, bo + ldb), t0);
        }
        if (p < k) {
            s0 = DoubleVector.broadcast(S, alpha * a[ap]).fma(DoubleVector.fromArray(S, b, bo), s0);
        }
        s0 = s0.add(t0);
        if (acc) {
            s0 = s0.add(DoubleVector.fromArray(S, c, r));
        }
        s0.intoArray(c, r);
    }

    // ------------------------------------------------------------------ unpacked, vectorized along k

    @Override
    public void dotForm(int m, int n, int k, double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double beta, double[] c, int cOff, int ldc) {
        int kb = S.loopBound(k);
        int i = 0;
        for (; i + 3 < m; i += 4) {
            int ai0 = aOff + i * lda;
            int j = 0;
            for (; j + 1 < n; j += 2) {
                dot4x2(k, kb, alpha, a, ai0, lda, b, bOff + j * ldb, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
            if (j < n) {
                int bj = bOff + j * ldb;
                for (int r = 0; r < 4; r++) {
                    int at = cOff + (i + r) * ldc + j;
                    c[at] = GemmKernels.update(c[at], beta, alpha, dot(a, ai0 + r * lda, b, bj, k, kb));
                }
            }
        }
        for (; i + 1 < m; i += 2) {
            int ai0 = aOff + i * lda;
            int ai1 = ai0 + lda;
            int j = 0;
            for (; j + 1 < n; j += 2) {
                dot2x2(k, kb, alpha, a, ai0, ai1, b, bOff + j * ldb, ldb, beta, c, cOff + i * ldc + j, ldc);
            }
            if (j < n) {
                int bj = bOff + j * ldb;
                int r = cOff + i * ldc + j;
                c[r] = GemmKernels.update(c[r], beta, alpha, dot(a, ai0, b, bj, k, kb));
                c[r + ldc] = GemmKernels.update(c[r + ldc], beta, alpha, dot(a, ai1, b, bj, k, kb));
            }
        }
        if (i < m) {
            int ai = aOff + i * lda;
            for (int j = 0; j < n; j++) {
                int r = cOff + i * ldc + j;
                c[r] = GemmKernels.update(c[r], beta, alpha, dot(a, ai, b, bOff + j * ldb, k, kb));
            }
        }
    }

    /** Rows i..i+3 of A against rows j, j+1 of B: 8 accumulators, each B vector used four times. */
    private static void dot4x2(int k, int kb, double alpha, double[] a, int ai0, int lda, double[] b, int bj0, int ldb,
                               double beta, double[] c, int r, int ldc) {
        int ai1 = ai0 + lda;
        int ai2 = ai1 + lda;
        int ai3 = ai2 + lda;
        int bj1 = bj0 + ldb;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z;
        int p = 0;
        for (; p < kb; p += L) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, bj0 + p);
            DoubleVector y1 = DoubleVector.fromArray(S, b, bj1 + p);
            DoubleVector x = DoubleVector.fromArray(S, a, ai0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            x = DoubleVector.fromArray(S, a, ai1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            x = DoubleVector.fromArray(S, a, ai2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            x = DoubleVector.fromArray(S, a, ai3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
        }
        double t00 = s00.reduceLanes(VectorOperators.ADD);
        double t01 = s01.reduceLanes(VectorOperators.ADD);
        double t10 = s10.reduceLanes(VectorOperators.ADD);
        double t11 = s11.reduceLanes(VectorOperators.ADD);
        double t20 = s20.reduceLanes(VectorOperators.ADD);
        double t21 = s21.reduceLanes(VectorOperators.ADD);
        double t30 = s30.reduceLanes(VectorOperators.ADD);
        double t31 = s31.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            double y0 = b[bj0 + p];
            double y1 = b[bj1 + p];
            t00 += a[ai0 + p] * y0;
            t01 += a[ai0 + p] * y1;
            t10 += a[ai1 + p] * y0;
            t11 += a[ai1 + p] * y1;
            t20 += a[ai2 + p] * y0;
            t21 += a[ai2 + p] * y1;
            t30 += a[ai3 + p] * y0;
            t31 += a[ai3 + p] * y1;
        }
        c[r] = GemmKernels.update(c[r], beta, alpha, t00);
        c[r + 1] = GemmKernels.update(c[r + 1], beta, alpha, t01);
        r += ldc;
        c[r] = GemmKernels.update(c[r], beta, alpha, t10);
        c[r + 1] = GemmKernels.update(c[r + 1], beta, alpha, t11);
        r += ldc;
        c[r] = GemmKernels.update(c[r], beta, alpha, t20);
        c[r + 1] = GemmKernels.update(c[r + 1], beta, alpha, t21);
        r += ldc;
        c[r] = GemmKernels.update(c[r], beta, alpha, t30);
        c[r + 1] = GemmKernels.update(c[r + 1], beta, alpha, t31);
    }

    private static void dot2x2(int k, int kb, double alpha, double[] a, int ai0, int ai1, double[] b, int bj0, int ldb,
                               double beta, double[] c, int r, int ldc) {
        int bj1 = bj0 + ldb;
        DoubleVector s00 = DoubleVector.zero(S);
        DoubleVector s01 = s00;
        DoubleVector s10 = s00;
        DoubleVector s11 = s00;
        int p = 0;
        for (; p < kb; p += L) {
            DoubleVector x0 = DoubleVector.fromArray(S, a, ai0 + p);
            DoubleVector x1 = DoubleVector.fromArray(S, a, ai1 + p);
            DoubleVector y0 = DoubleVector.fromArray(S, b, bj0 + p);
            DoubleVector y1 = DoubleVector.fromArray(S, b, bj1 + p);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
        }
        double t00 = s00.reduceLanes(VectorOperators.ADD);
        double t01 = s01.reduceLanes(VectorOperators.ADD);
        double t10 = s10.reduceLanes(VectorOperators.ADD);
        double t11 = s11.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            double x0 = a[ai0 + p];
            double x1 = a[ai1 + p];
            double y0 = b[bj0 + p];
            double y1 = b[bj1 + p];
            t00 += x0 * y0;
            t01 += x0 * y1;
            t10 += x1 * y0;
            t11 += x1 * y1;
        }
        c[r] = GemmKernels.update(c[r], beta, alpha, t00);
        c[r + 1] = GemmKernels.update(c[r + 1], beta, alpha, t01);
        c[r + ldc] = GemmKernels.update(c[r + ldc], beta, alpha, t10);
        c[r + ldc + 1] = GemmKernels.update(c[r + ldc + 1], beta, alpha, t11);
    }

    private static double dot(double[] a, int ai, double[] b, int bj, int k, int kb) {
        DoubleVector s = DoubleVector.zero(S);
        int p = 0;
        for (; p < kb; p += L) {
            s = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bj + p), s);
        }
        double t = s.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            t += a[ai + p] * b[bj + p];
        }
        return t;
    }
}
