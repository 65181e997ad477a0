package org.neuralode4j.tensor;

/**
 * The tanh of {@link NarrowMlp}'s kernels, one argument at a time: the arithmetic each lane of
 * {@link PanamaNarrowMlp} performs, so that {@link ScalarNarrowMlp} gives the same bits.
 *
 * <p>tanh(z) = sign(z)·(1 − w)/(1 + w) with w = e^{−2|z|} (|z| clamped at 22 by an integer min on
 * its bits; NaN passed through). −2|z| = k·ln2 + r with k = round(−2|z|·log₂e), by adding
 * 1.5·2⁵² + 1023 so that the low bits hold k + 1023, ready to shift into 2^k's exponent; the
 * reduction is done on −r = 2|z| + k·ln2_hi + k·ln2_lo (Cody–Waite split, k·ln2_hi exact), which
 * saves the multiplication by −2. e^r − 1 = r + r²·q(r) with q a degree-9 minimax polynomial on
 * |r| ≤ ln2/2, evaluated in −r with the coefficients' signs alternated (an exact rewrite) by
 * second-order Horner: the even and the odd coefficients as two independent Horner chains in r², one
 * fma joining them: the same number of operations as plain Horner and a dependency chain four fmas
 * shorter, which is what the rows streaming through the vector kernels' out-of-order window wait
 * on. Then w = s(1 + e) with s = 2^k and 1 ∓ w = (1 ∓ s) ∓ s·e, one fma each, and one
 * division. Measured against Math.tanh: at most 3 ulps, about 1% of arguments above 1 ulp.
 */
final class NarrowTanh {
    /** 1.5·2⁵² + 1023: the rounded integer k lands in the low bits already biased, so they shift straight into 2^k's exponent. */
    static final double MAGIC_BIASED = PortableKernels.SHIFTER + 1023.0;
    /** −2·log₂e (exact: a power-of-two multiple of log₂e's double). */
    static final double M2LOG2E = -2.0 * PortableKernels.INV_LN2;
    /** The Cody–Waite split of ln2 that {@link PortableKernels} uses (k·LN2_HI exact). */
    static final double LN2_HI = PortableKernels.LN2_HI;
    static final double LN2_LO = PortableKernels.LN2_LO;
    static final double Q0 = 0.5000000000000001;
    static final double Q1 = 0.16666666666666674;
    static final double Q2 = 0.04166666666662412;
    static final double Q3 = 0.008333333333322207;
    static final double Q4 = 0.0013888888917215386;
    static final double Q5 = 0.00019841269886593598;
    static final double Q6 = 2.480152129374048e-05;
    static final double Q7 = 2.755724233407738e-06;
    static final double Q8 = 2.7620089364974056e-07;
    static final double Q9 = 2.511005077989078e-08;
    /** The bits of 22.0, where tanh is 1 to the last bit; |z| is clamped there by an integer min. */
    static final long TANH_SATURATION_BITS = Double.doubleToRawLongBits(22.0);

    private NarrowTanh() {
    }

    /** tanh(z) by the arithmetic of the class comment, operation for operation as a vector lane. */
    static double tanh(double z) {
        long zb = Double.doubleToRawLongBits(z);
        double ta = Double.longBitsToDouble(Math.min(zb & Long.MAX_VALUE, TANH_SATURATION_BITS));
        double kdm = Math.fma(ta, M2LOG2E, MAGIC_BIASED);
        double kk = kdm - MAGIC_BIASED;
        double nr = Math.fma(kk, LN2_HI, ta + ta);
        nr = Math.fma(kk, LN2_LO, nr);
        double n2 = nr * nr;
        double qe = Math.fma(-Q8, n2, -Q6);
        double qo = Math.fma(Q9, n2, Q7);
        qe = Math.fma(qe, n2, -Q4);
        qo = Math.fma(qo, n2, Q5);
        qe = Math.fma(qe, n2, -Q2);
        qo = Math.fma(qo, n2, Q3);
        qe = Math.fma(qe, n2, -Q0);
        qo = Math.fma(qo, n2, Q1);
        double ntp = Math.fma(Math.fma(qo, nr, qe), n2, nr);
        double ts = Double.longBitsToDouble(Double.doubleToRawLongBits(kdm) << 52);
        double tns = -ts;
        double num = Math.fma(ts, ntp, tns + 1.0);
        double den = Math.fma(tns, ntp, ts + 1.0);
        double h = Double.longBitsToDouble(Double.doubleToRawLongBits(num / den) | (zb & Long.MIN_VALUE));
        return z != z ? z : h;
    }
}
