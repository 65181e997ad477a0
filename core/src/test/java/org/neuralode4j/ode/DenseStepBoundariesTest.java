package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** {@link DenseSolution#interiorStepBoundaries}: one per accepted step but the last, inside the span, in solve order. */
class DenseStepBoundariesTest {

    @Test
    void forwardAndBackwardSolvesListTheirStepJoins() {
        VectorField f = (t, z) -> z.mul(Math.cos(t));
        for (double[] span : new double[][] {{0, 10}, {10, 0}}) {
            SolveOptions o = SolveOptions.builder().rtol(1e-6).atol(1e-9).dense(true).build();
            Solution s = OdeSolver.solve(f, Tensor.of(1.0), span, o);
            double[] b = s.dense().interiorStepBoundaries();
            assertThat(b).hasSize((int) s.stats().acceptedSteps() - 1);
            double dir = Math.signum(span[1] - span[0]);
            double previous = span[0];
            for (double t : b) {
                assertThat(dir * (t - previous)).isPositive();
                previous = t;
            }
            assertThat(dir * (span[1] - previous)).isPositive();
        }
    }

    @Test
    void aPerSampleSolveMergesItsRows() {
        VectorField f = (t, z) -> z.square().neg();
        SolveOptions o = SolveOptions.builder().rtol(1e-6).atol(1e-9).dense(true).perSample(true).build();
        Solution s = OdeSolver.solve(f, Tensor.of(new double[][] {{1}, {30}}), new double[] {0, 2}, o);
        double[] b = s.dense().interiorStepBoundaries();
        assertThat(b).isSorted().doesNotHaveDuplicates();
        assertThat(b.length).isGreaterThan(10);
    }
}
