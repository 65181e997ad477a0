package org.neuralode4j.tensor;

/**
 * {@link NarrowMlp}'s kernels in plain Java, giving the bits of {@link PanamaNarrowMlp} with the same
 * lane count: every sum the vector kernels keep per lane (the outputs and the input's gradient over
 * the hidden chunks, the weight gradients over the rows) is kept per lane here and added in the same
 * order, the per-lane sums then reduced from 0.0 lane by lane as {@code reduceLanes(ADD)} does, and
 * the tanh is {@link NarrowTanh#tanh}. The same bits except for a NaN's sign and payload (where
 * an input is NaN or infinite; the processors make their own NaNs). {@link NarrowMlp} runs it with
 * one lane where the Vector API module is absent; at the vector kernel's lane count it is the
 * reference {@code ScalarNarrowMlpTest} holds the vector kernel to, and the two could replace each
 * other at any call (README, "Benchmarks", has why switching mid-run did not pay).
 *
 * <p>One detail of the vector kernels is reproduced rather than derived: the saved hidden row's
 * padding units are +0.0 in the packed last chunk of {@code forwardSave2} (hidden ≡ 2 mod lanes,
 * rows in groups of lanes/2), and tanh of the padding's z elsewhere (NaN when an input is NaN or
 * infinite: ∞·0).
 */
final class ScalarNarrowMlp implements NarrowMlp.Kernel {
    private final int lanes;

    /** @param lanes the vector kernel's lane count, whose bits this kernel reproduces */
    ScalarNarrowMlp(int lanes) {
        this.lanes = lanes;
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public void forward(int width, int rows, int hp, int hidden, double[] u, double[] w1t, double[] b1, double[] w2,
                        double[] y, double[] hSave, int hOff, double[] yacc) {
        if (width == 2) {
            forward2(rows, hp, hidden, u, w1t, b1, w2, y, hSave, hOff, yacc);
            return;
        }
        for (int r = 0; r < rows; r++) {
            forwardRow(width, r, hp, u, w1t, b1, w2, y, hSave, hOff + r * hp, yacc);
        }
    }

    @Override
    public void backward(int width, int rows, int hp, double[] u, double[] hSaved, int hOff, double[] a, double[] w1t,
                         double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] gacc) {
        java.util.Arrays.fill(gw1t, 0, width * hp, 0.0);
        java.util.Arrays.fill(gb1, 0, hp, 0.0);
        java.util.Arrays.fill(gw2, 0, width * hp, 0.0);
        for (int r = 0; r < rows; r++) {
            if (width == 2) {
                vjpRow2(r, hp, u, hSaved, hOff + r * hp, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
            } else {
                vjpRow(width, r, hp, u, hSaved, hOff + r * hp, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
            }
        }
    }

    @Override
    public void forwardVjp(int width, int rows, int hp, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                           double[] y, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] yacc,
                           double[] gacc) {
        // row by row: the forward pass (its sums in yacc, the hidden outputs in gacc after the VJP's sums), then the VJP
        int hOff = width * lanes;
        java.util.Arrays.fill(gw1t, 0, width * hp, 0.0);
        java.util.Arrays.fill(gb1, 0, hp, 0.0);
        java.util.Arrays.fill(gw2, 0, width * hp, 0.0);
        for (int r = 0; r < rows; r++) {
            if (width == 2) {
                forwardRows2(r, r + 1, 0, hp, u, w1t, b1, w2, y, gacc, hOff - r * hp, yacc);
                vjpRow2(r, hp, u, gacc, hOff, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
            } else {
                forwardRow(width, r, hp, u, w1t, b1, w2, y, gacc, hOff, yacc);
                vjpRow(width, r, hp, u, gacc, hOff, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
            }
        }
    }

    /**
     * Row r of the forward pass at any width, without the packed tail (width 2 only): y's row, the hidden
     * outputs into h at hOff when h is not null.
     */
    private void forwardRow(int width, int r, int hp, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                            double[] h, int hOff, double[] yacc) {
        int lanesL = lanes;
        java.util.Arrays.fill(yacc, 0, width * lanesL, 0.0);
        int ur = width * r;
        for (int j = 0; j < hp; j += lanesL) {
            for (int l = 0; l < lanesL; l++) {
                int jl = j + l;
                double z = b1[jl];
                for (int k = 0; k < width; k++) {
                    z = Math.fma(u[ur + k], w1t[k * hp + jl], z);
                }
                double hj = NarrowTanh.tanh(z);
                if (h != null) {
                    h[hOff + jl] = hj;
                }
                for (int o = 0; o < width; o++) {
                    yacc[o * lanesL + l] = Math.fma(w2[o * hp + jl], hj, yacc[o * lanesL + l]);
                }
            }
        }
        for (int o = 0; o < width; o++) {
            y[ur + o] = reduce(yacc, o * lanesL);
        }
    }

    /**
     * Row r's VJP from its hidden outputs h at hOff: ū's row, and the row's terms added to the weight
     * and bias gradients (the vector kernels' per-lane sums over the rows, in row order).
     */
    private void vjpRow(int width, int r, int hp, double[] u, double[] h, int hOff, double[] a, double[] w1t,
                        double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] gacc) {
        int lanesL = lanes;
        int ur = width * r;
        java.util.Arrays.fill(gacc, 0, width * lanesL, 0.0);
        for (int j = 0; j < hp; j += lanesL) {
            for (int l = 0; l < lanesL; l++) {
                int jl = j + l;
                double hj = h[hOff + jl];
                // the hidden gradient (Σ_o a_o W2[o, ·])(1 − h²)
                double gh = a[ur] * w2[jl];
                for (int o = 1; o < width; o++) {
                    gh = Math.fma(a[ur + o], w2[o * hp + jl], gh);
                }
                double d = gh * (1.0 - hj * hj);
                for (int o = 0; o < width; o++) {
                    gw2[o * hp + jl] = Math.fma(a[ur + o], hj, gw2[o * hp + jl]);
                }
                gb1[jl] += d;
                for (int k = 0; k < width; k++) {
                    gw1t[k * hp + jl] = Math.fma(u[ur + k], d, gw1t[k * hp + jl]);
                    gacc[k * lanesL + l] = Math.fma(w1t[k * hp + jl], d, gacc[k * lanesL + l]);
                }
            }
        }
        for (int k = 0; k < width; k++) {
            gu[ur + k] = reduce(gacc, k * lanesL);
        }
    }

    /** {@link #forward} at width 2: the packed rows' padding, then every row by {@link #forwardRows2}. */
    private void forward2(int rows, int hp, int hidden, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                          double[] hSave, int hOff, double[] yacc) {
        int lanesL = lanes;
        int packedRows = hSave != null && lanesL >= 4 && hidden == hp - lanesL + 2 ? rows - rows % (lanesL / 2) : 0;
        // rows in the packed groups: the last chunk's padding lanes are +0.0, not tanh of the padding's z
        forwardRows2(0, packedRows, packedRows > 0 ? hp - lanesL + 2 : 0, hp, u, w1t, b1, w2, y, hSave, hOff, yacc);
        forwardRows2(packedRows, rows, 0, hp, u, w1t, b1, w2, y, hSave, hOff, yacc);
    }

    /**
     * Rows [from, to) of the width-2 forward pass, lane by lane: each lane's two output sums over the
     * chunks in registers. Hidden units from {@code zeroFrom} on that are not a chunk's first two lanes
     * are +0.0 (the packed tail's padding; 0 for none); h saved at hOff + r·hp when hSave is not null.
     */
    private void forwardRows2(int from, int to, int zeroFrom, int hp, double[] u, double[] w1t, double[] b1,
                              double[] w2, double[] y, double[] hSave, int hOff, double[] yacc) {
        int lanesL = lanes;
        for (int r = from; r < to; r++) {
            double u0 = u[2 * r];
            double u1 = u[2 * r + 1];
            int hr = hOff + r * hp;
            for (int l = 0; l < lanesL; l++) {
                double y0 = 0.0;
                double y1 = 0.0;
                for (int j = l; j < hp; j += lanesL) {
                    double z = Math.fma(u1, w1t[hp + j], Math.fma(u0, w1t[j], b1[j]));
                    double h = zeroFrom > 0 && j >= zeroFrom && l >= 2 ? 0.0 : NarrowTanh.tanh(z);
                    if (hSave != null) {
                        hSave[hr + j] = h;
                    }
                    y0 = Math.fma(w2[j], h, y0);
                    y1 = Math.fma(w2[hp + j], h, y1);
                }
                yacc[l] = y0;
                yacc[lanesL + l] = y1;
            }
            y[2 * r] = reduce(yacc, 0);
            y[2 * r + 1] = reduce(yacc, lanesL);
        }
    }

    /** {@link #vjpRow} at width 2, lane by lane: each lane's two input-gradient sums in registers. */
    private void vjpRow2(int r, int hp, double[] u, double[] h, int hOff, double[] a, double[] w1t, double[] w2,
                         double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] gacc) {
        int lanesL = lanes;
        double u0 = u[2 * r];
        double u1 = u[2 * r + 1];
        double a0 = a[2 * r];
        double a1 = a[2 * r + 1];
        for (int l = 0; l < lanesL; l++) {
            double s0 = 0.0;
            double s1 = 0.0;
            for (int j = l; j < hp; j += lanesL) {
                double hj = h[hOff + j];
                double d = Math.fma(a1, w2[hp + j], a0 * w2[j]) * (1.0 - hj * hj);
                gw2[j] = Math.fma(a0, hj, gw2[j]);
                gw2[hp + j] = Math.fma(a1, hj, gw2[hp + j]);
                gb1[j] += d;
                gw1t[j] = Math.fma(u0, d, gw1t[j]);
                gw1t[hp + j] = Math.fma(u1, d, gw1t[hp + j]);
                s0 = Math.fma(w1t[j], d, s0);
                s1 = Math.fma(w1t[hp + j], d, s1);
            }
            gacc[l] = s0;
            gacc[lanesL + l] = s1;
        }
        gu[2 * r] = reduce(gacc, 0);
        gu[2 * r + 1] = reduce(gacc, lanesL);
    }

    /** The lanes at off summed from 0.0 in lane order: {@code reduceLanes(ADD)}'s order. */
    private double reduce(double[] acc, int off) {
        double s = 0.0;
        for (int l = 0; l < lanes; l++) {
            s += acc[off + l];
        }
        return s;
    }
}
