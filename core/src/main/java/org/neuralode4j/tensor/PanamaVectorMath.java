package org.neuralode4j.tensor;

import static org.neuralode4j.tensor.PortableKernels.EXPM1_TAYLOR;
import static org.neuralode4j.tensor.PortableKernels.EXP_HIGH;
import static org.neuralode4j.tensor.PortableKernels.EXP_LOW;
import static org.neuralode4j.tensor.PortableKernels.INV_LN2;
import static org.neuralode4j.tensor.PortableKernels.LN2_HI;
import static org.neuralode4j.tensor.PortableKernels.LN2_LO;
import static org.neuralode4j.tensor.PortableKernels.SHIFTER;
import static org.neuralode4j.tensor.PortableKernels.SHIFTER_BITS;
import static org.neuralode4j.tensor.PortableKernels.TANH_FLOOR;
import static org.neuralode4j.tensor.PortableKernels.TANH_TINY;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath} on the JDK's incubating Vector API (JEP 414/417), loaded reflectively only when
 * the {@code jdk.incubator.vector} module is present. Each kernel is the lane-wise form of its
 * {@link PortableKernels} twin (same operations, same order) and is bit-for-bit deterministic: it
 * avoids the API's transcendental operations, whose results change when C2 compiles the loop.
 *
 * <p>The loop bodies are written out in full, without helper methods: C2 must inline everything a
 * vector flows through, or the vectors are boxed on the heap and the kernel runs several times
 * slower than scalar code.
 */
final class PanamaVectorMath implements VectorMath {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public String name() {
        return "vector(" + SPECIES.length() + " lanes)";
    }

    @Override
    public void tanh(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector a = v.abs();
            DoubleVector y = a.mul(-2.0).max(TANH_FLOOR);
            DoubleVector t = y.mul(INV_LN2).add(SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = y.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            DoubleVector q = DoubleVector.broadcast(SPECIES, EXPM1_TAYLOR[0]);
            for (int c = 1; c < EXPM1_TAYLOR.length; c++) {
                q = q.mul(r).add(EXPM1_TAYLOR[c]);
            }
            DoubleVector e = r.add(r.mul(r).mul(q));
            LongVector kb = t.viewAsIntegralLanes().sub(SHIFTER_BITS);
            DoubleVector s = kb.add(1023L).lanewise(VectorOperators.LSHL, 52L).viewAsFloatingLanes();
            DoubleVector se = s.mul(e);
            DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
            DoubleVector th = one.sub(s).sub(se).div(one.add(s).add(se));
            th = th.lanewise(VectorOperators.NEG, v.compare(VectorOperators.LT, 0.0));
            th.blend(v, a.compare(VectorOperators.LT, TANH_TINY)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = PortableKernels.tanh(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] out, int n) {
        expOrSigmoid(x, out, n, false);
    }

    @Override
    public void sigmoid(double[] x, double[] out, int n) {
        expOrSigmoid(x, out, n, true);
    }

    /** exp(x), or sigmoid(x) from e = exp(−|x|); chunks with a subnormal exp go to the scalar twin. */
    private static void expOrSigmoid(double[] x, double[] out, int n, boolean sigmoid) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector arg = sigmoid ? v.abs().neg() : v;
            if (arg.compare(VectorOperators.LT, EXP_LOW).anyTrue()) {
                for (int j = i; j < i + SPECIES.length(); j++) {
                    out[j] = sigmoid ? PortableKernels.sigmoid(x[j]) : PortableKernels.exp(x[j]);
                }
                continue;
            }
            DoubleVector y = arg.min(EXP_HIGH);
            DoubleVector t = y.mul(INV_LN2).add(SHIFTER);
            DoubleVector k = t.sub(SHIFTER);
            DoubleVector r = y.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
            DoubleVector q = DoubleVector.broadcast(SPECIES, EXPM1_TAYLOR[0]);
            for (int c = 1; c < EXPM1_TAYLOR.length; c++) {
                q = q.mul(r).add(EXPM1_TAYLOR[c]);
            }
            DoubleVector e = r.add(r.mul(r).mul(q));
            LongVector kb = t.viewAsIntegralLanes().sub(SHIFTER_BITS);
            LongVector k1 = kb.lanewise(VectorOperators.ASHR, 1L);
            DoubleVector s1 = k1.add(1023L).lanewise(VectorOperators.LSHL, 52L).viewAsFloatingLanes();
            DoubleVector s2 = kb.sub(k1).add(1023L).lanewise(VectorOperators.LSHL, 52L).viewAsFloatingLanes();
            DoubleVector ex = e.add(1.0).mul(s1).mul(s2);
            if (sigmoid) {
                DoubleVector inv = ex.add(1.0);
                DoubleVector pos = DoubleVector.broadcast(SPECIES, 1.0).div(inv);
                ex = pos.blend(ex.div(inv), v.compare(VectorOperators.LT, 0.0));
            }
            ex.intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = sigmoid ? PortableKernels.sigmoid(x[i]) : PortableKernels.exp(x[i]);
        }
    }

    /**
     * The scalar softplus (Math.log1p, Math.exp): the Vector API's lanewise EXP/LOG1P round
     * differently before and after C2 intrinsifies them, which would break bit-exact reproducibility.
     */
    @Override
    public void softplus(double[] x, double[] out, int n) {
        ScalarVectorMath.INSTANCE.softplus(x, out, n);
    }

    @Override
    public void tanhBackward(double[] g, int gOff, double[] y, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, y, i);
            DoubleVector d = v.mul(v).neg().add(1.0); // no FMA: rounds as the scalar rule does
            DoubleVector.fromArray(SPECIES, g, gOff + i).mul(d).intoArray(out, i);
        }
        for (; i < n; i++) {
            double v = y[i];
            out[i] = g[gOff + i] * (-(v * v) + 1.0);
        }
    }

    @Override
    public void sigmoidBackward(double[] g, int gOff, double[] y, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, y, i);
            DoubleVector d = v.mul(v.neg().add(1.0));
            DoubleVector.fromArray(SPECIES, g, gOff + i).mul(d).intoArray(out, i);
        }
        for (; i < n; i++) {
            double v = y[i];
            out[i] = g[gOff + i] * (v * (-v + 1.0));
        }
    }

    @Override
    public void softplusBackward(double[] g, int gOff, double[] x, double[] out, int n) {
        ScalarVectorMath.INSTANCE.softplusBackward(g, gOff, x, out, n);
    }
}
