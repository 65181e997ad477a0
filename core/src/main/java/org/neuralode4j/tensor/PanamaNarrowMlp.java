package org.neuralode4j.tensor;

import static org.neuralode4j.tensor.NarrowTanh.LN2_HI;
import static org.neuralode4j.tensor.NarrowTanh.LN2_LO;
import static org.neuralode4j.tensor.NarrowTanh.M2LOG2E;
import static org.neuralode4j.tensor.NarrowTanh.MAGIC_BIASED;
import static org.neuralode4j.tensor.NarrowTanh.Q0;
import static org.neuralode4j.tensor.NarrowTanh.Q1;
import static org.neuralode4j.tensor.NarrowTanh.Q2;
import static org.neuralode4j.tensor.NarrowTanh.Q3;
import static org.neuralode4j.tensor.NarrowTanh.Q4;
import static org.neuralode4j.tensor.NarrowTanh.Q5;
import static org.neuralode4j.tensor.NarrowTanh.Q6;
import static org.neuralode4j.tensor.NarrowTanh.Q7;
import static org.neuralode4j.tensor.NarrowTanh.Q8;
import static org.neuralode4j.tensor.NarrowTanh.Q9;
import static org.neuralode4j.tensor.NarrowTanh.TANH_SATURATION_BITS;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NarrowMlp} on the Vector API. Most kernels run over chunks of L hidden units outermost and
 * rows inside: a chunk's weights, and in the VJP its weight- and bias-gradient sums, stay in
 * registers while the rows stream past (each chunk's gradient is stored once, no accumulation
 * in memory); the per-row sums (the output, the input's gradient) are vectors in a small scratch
 * array reduced once at the end. Rows are independent, so the long inner loop keeps the tanh
 * arithmetic's latency hidden. Two widths of the narrow sides, 2 and 4 (unused features are zero
 * rows of the padded weights). (Generated code: each method is the same template at its width.)
 *
 * <p>Three variants of the hottest kernels (the training forward pass with saved hidden outputs and
 * the VJP from them), all giving the bits of the template above:
 * <ul>
 * <li>{@code forwardSave2} runs rows outermost with the row's two output sums in registers over the
 * chunks (no scratch sums loaded and stored per chunk); the lane-wise sums see the chunks in the same
 * order, so the same bits.
 * <li>When the last chunk holds only two real units (hidden ≡ 2 mod L, the spiral's 50 = 6·8 + 2
 * with 8 lanes), {@code packedTail2} computes that chunk for L/2 rows in one vector instead of one
 * mostly-padding vector per row. A narrower species for the tail is not an option on JDK 17: mixing
 * vector sizes in the program made C2 fail the Vector API intrinsics (boxed vectors), ten times
 * slower, in every kernel.
 * <li>The VJPs ({@code backward2/4}) run in two passes: chunks outermost storing the hidden
 * gradient d once per row and chunk, then rows outermost summing ū = W1ᵀ·d in registers over the
 * chunks in order (the bits of the one-pass forwardVjp's scratch sums).
 * </ul>
 *
 * <p>The tanh is {@link NarrowTanh}'s arithmetic lane by lane (its class comment has the method),
 * written out in each method because a vector passed to a helper that C2 does not inline is boxed.
 */
final class PanamaNarrowMlp implements NarrowMlp.Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane permutations of {@link #packedTail2}: lane i from lane i mod 2, 2⌊i/2⌋, 2⌊i/2⌋ + 1, i + 2 (mod L). */
    private static final VectorShuffle<Double> PAIR_REPEAT = VectorShuffle.fromOp(S, i -> i % 2);
    private static final VectorShuffle<Double> EVEN_REPEAT = VectorShuffle.fromOp(S, i -> i / 2 * 2);
    private static final VectorShuffle<Double> ODD_REPEAT = VectorShuffle.fromOp(S, i -> i / 2 * 2 + 1);
    private static final VectorShuffle<Double> NEXT_PAIR = VectorShuffle.fromOp(S, i -> (i + 2) % L);
    private static final VectorMask<Double> FIRST_PAIR = VectorMask.fromLong(S, 3L);

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void forward(int width, int rows, int hp, int hidden, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                        double[] hSave, int hOff, double[] yacc) {
        // two kernels rather than a test per chunk: with the store's branch inside, C2's code for
        // the no-save case, once the save case had run, measured twice as slow
        if (hSave == null) {
            if (width == 2) {
                forward2(rows, hp, u, w1t, b1, w2, y, yacc);
            } else {
                forward4(rows, hp, u, w1t, b1, w2, y, yacc);
            }
        } else if (width == 2) {
            forwardSave2(rows, hp, hidden, u, w1t, b1, w2, y, hSave, hOff, yacc);
        } else {
            forwardSave4(rows, hp, u, w1t, b1, w2, y, hSave, hOff, yacc);
        }
    }

    @Override
    public void backward(int width, int rows, int hp, double[] u, double[] hSaved, int hOff, double[] a, double[] w1t,
                         double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] gacc) {
        if (width == 2) {
            backward2(rows, hp, u, hSaved, hOff, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
        } else {
            backward4(rows, hp, u, hSaved, hOff, a, w1t, w2, gu, gw1t, gb1, gw2, gacc);
        }
    }

    @Override
    public void forwardVjp(int width, int rows, int hp, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                           double[] y, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] yacc,
                           double[] gacc) {
        if (width == 2) {
            forwardVjp2(rows, hp, u, a, w1t, b1, w2, y, gu, gw1t, gb1, gw2, yacc, gacc);
        } else {
            forwardVjp4(rows, hp, u, a, w1t, b1, w2, y, gu, gw1t, gb1, gw2, yacc, gacc);
        }
    }

    private static void forward2(int rows, int hp, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                                 double[] yacc) {
        java.util.Arrays.fill(yacc, 0, rows * 2 * L, 0.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector bj = DoubleVector.fromArray(S, b1, j);
            DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j);
            DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j);
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            for (int r = 0; r < rows; r++) {
                int ur = 2 * r;
                int ya = r * 2 * L;
                DoubleVector z = bj;
                z = DoubleVector.broadcast(S, u[ur + 0]).fma(w10, z);
                z = DoubleVector.broadcast(S, u[ur + 1]).fma(w11, z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                w20.fma(h, DoubleVector.fromArray(S, yacc, ya + 0 * L)).intoArray(yacc, ya + 0 * L);
                w21.fma(h, DoubleVector.fromArray(S, yacc, ya + 1 * L)).intoArray(yacc, ya + 1 * L);
            }
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 2 * L;
            y[2 * r + 0] = DoubleVector.fromArray(S, yacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            y[2 * r + 1] = DoubleVector.fromArray(S, yacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
        }
    }

    private static void forwardSave2(int rows, int hp, int hidden, double[] u, double[] w1t, double[] b1, double[] w2,
                                     double[] y, double[] hSave, int hOff, double[] yacc) {
        // two real units in the last chunk (the spiral's 50 = 6·8 + 2): that chunk of L/2 rows at a time
        // in one vector (packedTail), the other rows' as a whole chunk
        int m = L / 2;
        int packedRows = L >= 4 && hidden == hp - L + 2 ? rows - rows % m : 0;
        int full = hp - L;
        for (int r = 0; r < rows; r++) {
            DoubleVector u0 = DoubleVector.broadcast(S, u[2 * r + 0]);
            DoubleVector u1 = DoubleVector.broadcast(S, u[2 * r + 1]);
            DoubleVector y0 = DoubleVector.zero(S);
            DoubleVector y1 = y0;
            int hr = hOff + r * hp;
            int end = r < packedRows ? full : hp;
            for (int j = 0; j < end; j += L) {
                DoubleVector z = DoubleVector.fromArray(S, b1, j);
                z = u0.fma(DoubleVector.fromArray(S, w1t, 0 * hp + j), z);
                z = u1.fma(DoubleVector.fromArray(S, w1t, 1 * hp + j), z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                h.intoArray(hSave, hr + j);
                y0 = DoubleVector.fromArray(S, w2, 0 * hp + j).fma(h, y0);
                y1 = DoubleVector.fromArray(S, w2, 1 * hp + j).fma(h, y1);
            }
            if (r < packedRows) {
                y0.intoArray(yacc, 2 * L * r);
                y1.intoArray(yacc, 2 * L * r + L);
            } else {
                y[2 * r + 0] = y0.reduceLanes(VectorOperators.ADD);
                y[2 * r + 1] = y1.reduceLanes(VectorOperators.ADD);
            }
        }
        if (packedRows > 0) {
            packedTail2(packedRows, hp, u, w1t, b1, w2, y, hSave, hOff, yacc);
        }
    }

    /**
     * The last chunk of {@link #forwardSave2} when only its first two units are real: the two units of
     * L/2 rows packed in one vector (lanes 2i, 2i + 1 for row i), their inputs and weights moved into
     * place by lane permutations. Each lane sees the operations the whole chunk would have given it, so
     * the saved row (the real units, then zeros: tanh of the padding's z = 0) and the output sums
     * (lanes of that row's partial sums in yacc, then the same reduction) have the whole chunk's bits.
     */
    private static void packedTail2(int packedRows, int hp, double[] u, double[] w1t, double[] b1, double[] w2,
                                    double[] y, double[] hSave, int hOff, double[] yacc) {
        int j = hp - L;
        DoubleVector bj = DoubleVector.fromArray(S, b1, j).rearrange(PAIR_REPEAT);
        DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j).rearrange(PAIR_REPEAT);
        DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j).rearrange(PAIR_REPEAT);
        DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
        DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
        DoubleVector zero = DoubleVector.zero(S);
        for (int r0 = 0; r0 < packedRows; r0 += L / 2) {
            // u of these L/2 rows is one vector: lane 2i holds row i's u0, lane 2i + 1 its u1
            DoubleVector ur = DoubleVector.fromArray(S, u, 2 * r0);
            DoubleVector z = bj;
            z = ur.rearrange(EVEN_REPEAT).fma(w10, z);
            z = ur.rearrange(ODD_REPEAT).fma(w11, z);
            // h = tanh(z), the arithmetic of the class comment
            LongVector zb = z.reinterpretAsLongs();
            DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
            DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
            DoubleVector kk = kdm.sub(MAGIC_BIASED);
            DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
            nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
            DoubleVector n2 = nr.mul(nr);
            DoubleVector qe = DoubleVector.broadcast(S, -Q8);
            DoubleVector qo = DoubleVector.broadcast(S, Q9);
            qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
            qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
            qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
            qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
            qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
            qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
            qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
            qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
            DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
            DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
            DoubleVector tns = ts.neg();
            DoubleVector num = ts.fma(ntp, tns.add(1.0));
            DoubleVector den = tns.fma(ntp, ts.add(1.0));
            DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
            h = h.blend(z, z.test(VectorOperators.IS_NAN));
            for (int i = 0; i < L / 2; i++) {
                int r = r0 + i;
                // row r's two units into lanes 0 and 1, zeros elsewhere
                DoubleVector hr = zero.blend(h, FIRST_PAIR);
                h = h.rearrange(NEXT_PAIR);
                hr.intoArray(hSave, hOff + r * hp + j);
                y[2 * r + 0] = w20.fma(hr, DoubleVector.fromArray(S, yacc, 2 * L * r)).reduceLanes(VectorOperators.ADD);
                y[2 * r + 1] = w21.fma(hr, DoubleVector.fromArray(S, yacc, 2 * L * r + L)).reduceLanes(VectorOperators.ADD);
            }
        }
    }

    private static void backward2(int rows, int hp, double[] u, double[] hSaved, int hOff, double[] a, double[] w1t,
                                  double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] dh) {
        // pass 1, hidden chunks outermost: the hidden gradient d into dh [rows × hp], the weight and bias
        // gradients of the chunk summed in registers over the rows
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector gw20 = zero;
            DoubleVector gw21 = zero;
            DoubleVector gb = zero;
            DoubleVector gw10 = zero;
            DoubleVector gw11 = zero;
            for (int r = 0; r < rows; r++) {
                int ur = 2 * r;
                DoubleVector h = DoubleVector.fromArray(S, hSaved, hOff + r * hp + j);
                DoubleVector a0 = DoubleVector.broadcast(S, a[ur + 0]);
                DoubleVector a1 = DoubleVector.broadcast(S, a[ur + 1]);
                // the hidden gradient (Σ_o a_o W2[o, ·])(1 − h²), rounded as VectorMath.tanhBackward
                DoubleVector gh = a0.mul(w20);
                gh = a1.fma(w21, gh);
                DoubleVector d = gh.mul(one.sub(h.mul(h)));
                d.intoArray(dh, r * hp + j);
                // W̄2[o, ·] += a_o h;  b̄1 += d;  W̄1ᵀ[k, ·] += u_k d (this chunk's, in registers)
                gw20 = a0.fma(h, gw20);
                gw21 = a1.fma(h, gw21);
                gb = gb.add(d);
                gw10 = DoubleVector.broadcast(S, u[ur + 0]).fma(d, gw10);
                gw11 = DoubleVector.broadcast(S, u[ur + 1]).fma(d, gw11);
            }
            gw20.intoArray(gw2, 0 * hp + j);
            gw21.intoArray(gw2, 1 * hp + j);
            gb.intoArray(gb1, j);
            gw10.intoArray(gw1t, 0 * hp + j);
            gw11.intoArray(gw1t, 1 * hp + j);
        }
        // pass 2, rows outermost: ū_k = Σ_j W1ᵀ[k, j] d_j, lane-wise sums in registers over the chunks in
        // order (the order, hence the bits, of the one-pass forwardVjp's sums)
        for (int r = 0; r < rows; r++) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            for (int j = 0; j < hp; j += L) {
                DoubleVector d = DoubleVector.fromArray(S, dh, r * hp + j);
                s0 = DoubleVector.fromArray(S, w1t, 0 * hp + j).fma(d, s0);
                s1 = DoubleVector.fromArray(S, w1t, 1 * hp + j).fma(d, s1);
            }
            gu[2 * r + 0] = s0.reduceLanes(VectorOperators.ADD);
            gu[2 * r + 1] = s1.reduceLanes(VectorOperators.ADD);
        }
    }

    private static void forwardVjp2(int rows, int hp, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                                    double[] y, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] yacc,
                                    double[] gacc) {
        java.util.Arrays.fill(yacc, 0, rows * 2 * L, 0.0);
        java.util.Arrays.fill(gacc, 0, rows * 2 * L, 0.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector bj = DoubleVector.fromArray(S, b1, j);
            DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j);
            DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j);
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector gw20 = zero;
            DoubleVector gw21 = zero;
            DoubleVector gb = zero;
            DoubleVector gw10 = zero;
            DoubleVector gw11 = zero;
            for (int r = 0; r < rows; r++) {
                int ur = 2 * r;
                int ya = r * 2 * L;
                int ga = ya;
                DoubleVector z = bj;
                z = DoubleVector.broadcast(S, u[ur + 0]).fma(w10, z);
                z = DoubleVector.broadcast(S, u[ur + 1]).fma(w11, z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                w20.fma(h, DoubleVector.fromArray(S, yacc, ya + 0 * L)).intoArray(yacc, ya + 0 * L);
                w21.fma(h, DoubleVector.fromArray(S, yacc, ya + 1 * L)).intoArray(yacc, ya + 1 * L);
                DoubleVector a0 = DoubleVector.broadcast(S, a[ur + 0]);
                DoubleVector a1 = DoubleVector.broadcast(S, a[ur + 1]);
                // the hidden gradient (Σ_o a_o W2[o, ·])(1 − h²), rounded as VectorMath.tanhBackward
                DoubleVector gh = a0.mul(w20);
                gh = a1.fma(w21, gh);
                DoubleVector d = gh.mul(h.mul(h).neg().add(1.0));
                // W̄2[o, ·] += a_o h;  b̄1 += d;  W̄1ᵀ[k, ·] += u_k d (this chunk's, in registers);  ū_k += W1ᵀ[k, ·]·d
                gw20 = a0.fma(h, gw20);
                gw21 = a1.fma(h, gw21);
                gb = gb.add(d);
                gw10 = DoubleVector.broadcast(S, u[ur + 0]).fma(d, gw10);
                gw11 = DoubleVector.broadcast(S, u[ur + 1]).fma(d, gw11);
                w10.fma(d, DoubleVector.fromArray(S, gacc, ga + 0 * L)).intoArray(gacc, ga + 0 * L);
                w11.fma(d, DoubleVector.fromArray(S, gacc, ga + 1 * L)).intoArray(gacc, ga + 1 * L);
            }
            gw20.intoArray(gw2, 0 * hp + j);
            gw21.intoArray(gw2, 1 * hp + j);
            gb.intoArray(gb1, j);
            gw10.intoArray(gw1t, 0 * hp + j);
            gw11.intoArray(gw1t, 1 * hp + j);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 2 * L;
            y[2 * r + 0] = DoubleVector.fromArray(S, yacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            y[2 * r + 1] = DoubleVector.fromArray(S, yacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 2 * L;
            gu[2 * r + 0] = DoubleVector.fromArray(S, gacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            gu[2 * r + 1] = DoubleVector.fromArray(S, gacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
        }
    }

    private static void forward4(int rows, int hp, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                                 double[] yacc) {
        java.util.Arrays.fill(yacc, 0, rows * 4 * L, 0.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector bj = DoubleVector.fromArray(S, b1, j);
            DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j);
            DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j);
            DoubleVector w12 = DoubleVector.fromArray(S, w1t, 2 * hp + j);
            DoubleVector w13 = DoubleVector.fromArray(S, w1t, 3 * hp + j);
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector w22 = DoubleVector.fromArray(S, w2, 2 * hp + j);
            DoubleVector w23 = DoubleVector.fromArray(S, w2, 3 * hp + j);
            for (int r = 0; r < rows; r++) {
                int ur = 4 * r;
                int ya = r * 4 * L;
                DoubleVector z = bj;
                z = DoubleVector.broadcast(S, u[ur + 0]).fma(w10, z);
                z = DoubleVector.broadcast(S, u[ur + 1]).fma(w11, z);
                z = DoubleVector.broadcast(S, u[ur + 2]).fma(w12, z);
                z = DoubleVector.broadcast(S, u[ur + 3]).fma(w13, z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                w20.fma(h, DoubleVector.fromArray(S, yacc, ya + 0 * L)).intoArray(yacc, ya + 0 * L);
                w21.fma(h, DoubleVector.fromArray(S, yacc, ya + 1 * L)).intoArray(yacc, ya + 1 * L);
                w22.fma(h, DoubleVector.fromArray(S, yacc, ya + 2 * L)).intoArray(yacc, ya + 2 * L);
                w23.fma(h, DoubleVector.fromArray(S, yacc, ya + 3 * L)).intoArray(yacc, ya + 3 * L);
            }
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 4 * L;
            y[4 * r + 0] = DoubleVector.fromArray(S, yacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 1] = DoubleVector.fromArray(S, yacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 2] = DoubleVector.fromArray(S, yacc, base + 2 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 3] = DoubleVector.fromArray(S, yacc, base + 3 * L).reduceLanes(VectorOperators.ADD);
        }
    }

    private static void forwardSave4(int rows, int hp, double[] u, double[] w1t, double[] b1, double[] w2, double[] y,
                                     double[] hSave, int hOff, double[] yacc) {
        java.util.Arrays.fill(yacc, 0, rows * 4 * L, 0.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector bj = DoubleVector.fromArray(S, b1, j);
            DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j);
            DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j);
            DoubleVector w12 = DoubleVector.fromArray(S, w1t, 2 * hp + j);
            DoubleVector w13 = DoubleVector.fromArray(S, w1t, 3 * hp + j);
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector w22 = DoubleVector.fromArray(S, w2, 2 * hp + j);
            DoubleVector w23 = DoubleVector.fromArray(S, w2, 3 * hp + j);
            for (int r = 0; r < rows; r++) {
                int ur = 4 * r;
                int ya = r * 4 * L;
                DoubleVector z = bj;
                z = DoubleVector.broadcast(S, u[ur + 0]).fma(w10, z);
                z = DoubleVector.broadcast(S, u[ur + 1]).fma(w11, z);
                z = DoubleVector.broadcast(S, u[ur + 2]).fma(w12, z);
                z = DoubleVector.broadcast(S, u[ur + 3]).fma(w13, z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                h.intoArray(hSave, hOff + r * hp + j);
                w20.fma(h, DoubleVector.fromArray(S, yacc, ya + 0 * L)).intoArray(yacc, ya + 0 * L);
                w21.fma(h, DoubleVector.fromArray(S, yacc, ya + 1 * L)).intoArray(yacc, ya + 1 * L);
                w22.fma(h, DoubleVector.fromArray(S, yacc, ya + 2 * L)).intoArray(yacc, ya + 2 * L);
                w23.fma(h, DoubleVector.fromArray(S, yacc, ya + 3 * L)).intoArray(yacc, ya + 3 * L);
            }
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 4 * L;
            y[4 * r + 0] = DoubleVector.fromArray(S, yacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 1] = DoubleVector.fromArray(S, yacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 2] = DoubleVector.fromArray(S, yacc, base + 2 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 3] = DoubleVector.fromArray(S, yacc, base + 3 * L).reduceLanes(VectorOperators.ADD);
        }
    }

    private static void backward4(int rows, int hp, double[] u, double[] hSaved, int hOff, double[] a, double[] w1t,
                                  double[] w2, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] dh) {
        // pass 1, hidden chunks outermost: the hidden gradient d into dh [rows × hp], the weight and bias
        // gradients of the chunk summed in registers over the rows
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector w22 = DoubleVector.fromArray(S, w2, 2 * hp + j);
            DoubleVector w23 = DoubleVector.fromArray(S, w2, 3 * hp + j);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector gw20 = zero;
            DoubleVector gw21 = zero;
            DoubleVector gw22 = zero;
            DoubleVector gw23 = zero;
            DoubleVector gb = zero;
            DoubleVector gw10 = zero;
            DoubleVector gw11 = zero;
            DoubleVector gw12 = zero;
            DoubleVector gw13 = zero;
            for (int r = 0; r < rows; r++) {
                int ur = 4 * r;
                DoubleVector h = DoubleVector.fromArray(S, hSaved, hOff + r * hp + j);
                DoubleVector a0 = DoubleVector.broadcast(S, a[ur + 0]);
                DoubleVector a1 = DoubleVector.broadcast(S, a[ur + 1]);
                DoubleVector a2 = DoubleVector.broadcast(S, a[ur + 2]);
                DoubleVector a3 = DoubleVector.broadcast(S, a[ur + 3]);
                // the hidden gradient (Σ_o a_o W2[o, ·])(1 − h²), rounded as VectorMath.tanhBackward
                DoubleVector gh = a0.mul(w20);
                gh = a1.fma(w21, gh);
                gh = a2.fma(w22, gh);
                gh = a3.fma(w23, gh);
                DoubleVector d = gh.mul(one.sub(h.mul(h)));
                d.intoArray(dh, r * hp + j);
                // W̄2[o, ·] += a_o h;  b̄1 += d;  W̄1ᵀ[k, ·] += u_k d (this chunk's, in registers)
                gw20 = a0.fma(h, gw20);
                gw21 = a1.fma(h, gw21);
                gw22 = a2.fma(h, gw22);
                gw23 = a3.fma(h, gw23);
                gb = gb.add(d);
                gw10 = DoubleVector.broadcast(S, u[ur + 0]).fma(d, gw10);
                gw11 = DoubleVector.broadcast(S, u[ur + 1]).fma(d, gw11);
                gw12 = DoubleVector.broadcast(S, u[ur + 2]).fma(d, gw12);
                gw13 = DoubleVector.broadcast(S, u[ur + 3]).fma(d, gw13);
            }
            gw20.intoArray(gw2, 0 * hp + j);
            gw21.intoArray(gw2, 1 * hp + j);
            gw22.intoArray(gw2, 2 * hp + j);
            gw23.intoArray(gw2, 3 * hp + j);
            gb.intoArray(gb1, j);
            gw10.intoArray(gw1t, 0 * hp + j);
            gw11.intoArray(gw1t, 1 * hp + j);
            gw12.intoArray(gw1t, 2 * hp + j);
            gw13.intoArray(gw1t, 3 * hp + j);
        }
        // pass 2, rows outermost: ū_k = Σ_j W1ᵀ[k, j] d_j, lane-wise sums in registers over the chunks in
        // order (the order, hence the bits, of the one-pass forwardVjp's sums)
        for (int r = 0; r < rows; r++) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int j = 0; j < hp; j += L) {
                DoubleVector d = DoubleVector.fromArray(S, dh, r * hp + j);
                s0 = DoubleVector.fromArray(S, w1t, 0 * hp + j).fma(d, s0);
                s1 = DoubleVector.fromArray(S, w1t, 1 * hp + j).fma(d, s1);
                s2 = DoubleVector.fromArray(S, w1t, 2 * hp + j).fma(d, s2);
                s3 = DoubleVector.fromArray(S, w1t, 3 * hp + j).fma(d, s3);
            }
            gu[4 * r + 0] = s0.reduceLanes(VectorOperators.ADD);
            gu[4 * r + 1] = s1.reduceLanes(VectorOperators.ADD);
            gu[4 * r + 2] = s2.reduceLanes(VectorOperators.ADD);
            gu[4 * r + 3] = s3.reduceLanes(VectorOperators.ADD);
        }
    }

    private static void forwardVjp4(int rows, int hp, double[] u, double[] a, double[] w1t, double[] b1, double[] w2,
                                    double[] y, double[] gu, double[] gw1t, double[] gb1, double[] gw2, double[] yacc,
                                    double[] gacc) {
        java.util.Arrays.fill(yacc, 0, rows * 4 * L, 0.0);
        java.util.Arrays.fill(gacc, 0, rows * 4 * L, 0.0);
        for (int j = 0; j < hp; j += L) {
            DoubleVector bj = DoubleVector.fromArray(S, b1, j);
            DoubleVector w10 = DoubleVector.fromArray(S, w1t, 0 * hp + j);
            DoubleVector w11 = DoubleVector.fromArray(S, w1t, 1 * hp + j);
            DoubleVector w12 = DoubleVector.fromArray(S, w1t, 2 * hp + j);
            DoubleVector w13 = DoubleVector.fromArray(S, w1t, 3 * hp + j);
            DoubleVector w20 = DoubleVector.fromArray(S, w2, 0 * hp + j);
            DoubleVector w21 = DoubleVector.fromArray(S, w2, 1 * hp + j);
            DoubleVector w22 = DoubleVector.fromArray(S, w2, 2 * hp + j);
            DoubleVector w23 = DoubleVector.fromArray(S, w2, 3 * hp + j);
            DoubleVector zero = DoubleVector.zero(S);
            DoubleVector gw20 = zero;
            DoubleVector gw21 = zero;
            DoubleVector gw22 = zero;
            DoubleVector gw23 = zero;
            DoubleVector gb = zero;
            DoubleVector gw10 = zero;
            DoubleVector gw11 = zero;
            DoubleVector gw12 = zero;
            DoubleVector gw13 = zero;
            for (int r = 0; r < rows; r++) {
                int ur = 4 * r;
                int ya = r * 4 * L;
                int ga = ya;
                DoubleVector z = bj;
                z = DoubleVector.broadcast(S, u[ur + 0]).fma(w10, z);
                z = DoubleVector.broadcast(S, u[ur + 1]).fma(w11, z);
                z = DoubleVector.broadcast(S, u[ur + 2]).fma(w12, z);
                z = DoubleVector.broadcast(S, u[ur + 3]).fma(w13, z);
                // h = tanh(z), the arithmetic of the class comment
                LongVector zb = z.reinterpretAsLongs();
                DoubleVector ta = zb.and(Long.MAX_VALUE).min(TANH_SATURATION_BITS).reinterpretAsDoubles();
                DoubleVector kdm = ta.fma(M2LOG2E, MAGIC_BIASED);
                DoubleVector kk = kdm.sub(MAGIC_BIASED);
                DoubleVector nr = kk.fma(DoubleVector.broadcast(S, LN2_HI), ta.add(ta));
                nr = kk.fma(DoubleVector.broadcast(S, LN2_LO), nr);
                DoubleVector n2 = nr.mul(nr);
                DoubleVector qe = DoubleVector.broadcast(S, -Q8);
                DoubleVector qo = DoubleVector.broadcast(S, Q9);
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q6));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q7));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q4));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q5));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q2));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q3));
                qe = qe.fma(n2, DoubleVector.broadcast(S, -Q0));
                qo = qo.fma(n2, DoubleVector.broadcast(S, Q1));
                DoubleVector ntp = qo.fma(nr, qe).fma(n2, nr);
                DoubleVector ts = kdm.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
                DoubleVector tns = ts.neg();
                DoubleVector num = ts.fma(ntp, tns.add(1.0));
                DoubleVector den = tns.fma(ntp, ts.add(1.0));
                DoubleVector h = num.div(den).reinterpretAsLongs().or(zb.and(Long.MIN_VALUE)).reinterpretAsDoubles();
                h = h.blend(z, z.test(VectorOperators.IS_NAN));
                w20.fma(h, DoubleVector.fromArray(S, yacc, ya + 0 * L)).intoArray(yacc, ya + 0 * L);
                w21.fma(h, DoubleVector.fromArray(S, yacc, ya + 1 * L)).intoArray(yacc, ya + 1 * L);
                w22.fma(h, DoubleVector.fromArray(S, yacc, ya + 2 * L)).intoArray(yacc, ya + 2 * L);
                w23.fma(h, DoubleVector.fromArray(S, yacc, ya + 3 * L)).intoArray(yacc, ya + 3 * L);
                DoubleVector a0 = DoubleVector.broadcast(S, a[ur + 0]);
                DoubleVector a1 = DoubleVector.broadcast(S, a[ur + 1]);
                DoubleVector a2 = DoubleVector.broadcast(S, a[ur + 2]);
                DoubleVector a3 = DoubleVector.broadcast(S, a[ur + 3]);
                // the hidden gradient (Σ_o a_o W2[o, ·])(1 − h²), rounded as VectorMath.tanhBackward
                DoubleVector gh = a0.mul(w20);
                gh = a1.fma(w21, gh);
                gh = a2.fma(w22, gh);
                gh = a3.fma(w23, gh);
                DoubleVector d = gh.mul(h.mul(h).neg().add(1.0));
                // W̄2[o, ·] += a_o h;  b̄1 += d;  W̄1ᵀ[k, ·] += u_k d (this chunk's, in registers);  ū_k += W1ᵀ[k, ·]·d
                gw20 = a0.fma(h, gw20);
                gw21 = a1.fma(h, gw21);
                gw22 = a2.fma(h, gw22);
                gw23 = a3.fma(h, gw23);
                gb = gb.add(d);
                gw10 = DoubleVector.broadcast(S, u[ur + 0]).fma(d, gw10);
                gw11 = DoubleVector.broadcast(S, u[ur + 1]).fma(d, gw11);
                gw12 = DoubleVector.broadcast(S, u[ur + 2]).fma(d, gw12);
                gw13 = DoubleVector.broadcast(S, u[ur + 3]).fma(d, gw13);
                w10.fma(d, DoubleVector.fromArray(S, gacc, ga + 0 * L)).intoArray(gacc, ga + 0 * L);
                w11.fma(d, DoubleVector.fromArray(S, gacc, ga + 1 * L)).intoArray(gacc, ga + 1 * L);
                w12.fma(d, DoubleVector.fromArray(S, gacc, ga + 2 * L)).intoArray(gacc, ga + 2 * L);
                w13.fma(d, DoubleVector.fromArray(S, gacc, ga + 3 * L)).intoArray(gacc, ga + 3 * L);
            }
            gw20.intoArray(gw2, 0 * hp + j);
            gw21.intoArray(gw2, 1 * hp + j);
            gw22.intoArray(gw2, 2 * hp + j);
            gw23.intoArray(gw2, 3 * hp + j);
            gb.intoArray(gb1, j);
            gw10.intoArray(gw1t, 0 * hp + j);
            gw11.intoArray(gw1t, 1 * hp + j);
            gw12.intoArray(gw1t, 2 * hp + j);
            gw13.intoArray(gw1t, 3 * hp + j);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 4 * L;
            y[4 * r + 0] = DoubleVector.fromArray(S, yacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 1] = DoubleVector.fromArray(S, yacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 2] = DoubleVector.fromArray(S, yacc, base + 2 * L).reduceLanes(VectorOperators.ADD);
            y[4 * r + 3] = DoubleVector.fromArray(S, yacc, base + 3 * L).reduceLanes(VectorOperators.ADD);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * 4 * L;
            gu[4 * r + 0] = DoubleVector.fromArray(S, gacc, base + 0 * L).reduceLanes(VectorOperators.ADD);
            gu[4 * r + 1] = DoubleVector.fromArray(S, gacc, base + 1 * L).reduceLanes(VectorOperators.ADD);
            gu[4 * r + 2] = DoubleVector.fromArray(S, gacc, base + 2 * L).reduceLanes(VectorOperators.ADD);
            gu[4 * r + 3] = DoubleVector.fromArray(S, gacc, base + 3 * L).reduceLanes(VectorOperators.ADD);
        }
    }
}
