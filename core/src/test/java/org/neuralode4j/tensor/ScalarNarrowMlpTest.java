package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarNarrowMlp} against {@link PanamaNarrowMlp}, kernel against kernel on the same padded
 * arrays: every output bit for bit (a NaN's sign and payload aside), over widths 2
 * and 4, hidden widths that take the packed last chunk and those that do not, row counts around the
 * packing group, and inputs with NaN, infinities and saturating values.
 */
class ScalarNarrowMlpTest {

    private static void assertSameBits(String what, double[] got, double[] want, int n) {
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(want[i])) {
                // a NaN's payload is the processor's business (x86 makes a negative one), not the arithmetic's
                assertThat(got[i]).as("%s[%d]", what, i).isNaN();
                continue;
            }
            assertThat(Double.doubleToRawLongBits(got[i])).as("%s[%d]: %s vs %s", what, i, got[i], want[i])
                    .isEqualTo(Double.doubleToRawLongBits(want[i]));
        }
    }

    private static double[] garbage(int n) {
        double[] x = new double[n];
        Arrays.fill(x, Double.NaN);
        return x;
    }

    private static double[] gaussian(SplittableRandom rng, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian() * scale;
        }
        return x;
    }

    /** A padded weight block: width × hp with the first `rows` × `cols` real, zeros elsewhere. */
    private static double[] padded(SplittableRandom rng, int width, int hp, int real, int hidden, double scale) {
        double[] w = new double[width * hp];
        for (int k = 0; k < real; k++) {
            for (int j = 0; j < hidden; j++) {
                w[k * hp + j] = rng.nextGaussian() * scale;
            }
        }
        return w;
    }

    @Test
    void theScalarKernelGivesTheVectorKernelsBits() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "needs the Vector API module");
        NarrowMlp.Kernel vector = new PanamaNarrowMlp();
        int lanes = vector.lanes();
        NarrowMlp.Kernel scalar = new ScalarNarrowMlp(lanes);
        SplittableRandom rng = new SplittableRandom(11);
        for (int width : new int[] {2, 4}) {
            for (int hidden : new int[] {1, 2, lanes + 2, 50, 7, lanes, 2 * lanes - 1}) {
                int hp = (hidden + lanes - 1) / lanes * lanes;
                int real = width == 2 ? 2 : 3;
                double[] w1t = padded(rng, width, hp, real, hidden, 1.0);
                double[] w2 = padded(rng, width, hp, real, hidden, 0.3);
                double[] b1 = new double[hp];
                System.arraycopy(gaussian(rng, hidden, 0.5), 0, b1, 0, hidden);
                for (int rows : new int[] {1, 2, 3, 4, 5, 8, 20, 23}) {
                    String tag = "width " + width + ", hidden " + hidden + ", rows " + rows;
                    double[] u = new double[width * rows];
                    double[] a = new double[width * rows];
                    for (int r = 0; r < rows; r++) {
                        for (int k = 0; k < real; k++) {
                            u[width * r + k] = Math.pow(rng.nextGaussian(), 3) * (r % 5 == 0 ? 30 : 1);
                            a[width * r + k] = rng.nextGaussian();
                        }
                    }
                    if (rows == 23) {
                        u[0] = Double.NaN;
                        u[width * 3] = Double.POSITIVE_INFINITY;
                        u[width * 5 + 1] = -1e300;
                    }
                    compare(tag, vector, scalar, width, rows, hp, hidden, u, a, w1t, b1, w2, lanes);
                }
            }
        }
    }

    /**
     * Lane counts other than the vector kernel's (1 is the kernel without the Vector API) against a
     * plain reference: each output a chain of fmas over the hidden units in lane order, summed lane by
     * lane from 0.0, the tanh NarrowTanh's. With one lane that is the textbook loop, bit for bit.
     */
    @Test
    void anyLaneCountGivesItsPlainSums() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int lanes : new int[] {1, 2, 4}) {
            NarrowMlp.Kernel kernel = new ScalarNarrowMlp(lanes);
            for (int width : new int[] {2, 4}) {
                int hidden = 50;
                int hp = (hidden + lanes - 1) / lanes * lanes;
                double[] w1t = padded(rng, width, hp, width, hidden, 1.0);
                double[] w2 = padded(rng, width, hp, width, hidden, 0.3);
                double[] b1 = new double[hp];
                System.arraycopy(gaussian(rng, hidden, 0.5), 0, b1, 0, hidden);
                int rows = 7;
                double[] u = gaussian(rng, width * rows, 1.0);
                double[] a = gaussian(rng, width * rows, 1.0);
                double[] h = new double[rows * hp];
                double[] y = new double[width * rows];
                int scratch = rows * Math.max(4 * lanes, hp) + 4 * lanes + hp;
                kernel.forward(width, rows, hp, hidden, u, w1t, b1, w2, y, h, 0, new double[scratch]);
                double[] gu = new double[width * rows];
                double[] gw1t = new double[width * hp];
                double[] gb1 = new double[hp];
                double[] gw2 = new double[width * hp];
                kernel.backward(width, rows, hp, u, h, 0, a, w1t, w2, gu, gw1t, gb1, gw2, new double[scratch]);
                double[] wantGw1t = new double[width * hp];
                double[] wantGb1 = new double[hp];
                double[] wantGw2 = new double[width * hp];
                for (int r = 0; r < rows; r++) {
                    double[] hr = new double[hp];
                    double[] d = new double[hp];
                    for (int j = 0; j < hp; j++) {
                        double z = b1[j];
                        for (int k = 0; k < width; k++) {
                            z = Math.fma(u[width * r + k], w1t[k * hp + j], z);
                        }
                        hr[j] = NarrowTanh.tanh(z);
                        double gh = a[width * r] * w2[j];
                        for (int o = 1; o < width; o++) {
                            gh = Math.fma(a[width * r + o], w2[o * hp + j], gh);
                        }
                        d[j] = gh * (1.0 - hr[j] * hr[j]);
                        for (int o = 0; o < width; o++) {
                            wantGw2[o * hp + j] = Math.fma(a[width * r + o], hr[j], wantGw2[o * hp + j]);
                        }
                        wantGb1[j] += d[j];
                        for (int k = 0; k < width; k++) {
                            wantGw1t[k * hp + j] = Math.fma(u[width * r + k], d[j], wantGw1t[k * hp + j]);
                        }
                    }
                    for (int o = 0; o < width; o++) {
                        String tag = lanes + " lanes, width " + width + ", row " + r + ", feature " + o;
                        assertThat(y[width * r + o]).as(tag + " y").isEqualTo(laneSums(lanes, hp, w2, o, hr));
                        assertThat(gu[width * r + o]).as(tag + " gu").isEqualTo(laneSums(lanes, hp, w1t, o, d));
                    }
                    assertSameBits(lanes + " lanes, width " + width + ", row " + r + " h",
                            java.util.Arrays.copyOfRange(h, r * hp, (r + 1) * hp), hr, hp);
                }
                assertSameBits(lanes + " lanes gw1t", gw1t, wantGw1t, gw1t.length);
                assertSameBits(lanes + " lanes gb1", gb1, wantGb1, gb1.length);
                assertSameBits(lanes + " lanes gw2", gw2, wantGw2, gw2.length);
            }
        }
    }

    /** Σ_j w[o, j]·x_j as the kernels sum it: an fma chain per lane over the chunks, then the lanes from 0.0. */
    private static double laneSums(int lanes, int hp, double[] w, int o, double[] x) {
        double s = 0.0;
        for (int l = 0; l < lanes; l++) {
            double lane = 0.0;
            for (int j = l; j < hp; j += lanes) {
                lane = Math.fma(w[o * hp + j], x[j], lane);
            }
            s += lane;
        }
        return s;
    }

    private static void compare(String tag, NarrowMlp.Kernel vector, NarrowMlp.Kernel scalar, int width, int rows,
                                int hp, int hidden, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                                int lanes) {
        // scratch at the smallest sizes the Kernel javadoc allows, full of NaN: no kernel may read what it did not write
        int sums = rows * width * lanes;
        int backwardScratch = rows * Math.max(width * lanes, hp);
        int vjpScratch = Math.max(sums, width * lanes + hp);
        int hOff = rows % 4;
        for (boolean save : new boolean[] {false, true}) {
            double[] yv = new double[width * rows];
            double[] ys = new double[width * rows];
            double[] hv = save ? new double[hOff + rows * hp] : null;
            double[] hs = save ? new double[hOff + rows * hp] : null;
            vector.forward(width, rows, hp, hidden, u, w1t, b1, w2, yv, hv, hOff, garbage(sums));
            scalar.forward(width, rows, hp, hidden, u, w1t, b1, w2, ys, hs, hOff, garbage(sums));
            assertSameBits(tag + (save ? " y (saving h)" : " y"), ys, yv, yv.length);
            if (save) {
                assertSameBits(tag + " h", hs, hv, hv.length);
                double[][] gv = {new double[width * rows], new double[width * hp], new double[hp], new double[width * hp]};
                double[][] gs = {new double[width * rows], new double[width * hp], new double[hp], new double[width * hp]};
                Arrays.fill(gs[1], 7.0);
                vector.backward(width, rows, hp, u, hv, hOff, a, w1t, w2, gv[0], gv[1], gv[2], gv[3],
                        garbage(backwardScratch));
                scalar.backward(width, rows, hp, u, hs, hOff, a, w1t, w2, gs[0], gs[1], gs[2], gs[3],
                        garbage(backwardScratch));
                for (int i = 0; i < 4; i++) {
                    assertSameBits(tag + " backward output " + i, gs[i], gv[i], gv[i].length);
                }
            }
        }
        double[] yv = new double[width * rows];
        double[] ys = new double[width * rows];
        double[][] gv = {new double[width * rows], new double[width * hp], new double[hp], new double[width * hp]};
        double[][] gs = {new double[width * rows], new double[width * hp], new double[hp], new double[width * hp]};
        vector.forwardVjp(width, rows, hp, u, a, w1t, b1, w2, yv, gv[0], gv[1], gv[2], gv[3], garbage(sums),
                garbage(vjpScratch));
        scalar.forwardVjp(width, rows, hp, u, a, w1t, b1, w2, ys, gs[0], gs[1], gs[2], gs[3], garbage(sums),
                garbage(vjpScratch));
        assertSameBits(tag + " forwardVjp y", ys, yv, yv.length);
        for (int i = 0; i < 4; i++) {
            assertSameBits(tag + " forwardVjp output " + i, gs[i], gv[i], gv[i].length);
        }
    }
}
