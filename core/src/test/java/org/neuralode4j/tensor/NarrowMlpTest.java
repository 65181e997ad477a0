package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NarrowMlp}'s kernels against each other: the forward pass with saved hidden outputs (rows
 * outermost, a last chunk with two real units packed several rows to a vector) against the same pass
 * row by row (whole chunks) and against the pass without saving (hidden chunks outermost), the VJP from
 * saved outputs (two passes) against the one-pass forward+VJP: all bit for bit. And the kernels' tanh
 * against {@link Math#tanh}.
 */
class NarrowMlpTest {

    private static NarrowMlp.Weights weights(SplittableRandom rng, int in, int hidden, int out) {
        double[] w1 = new double[hidden * in];
        double[] b1 = new double[hidden];
        double[] w2 = new double[out * hidden];
        double[] b2 = new double[out];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = rng.nextGaussian();
        }
        for (int i = 0; i < b1.length; i++) {
            b1[i] = rng.nextGaussian() * 0.5;
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = rng.nextGaussian() * 0.3;
        }
        for (int i = 0; i < b2.length; i++) {
            b2[i] = rng.nextGaussian() * 0.1;
        }
        return new NarrowMlp.Weights(in, hidden, out, w1, b1, w2, b2);
    }

    private static void assertSameBits(String what, double[] got, double[] want) {
        assertThat(got.length).isEqualTo(want.length);
        for (int i = 0; i < got.length; i++) {
            assertThat(Double.doubleToRawLongBits(got[i])).as("%s[%d]: %s vs %s", what, i, got[i], want[i])
                    .isEqualTo(Double.doubleToRawLongBits(want[i]));
        }
    }

    @Test
    void theForwardKernelsAndTheVjpKernelsAgreeBitForBit() {
        SplittableRandom rng = new SplittableRandom(5);
        int lanes = NarrowMlp.paddedHidden(1);
        // hidden ≡ 2 (mod lanes) takes the packed last chunk; the others whole chunks
        int[] hiddens = {2, lanes + 2, 2 * lanes + 2, 50, 7, lanes, 49, 51, 1};
        for (int[] io : new int[][] {{2, 2}, {1, 2}, {2, 1}, {3, 4}}) {
            for (int hidden : hiddens) {
                NarrowMlp.Weights w = weights(rng, io[0], hidden, io[1]);
                int hp = NarrowMlp.paddedHidden(hidden);
                for (int rows : new int[] {1, 3, 4, 5, 8, 20, 21, 23}) {
                    String tag = io[0] + "-" + hidden + "-" + io[1] + " rows " + rows;
                    double[] u = new double[rows * io[0]];
                    for (int i = 0; i < u.length; i++) {
                        u[i] = Math.pow(rng.nextGaussian(), 3) * (i % 7 == 0 ? 30 : 1);
                    }
                    double[] a = new double[rows * io[1]];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rng.nextGaussian();
                    }
                    double[] y = new double[rows * io[1]];
                    double[] h = new double[rows * hp];
                    java.util.Arrays.fill(h, Double.NaN);
                    NarrowMlp.forward(w, rows, u, 0, y, 0, h);
                    double[] yNoSave = new double[y.length];
                    NarrowMlp.forward(w, rows, u, 0, yNoSave, 0, null);
                    assertSameBits(tag + " y without saving", yNoSave, y);
                    double[] yRow = new double[y.length];
                    double[] hRow = new double[h.length];
                    for (int r = 0; r < rows; r++) {
                        NarrowMlp.forward(w, 1, u, r * io[0], yRow, r * io[1], hRow, r * hp);
                    }
                    assertSameBits(tag + " y row by row", yRow, y);
                    assertSameBits(tag + " h row by row", hRow, h);
                    for (int r = 0; r < rows; r++) {
                        for (int j = hidden; j < hp; j++) {
                            assertThat(Double.doubleToRawLongBits(h[r * hp + j])).as("%s padding", tag).isZero();
                        }
                    }
                    double[] gu = new double[u.length];
                    double[] gw1 = new double[hidden * io[0]];
                    double[] gb1 = new double[hidden];
                    double[] gw2 = new double[io[1] * hidden];
                    double[] gb2 = new double[io[1]];
                    NarrowMlp.backward(w, rows, u, 0, h, a, 0, 1.0, gu, 0, gw1, 0, gb1, 0, gw2, 0, gb2, 0);
                    double[] gu1 = new double[u.length];
                    double[] gw11 = new double[gw1.length];
                    double[] gb11 = new double[gb1.length];
                    double[] gw21 = new double[gw2.length];
                    double[] gb21 = new double[gb2.length];
                    double[] y1 = new double[y.length];
                    NarrowMlp.forwardVjp(w, rows, u, 0, a, 0, y1, 0, 1.0, gu1, 0, gw11, 0, gb11, 0, gw21, 0, gb21, 0);
                    assertSameBits(tag + " y of forwardVjp", y1, y);
                    assertSameBits(tag + " gu", gu, gu1);
                    assertSameBits(tag + " gw1", gw1, gw11);
                    assertSameBits(tag + " gb1", gb1, gb11);
                    assertSameBits(tag + " gw2", gw2, gw21);
                    assertSameBits(tag + " gb2", gb2, gb21);
                }
            }
        }
    }

    /**
     * tanh through a 1 → 2 → 1 network with W1 = (1, 0) and no bias, W2 = (1, 0): y = tanh(x) + 0·tanh(0), and the
     * hidden width 2 takes the packed last chunk. Within 3 ulps of Math.tanh (its own error is up to 2.5);
     * NaN, ±∞, tiny and saturated arguments within 1 ulp, signs kept.
     */
    @Test
    void theKernelsTanhIsCloseToMathTanh() {
        NarrowMlp.Weights w = new NarrowMlp.Weights(1, 2, 1, new double[] {1.0, 0.0}, null, new double[] {1.0, 0.0},
                null);
        int rows = 4000;
        int hp = NarrowMlp.paddedHidden(2);
        double[] x = new double[rows];
        double[] y = new double[rows];
        double[] h = new double[rows * hp];
        SplittableRandom rng = new SplittableRandom(17);
        double worst = 0;
        long above1 = 0;
        long n = 0;
        for (int it = 0; it < 200; it++) {
            for (int r = 0; r < rows; r++) {
                int m = (it + r) % 4;
                x[r] = m == 0 ? rng.nextDouble(-1, 1) : m == 1 ? rng.nextDouble(-6, 6) : m == 2 ? rng.nextDouble(-23, 23)
                        : Math.copySign(Math.pow(2, rng.nextDouble(-60, 6)), rng.nextDouble() - 0.5);
            }
            NarrowMlp.forward(w, rows, x, 0, y, 0, h);
            for (int r = 0; r < rows; r++) {
                double want = Math.tanh(x[r]);
                double ulps = Math.abs(h[r * hp] - want) / Math.ulp(want);
                worst = Math.max(worst, ulps);
                above1 += ulps > 1 ? 1 : 0;
                n++;
                assertThat(Double.doubleToRawLongBits(y[r])).isEqualTo(Double.doubleToRawLongBits(h[r * hp]));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(3.0);
        assertThat((double) above1 / n).isLessThan(0.02);
        double[] special = {0.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-9, 21.5, -21.99, 22.0,
            -22.0, 30, -700, 1e300, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] xs = java.util.Arrays.copyOf(special, 16);
        double[] hs = new double[16 * hp];
        NarrowMlp.forward(w, 16, xs, 0, new double[16], 0, hs);
        for (int i = 0; i < special.length; i++) {
            double want = Math.tanh(special[i]);
            if (Double.isNaN(want)) {
                assertThat(hs[i * hp]).as("tanh(%s)", special[i]).isNaN();
            } else {
                assertThat(hs[i * hp]).as("tanh(%s)", special[i])
                        .isCloseTo(want, org.assertj.core.api.Assertions.within(Math.ulp(want)));
                assertThat(Math.copySign(1.0, hs[i * hp])).isEqualTo(Math.copySign(1.0, want));
            }
        }
    }

    /** One forward pass of two rows through {@code w}: the outputs. */
    private static double[] outputs(NarrowMlp.Weights w) {
        double[] u = {0.3, -0.7, 1.1, 0.2};
        double[] y = new double[4];
        NarrowMlp.forward(w, 2, u, 0, y, 0, null);
        return y;
    }

    @Test
    void weightsWrittenInPlaceAreSeenOutsideAFixedScopeAndAtAScopesFirstCall() {
        NarrowMlp.Weights w = weights(new SplittableRandom(11), 2, 50, 2);
        double[] before = outputs(w);
        w.w1()[3] += 0.25;
        double[] changed = outputs(w);
        assertThat(changed).isNotEqualTo(before);
        try (NarrowMlp.FixedWeights fixed = NarrowMlp.fixWeights()) {
            w.w2()[7] -= 0.5;
            double[] first = outputs(w);
            assertThat(first).isNotEqualTo(changed);
            // inside the scope the promise is taken at its word: an in-place write goes unseen ...
            w.b1()[0] += 1.0;
            assertThat(outputs(w)).isEqualTo(first);
            // ... but other arrays are seen
            NarrowMlp.Weights copy = new NarrowMlp.Weights(2, 50, 2, w.w1().clone(), w.b1().clone(), w.w2(), w.b2());
            double[] replaced = outputs(copy);
            assertThat(replaced).isNotEqualTo(first);
            // a nested scope (a solve inside a solve) checks the values again when it opens and closes
            copy.b1()[1] -= 1.0;
            double[] nestedFirst;
            try (NarrowMlp.FixedWeights nested = NarrowMlp.fixWeights()) {
                nestedFirst = outputs(copy);
                assertThat(nestedFirst).isNotEqualTo(replaced);
                copy.b1()[2] -= 1.0;
                assertThat(outputs(copy)).isEqualTo(nestedFirst);
            }
            assertThat(outputs(copy)).isNotEqualTo(nestedFirst);
        }
        // after the scope the write made inside it counts, bit for bit as a fresh pack
        double[] after = outputs(w);
        NarrowMlp.Weights fresh = new NarrowMlp.Weights(2, 50, 2, w.w1().clone(), w.b1().clone(), w.w2().clone(),
                w.b2().clone());
        assertSameBits("after the scope", after, outputs(fresh));
    }

    @Test
    void aFixedScopeClosesOnlyOnItsThread() throws Exception {
        NarrowMlp.FixedWeights fixed = NarrowMlp.fixWeights();
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                fixed.close();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "other");
        other.start();
        other.join();
        fixed.close();
        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed on thread 'other'")
                .hasMessageContaining("close a scope on the thread that opened it");
    }

    @Test
    void closingAFixedScopeTwiceIsAnError() {
        NarrowMlp.FixedWeights fixed = NarrowMlp.fixWeights();
        fixed.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(fixed::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed more often than opened");
    }
}
