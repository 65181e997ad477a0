package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link DenseSolution#extendedAt}: inside the span it is {@link DenseSolution#at(double, double[])};
 * a fraction of a step outside it continues the boundary step's polynomial, which for z' = −z
 * (dopri5's quartic continuous extension) stays close to e^{−t}, where {@code at} refuses.
 */
class DenseSolutionExtensionTest {

    private static DenseSolution decay() {
        VectorField f = (t, z) -> z.neg();
        SolveOptions o = SolveOptions.builder().method("dopri5").rtol(1e-9).atol(1e-12).dense(true).build();
        return OdeSolver.solve(f, Tensor.of(1.0), new double[] {0.5, 1.5}, o).dense();
    }

    @Test
    void insideTheSpanItIsTheInterpolant() {
        DenseSolution d = decay();
        double[] a = new double[1];
        double[] b = new double[1];
        for (double t : new double[] {0.5, 0.77, 1.2, 1.5}) {
            d.at(t, a);
            d.extendedAt(t, b);
            assertThat(b[0]).isEqualTo(a[0]);
        }
    }

    @Test
    void justOutsideTheSpanItContinuesTheBoundarySteps() {
        DenseSolution d = decay();
        double[] out = new double[1];
        for (double t : new double[] {0.5 - 1e-4, 1.5 + 1e-3}) {
            assertThatThrownBy(() -> d.at(t, out)).isInstanceOf(IllegalArgumentException.class);
            d.extendedAt(t, out);
            assertThat(out[0]).as("t = %s", t).isCloseTo(Math.exp(-(t - 0.5)), org.assertj.core.data.Offset.offset(1e-8));
        }
    }
}
