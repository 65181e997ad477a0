package org.neuralode4j.tensor;

/**
 * Scalar twins of the Vector API kernels in {@link PanamaVectorMath}: the same operations in the same
 * order, so each kernel gives every element the same bits whether it falls in a vector lane or in
 * the scalar tail.
 *
 * <p>Why not the Vector API's {@code EXP}/{@code EXPM1}: once C2 compiles a loop they run on the
 * platform's short-vector math library, before that on a Java fallback, and the two differ in the
 * last bit, so results (and trained weights) would depend on when the JIT kicked in. These kernels
 * use only additions, multiplications, divisions, comparisons and bit moves, which IEEE 754 and the
 * Vector API specify exactly; they give the same bits interpreted, compiled, vectorized or not.
 *
 * <p>Method (Cody &amp; Waite; as fdlibm's expm1): y = k·ln2 + r with k = round(y/ln2) (by adding
 * 1.5·2⁵² the integer lands in the low bits), ln2 split into a high part exact under
 * multiplication by k and a low part, |r| ≤ ln2/2; expm1(r) by its Taylor polynomial to degree 13
 * (truncation below 5e-18 relative); 2^k assembled from its exponent bits. Measured on 2·10⁷
 * arguments: exp within 1 ulp of {@link StrictMath#exp}; tanh within 1.9 ulps of the exact value
 * (StrictMath's tanh: 2.1) and 3 ulps (5e-16 relative) of StrictMath's.
 */
final class PortableKernels {
    /** 1.5·2⁵²: y/ln2 + SHIFTER rounds y/ln2 to an integer held in the low mantissa bits. */
    static final double SHIFTER = 0x1.8p52;
    static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    static final double INV_LN2 = 1.4426950408889634;
    /** ln2 to 32 significant bits (fdlibm's ln2_hi): k·LN2_HI is exact for |k| &lt; 2²⁰. */
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1/n! for n = 13 down to 2: the Taylor coefficients of expm1 beyond the linear term, for Horner's rule. */
    static final double[] EXPM1_TAYLOR = taylor();
    /** Below this |x|, tanh x = x in double precision. */
    static final double TANH_TINY = 0x1p-28;
    /** −2|x| is clamped here: tanh is 1 in double precision long before. */
    static final double TANH_FLOOR = -45.0;
    /** Below this, exp(x) is subnormal or zero: left to {@link Math#exp}. */
    static final double EXP_LOW = -708.3;
    /** Above this, exp(x) overflows; clamping keeps the exponent arithmetic in range. */
    static final double EXP_HIGH = 710.0;

    private PortableKernels() {
    }

    private static double[] taylor() {
        double[] c = new double[12];
        double f = 1;
        for (int m = 2; m <= 13; m++) {
            f /= m;
            c[13 - m] = f;
        }
        return c;
    }

    /** The Taylor part of expm1(r) for |r| ≤ ln2/2: r + r²·(1/2! + r·(1/3! + … + r/13!)). */
    static double expm1Reduced(double r) {
        double q = EXPM1_TAYLOR[0];
        for (int c = 1; c < EXPM1_TAYLOR.length; c++) {
            q = q * r + EXPM1_TAYLOR[c];
        }
        return r + (r * r) * q;
    }

    /** 2^k for −1022 ≤ k ≤ 1023 from its exponent bits. */
    static double pow2(long k) {
        return Double.longBitsToDouble((k + 1023) << 52);
    }

    /**
     * tanh(x) = sign(x)·(1 − w)/(1 + w) with w = e^{−2|x|} = s·(1 + e), s = 2^k, e = expm1(r),
     * written ((1 − s) − s·e)/((1 + s) + s·e) so that no cancellation occurs (for k = 0 it is
     * −e/(2 + e)); x itself for |x| &lt; 2⁻²⁸ (which also keeps the sign of zeros).
     */
    static double tanh(double x) {
        double a = Math.abs(x);
        double y = Math.max(-2.0 * a, TANH_FLOOR);
        double t = y * INV_LN2 + SHIFTER;
        double k = t - SHIFTER;
        double r = (y - k * LN2_HI) - k * LN2_LO;
        double e = expm1Reduced(r);
        double s = pow2(Double.doubleToRawLongBits(t) - SHIFTER_BITS);
        double se = s * e;
        double th = ((1.0 - s) - se) / ((1.0 + s) + se);
        if (a < TANH_TINY) {
            return x;
        }
        return x < 0 ? -th : th;
    }

    /**
     * exp(x) = (1 + e)·2^k, the power of two applied as 2^⌊k/2⌋·2^(k−⌊k/2⌋) so that k = 1024 still
     * works; {@link Math#exp} below {@link #EXP_LOW} (subnormal results).
     */
    static double exp(double x) {
        if (x < EXP_LOW) {
            return Math.exp(x);
        }
        double y = Math.min(x, EXP_HIGH);
        double t = y * INV_LN2 + SHIFTER;
        double k = t - SHIFTER;
        double r = (y - k * LN2_HI) - k * LN2_LO;
        double e = expm1Reduced(r);
        long kb = Double.doubleToRawLongBits(t) - SHIFTER_BITS;
        long k1 = kb >> 1;
        return ((1.0 + e) * pow2(k1)) * pow2(kb - k1);
    }

    /** 1/(1 + e^{−x}) for x ≥ 0 and e^x/(1 + e^x) otherwise, with e from {@link #exp}. */
    static double sigmoid(double x) {
        double e = exp(-Math.abs(x));
        double inv = e + 1.0;
        return x < 0 ? e / inv : 1.0 / inv;
    }
}
