package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.PerSampleSolution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * Per-sample time grids under every gradient method ({@link Odeint#solvePerSample}): three rows, each
 * with its own output times and start time, a small tanh network; the gradients of a loss on all
 * rows' states equal those of DIRECT through {@link OdeSolver#solvePerSample}.
 */
class PerSampleGradientTest {
    private static final double[][] TIMES = {{0, 0.4, 1.1}, {0.2, 0.9}, {-0.3, 0.3, 0.6, 1.5}};
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void everyMethodMatchesDirectPerSampleSolving(Gradient method) {
        double[] expected = gradients(null);
        double[] got = gradients(method);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(got[i] - expected[i])).as("entry %d: %s vs %s", i, got[i], expected[i])
                    .isLessThan(1e-7 * scale);
        }
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void aTimeArrayPerRowIsRequired(Gradient method) {
        Tensor z0 = Tensor.zeros(3, 2);
        assertThatThrownBy(() -> Odeint.solvePerSample((t, z) -> z, z0, new double[][] {{0, 1}}, TIGHT, method,
                AdjointOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one time array per row");
    }

    /** The gradient of Σ z² over all rows' outputs; {@code method == null}: DIRECT via OdeSolver.solvePerSample. */
    private static double[] gradients(Gradient method) {
        SplittableRandom rng = new SplittableRandom(11);
        Tensor w1 = Tensor.normal(rng, 0, 0.6, 2, 8).requiresGrad(true);
        Tensor b1 = Tensor.normal(rng, 0, 0.1, 8).requiresGrad(true);
        Tensor w2 = Tensor.normal(rng, 0, 0.6, 8, 2).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(w1, b1, w2),
                (t, z) -> z.matmul(w1).add(b1).tanh().matmul(w2).add(z.mul(-0.1)));
        Tensor z0 = Tensor.of(new double[][] {{1.0, -0.5}, {0.3, 0.8}, {-1.2, 0.1}}).requiresGrad(true);
        Tensor loss;
        if (method == null) {
            PerSampleSolution sol = OdeSolver.solvePerSample(f, z0, TIMES, TIGHT);
            loss = sol.states(0).square().sum().add(sol.states(1).square().sum()).add(sol.states(2).square().sum());
        } else {
            List<GradientSolution> rows = Odeint.solvePerSample(f, z0, TIMES, TIGHT, method, AdjointOptions.defaults());
            loss = rows.get(0).states().square().sum().add(rows.get(1).states().square().sum())
                    .add(rows.get(2).states().square().sum());
        }
        loss.backward();
        return WholeSolveGradients.flatGradients(List.of(z0, w1, b1, w2));
    }
}
