package org.neuralode4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectorized kernels against the scalar reference (surefire starts the JVM with the Vector API module). */
class VectorMathTest {

    private static double[] samples() {
        SplittableRandom rng = new SplittableRandom(99);
        double[] special = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1e-9, -1e-9, 0.5, -0.5, 19.0, -19.0, 20.0,
            40.0, -40.0, 700, -700, 710, -710, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] x = new double[1003];
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < x.length; i++) {
            x[i] = rng.nextGaussian() * (i % 3 == 0 ? 0.01 : i % 3 == 1 ? 1 : 10);
        }
        return x;
    }

    private static void assertAgree(String what, double[] x, double[] got, double[] want, double rel) {
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(want[i])) {
                assertThat(got[i]).as("%s(%s)", what, x[i]).isNaN();
            } else if (Double.isInfinite(want[i]) || want[i] == 0) {
                assertThat(got[i]).as("%s(%s)", what, x[i]).isEqualTo(want[i]);
            } else {
                double err = Math.abs(got[i] - want[i]) / Math.abs(want[i]);
                assertThat(err).as("%s(%s) = %s, want %s", what, x[i], got[i], want[i]).isLessThanOrEqualTo(rel);
            }
        }
    }

    @Test
    void vectorKernelsAreActiveUnderTestsAndAgreeWithScalar() {
        VectorMath fast = VectorMath.get();
        assertThat(fast.name()).startsWith("vector(");
        VectorMath ref = VectorMath.scalar();
        double[] x = samples();
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        fast.tanh(x, a, x.length);
        ref.tanh(x, b, x.length);
        assertAgree("tanh", x, a, b, 5e-16);
        fast.exp(x, a, x.length);
        ref.exp(x, b, x.length);
        assertAgree("exp", x, a, b, 5e-16);
        fast.sigmoid(x, a, x.length);
        ref.sigmoid(x, b, x.length);
        assertAgree("sigmoid", x, a, b, 5e-16);
    }

    @Test
    void vectorKernelsStayWithinTwoUlpsOverAWideSweep() {
        // magnitudes 1e-12 .. 40, both signs: the brief's bound is 1e-15 relative; measured below 5e-16
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = new double[200_000];
        for (int i = 0; i < x.length; i++) {
            double m = Math.pow(10, rng.nextDouble(-12, 1.6));
            x[i] = rng.nextBoolean() ? m : -m;
        }
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        VectorMath fast = VectorMath.get();
        VectorMath ref = VectorMath.scalar();
        fast.tanh(x, a, x.length);
        ref.tanh(x, b, x.length);
        assertAgree("tanh", x, a, b, 5e-16);
        fast.exp(x, a, x.length);
        ref.exp(x, b, x.length);
        assertAgree("exp", x, a, b, 5e-16);
        fast.sigmoid(x, a, x.length);
        ref.sigmoid(x, b, x.length);
        assertAgree("sigmoid", x, a, b, 5e-16);
        double[] wide = new double[4096];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = rng.nextDouble(-800, 800);
        }
        a = new double[wide.length];
        b = new double[wide.length];
        fast.exp(wide, a, wide.length);
        ref.exp(wide, b, wide.length);
        assertAgree("exp", wide, a, b, 5e-16);
        fast.sigmoid(wide, a, wide.length);
        ref.sigmoid(wide, b, wide.length);
        assertAgree("sigmoid", wide, a, b, 5e-16);
        fast.softplus(wide, a, wide.length);
        ref.softplus(wide, b, wide.length);
        assertAgree("softplus", wide, a, b, 5e-16);
        a = new double[x.length];
        b = new double[x.length];
        fast.softplus(x, a, x.length);
        ref.softplus(x, b, x.length);
        assertAgree("softplus", x, a, b, 5e-16);
    }

    @Test
    void fusedBackwardKernelsAgreeWithScalar() {
        double[] x = samples();
        SplittableRandom rng = new SplittableRandom(8);
        double[] g = new double[x.length + 3];
        for (int i = 0; i < g.length; i++) {
            g[i] = rng.nextGaussian();
        }
        double[] y = new double[x.length];
        VectorMath.scalar().tanh(x, y, x.length);
        double[] a = new double[x.length];
        double[] b = new double[x.length];
        VectorMath.get().tanhBackward(g, 3, y, a, x.length);
        VectorMath.scalar().tanhBackward(g, 3, y, b, x.length);
        assertAgree("tanhBackward", x, a, b, 5e-16);
        VectorMath.scalar().sigmoid(x, y, x.length);
        VectorMath.get().sigmoidBackward(g, 3, y, a, x.length);
        VectorMath.scalar().sigmoidBackward(g, 3, y, b, x.length);
        assertAgree("sigmoidBackward", x, a, b, 5e-16);
        VectorMath.get().softplusBackward(g, 3, x, a, x.length);
        VectorMath.scalar().softplusBackward(g, 3, x, b, x.length);
        assertAgree("softplusBackward", x, a, b, 5e-16);
        // in place
        double[] c = y.clone();
        VectorMath.get().sigmoidBackward(g, 3, c, c, x.length);
        VectorMath.scalar().sigmoidBackward(g, 3, y, b, x.length);
        assertAgree("sigmoidBackward in place", x, c, b, 5e-16);
    }

    @Test
    void signedZerosAndSpecialValues() {
        double[] x = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_VALUE, 1e-310};
        double[] out = new double[x.length];
        VectorMath.get().tanh(x, out, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(out[i])).as("tanh(%s)", x[i])
                    .isEqualTo(Double.doubleToRawLongBits(Math.tanh(x[i])));
        }
    }

    @Test
    void partialLengthsLeaveTheRestUntouched() {
        double[] x = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1};
        double[] out = new double[x.length];
        out[10] = 42;
        VectorMath.get().tanh(x, out, 10);
        assertThat(out[9]).isEqualTo(Math.tanh(1.0), org.assertj.core.api.Assertions.within(1e-16));
        assertThat(out[10]).isEqualTo(42.0);
    }

    @Test
    void vectorKernelsEqualTheirScalarTwinsBitForBitAtEveryOffset() {
        double[] x = samples();
        VectorMath fast = VectorMath.get();
        for (int offset = 0; offset < 9; offset++) {
            double[] in = java.util.Arrays.copyOfRange(x, offset, x.length);
            double[] out = new double[in.length];
            fast.tanh(in, out, in.length);
            for (int i = 0; i < in.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("tanh(%s)", in[i])
                        .isEqualTo(Double.doubleToRawLongBits(PortableKernels.tanh(in[i])));
            }
            fast.exp(in, out, in.length);
            for (int i = 0; i < in.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("exp(%s)", in[i])
                        .isEqualTo(Double.doubleToRawLongBits(PortableKernels.exp(in[i])));
            }
            fast.sigmoid(in, out, in.length);
            for (int i = 0; i < in.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("sigmoid(%s)", in[i])
                        .isEqualTo(Double.doubleToRawLongBits(PortableKernels.sigmoid(in[i])));
            }
        }
    }

    @Test
    void kernelsGiveTheSameBitsBeforeAndAfterTheJitCompilesThem() {
        double[] x = samples();
        double[] cold = new double[x.length];
        double[] hot = new double[x.length];
        VectorMath fast = VectorMath.get();
        fast.tanh(x, cold, x.length);
        for (int k = 0; k < 20_000; k++) {
            fast.tanh(x, hot, x.length);
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(hot[i])).as("tanh(%s)", x[i]).isEqualTo(Double.doubleToRawLongBits(cold[i]));
        }
    }

    @Test
    void zerosKeepTheirSign() {
        double[] x = {0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0, 0.0, -0.0};
        double[] out = new double[x.length];
        VectorMath.get().tanh(x, out, x.length);
        for (int i = 0; i < x.length; i++) {
            assertThat(Double.doubleToRawLongBits(out[i])).isEqualTo(Double.doubleToRawLongBits(x[i]));
        }
    }
}
