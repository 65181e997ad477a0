package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.tensor.Tensor;

/** A [B, D] state: one coupled system by default, or every row on its own (per-sample mode). */
class BatchTest {
    /** y' = -y³: rows that start far apart need very different steps. */
    private static final VectorField CUBIC = (t, z) -> z.pow(3).neg();
    private static final Tensor Z0 = Tensor.of(new double[][] {{0.2, 0.1}, {3.0, -2.0}, {1.0, 0.5}});

    private static double exact(double y0, double t) {
        return Math.signum(y0) / Math.sqrt(1 / (y0 * y0) + 2 * t);
    }

    @Test
    void aBatchIsOneCoupledSystemByDefault() {
        double[] times = {0, 0.5, 2};
        SolveOptions o = SolveOptions.builder().rtol(1e-9).atol(1e-9).build();
        Solution s = OdeSolver.solve(CUBIC, Z0, times, o);
        assertThat(s.states().shape()).containsExactly(3, 3, 2);
        for (int i = 0; i < times.length; i++) {
            for (int b = 0; b < 3; b++) {
                for (int d = 0; d < 2; d++) {
                    assertThat(s.states().get(i, b, d)).isCloseTo(exact(Z0.get(b, d), times[i]), within(1e-8));
                }
            }
        }
    }

    @Test
    void perSampleRowsMatchTheirOwnSolves() {
        double[] times = {0, 0.5, 2};
        SolveOptions o = SolveOptions.builder().rtol(1e-9).atol(1e-9).perSample(true).dense(true).build();
        Solution s = OdeSolver.solve(CUBIC, Z0, times, o);
        assertThat(s.states().shape()).containsExactly(3, 3, 2);
        Stats total = Stats.explicit(0, 0, 0);
        List<Long> steps = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            Solution row = OdeSolver.solve(CUBIC, Z0.slice(0, b, b + 1), times, o.toBuilder().perSample(false).build());
            assertThat(s.states().slice(1, b, b + 1).toArray()).containsExactly(row.states().toArray());
            total = total.plus(row.stats());
            steps.add(row.stats().acceptedSteps());
        }
        assertThat(s.stats()).isEqualTo(total);
        assertThat(steps.get(0)).isNotEqualTo(steps.get(1));
        Tensor coupled = OdeSolver.solve(CUBIC, Z0, times, o.toBuilder().perSample(false).build()).states();
        assertThat(coupled.toArray()).isNotEqualTo(s.states().toArray());
        assertThat(s.dense().at(1.3).shape()).containsExactly(3, 2);
        assertThat(s.dense().at(1.3).get(1, 0)).isCloseTo(exact(3.0, 1.3), within(1e-8));
    }

    @Test
    void perSampleTimeGridsAreIrregularAndOwnedByEachRow() {
        double[][] times = {{0, 0.1, 0.7}, {0.5, 1, 1.5, 4}, {2, 1.9, 1.8}}; // the last row backwards
        List<int[]> shapesSeen = new ArrayList<>();
        VectorField f = (t, z) -> {
            shapesSeen.add(z.shape());
            return CUBIC.apply(t, z);
        };
        PerSampleSolution s = OdeSolver.solvePerSample(f, Z0, times, SolveOptions.builder().rtol(1e-10).atol(1e-10).build());
        assertThat(s.batchSize()).isEqualTo(3);
        assertThat(shapesSeen).allSatisfy(shape -> assertThat(shape).containsExactly(1, 2));
        for (int b = 0; b < 3; b++) {
            Tensor states = s.states(b);
            assertThat(states.shape()).containsExactly(times[b].length, 2);
            assertThat(s.row(b).times()).containsExactly(times[b]);
            for (int i = 0; i < times[b].length; i++) {
                for (int d = 0; d < 2; d++) {
                    // each row starts from its z0 at its own first time
                    double t = times[b][i] - times[b][0];
                    assertThat(states.get(i, d)).isCloseTo(exact(Z0.get(b, d), t), within(1e-9));
                }
            }
        }
        assertThat(s.stats().functionEvaluations()).isEqualTo(shapesSeen.size());
    }

    @Test
    void perSampleGradientsMatchFiniteDifferences() {
        double[][] times = {{0, 0.3, 1}, {0, 2}};
        GradientCheck.Result r = GradientCheck.check(in -> {
            PerSampleSolution s = OdeSolver.solvePerSample((t, z) -> z.pow(3).neg().mul(in[1]), in[0], times,
                    SolveOptions.builder().method("rk4").stepSize(0.05).build());
            return Tensor.cat(0, s.states(0), s.states(1));
        }, Tensor.of(new double[][] {{0.5, 1}, {2, -1}}), Tensor.of(0.7, 1.3));
        assertThat(r.maxRelativeError()).as(r.worst()).isLessThan(1e-7);
    }

    @Test
    void perSampleAtolMayCoverTheWholeBatch() {
        double[] atol = {1e-12, 1e-12, 1e-3, 1e-3, 1e-12, 1e-12};
        Solution s = OdeSolver.solve(CUBIC, Z0, new double[] {0, 1},
                SolveOptions.builder().rtol(0).atol(atol).perSample(true).build());
        Solution loose = OdeSolver.solve(CUBIC, Z0.slice(0, 1, 2), new double[] {0, 1},
                SolveOptions.builder().rtol(0).atol(1e-3).build());
        assertThat(s.states().slice(1, 1, 2).toArray()).containsExactly(loose.states().toArray());
    }
}
