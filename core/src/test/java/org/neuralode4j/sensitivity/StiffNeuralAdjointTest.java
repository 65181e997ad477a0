package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.neuralode4j.autodiff.Tape;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/**
 * A stiff linear system with a small neural term, dz/dt = A z + 0.01·MLP(z), A with eigenvalues −1
 * and −1000 (trainable), the MLP 2-16-2 with tanh (82 parameters), two trajectories started off the
 * slow manifold so that the fast mode has a transient. The checkpointed adjoint with every stiff
 * method agrees with direct backpropagation through the same method: its backward solves see an
 * augmented state of n + P = 4 + 86 components but factor only the 4×4 core block
 * ({@link AdjointDynamics} as a {@link org.neuralode4j.ode.QuadratureTailField}), with the exact
 * Jacobian the Rosenbrock methods' order needs.
 */
class StiffNeuralAdjointTest {
    static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0} rtol {1}")
    @CsvSource({"rodas5p, 1e-10", "rodas4, 1e-10", "rosenbrock23, 1e-9", "kvaerno3, 1e-10", "kvaerno5, 1e-10"})
    void checkpointedAdjointAgreesWithDirect(String method, double rtol) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(rtol).atol(1e-12).build();
        List<double[]> expected = gradients(StiffNeuralProblem.linearPlusMlp(16), o, Gradient.DIRECT);
        List<double[]> got = gradients(StiffNeuralProblem.linearPlusMlp(16), o, Gradient.CHECKPOINTED_ADJOINT);
        assertAgree(method, got, expected);
    }

    /**
     * The exact linearizations keep their autodiff graphs (f, and Jᵀa with its recorded backward
     * pass) while the solver uses them; each is released when the next replaces it or the solve
     * ends, so a whole backward pass leaves no recorded node behind.
     */
    @ParameterizedTest
    @CsvSource({"rodas5p, CHECKPOINTED_ADJOINT", "kvaerno5, CHECKPOINTED_ADJOINT", "rodas5p, ADJOINT"})
    void theBackwardPassLeavesNothingOnTheTape(String method, Gradient gradient) {
        Tape.current().resetCounters();
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-10).build();
        StiffNeuralProblem p = gradient == Gradient.ADJOINT ? StiffNeuralProblem.vanDerPolPlusMlp(16)
                : StiffNeuralProblem.linearPlusMlp(16);
        gradients(p, o, gradient);
        assertThat(Tape.current().liveNodes()).isZero();
        assertThat(Tape.current().liveBytes()).isZero();
    }

    /** ∂(Σ z(t_i)²)/∂z0 and ∂/∂θ for each trained tensor, by {@code gradient}. */
    static List<double[]> gradients(StiffNeuralProblem p, SolveOptions o, Gradient gradient) {
        GradientSolution sol = Odeint.solve(p.field(), p.z0(), p.times(), o, gradient,
                AdjointOptions.builder().maxSteps(100_000).build());
        sol.states().square().sum().backward();
        List<double[]> out = new ArrayList<>();
        out.add(p.z0().grad().toArray());
        for (Tensor t : p.trained()) {
            out.add(t.grad().toArray());
        }
        return out;
    }

    /** Every entry within {@link #TOLERANCE} of its tensor's largest expected magnitude. */
    static void assertAgree(String label, List<double[]> got, List<double[]> expected) {
        double worst = 0;
        for (int k = 0; k < expected.size(); k++) {
            double[] e = expected.get(k);
            double[] g = got.get(k);
            double scale = Double.MIN_NORMAL;
            for (double v : e) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < e.length; i++) {
                double rel = Math.abs(g[i] - e[i]) / scale;
                worst = Math.max(worst, rel);
                assertThat(rel).as("%s tensor %d entry %d: %s vs %s", label, k, i, g[i], e[i]).isLessThan(TOLERANCE);
            }
        }
        System.out.printf(Locale.ROOT, "%s: worst relative disagreement with DIRECT %.2e%n", label, worst);
    }
}
