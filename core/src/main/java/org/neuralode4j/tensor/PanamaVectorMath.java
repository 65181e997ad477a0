package org.neuralode4j.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorMath} on the JDK's incubating Vector API (JEP 414/417), loaded reflectively only when
 * the {@code jdk.incubator.vector} module is present. tanh uses tanh|x| = −m/(m + 2) with
 * m = expm1(−2|x|), which keeps full relative accuracy near 0 and saturates cleanly, then restores
 * the sign.
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
            DoubleVector m = v.abs().mul(-2.0).lanewise(VectorOperators.EXPM1);
            DoubleVector t = m.neg().div(m.add(2.0));
            t.lanewise(VectorOperators.NEG, v.compare(VectorOperators.LT, 0.0)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.tanh(x[i]);
        }
    }

    @Override
    public void exp(double[] x, double[] out, int n) {
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] out, int n) {
        // With e = exp(-|x|) (never overflows): sigmoid = 1/(1+e) for x >= 0 and e/(1+e) for x < 0.
        int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
            DoubleVector e = v.abs().neg().lanewise(VectorOperators.EXP);
            DoubleVector inv = e.add(1.0);
            DoubleVector pos = DoubleVector.broadcast(SPECIES, 1.0).div(inv);
            pos.blend(e.div(inv), v.compare(VectorOperators.LT, 0.0)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = UnaryOp.sigmoid(x[i]);
        }
    }
}
