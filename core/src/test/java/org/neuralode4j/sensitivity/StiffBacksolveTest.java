package org.neuralode4j.sensitivity;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.ode.SolveOptions;

/**
 * The backsolve adjoint ({@link Gradient#ADJOINT}, z integrated backwards with [a, a_θ]) with stiff
 * methods agrees with direct backpropagation on a problem where integrating z backwards is stable
 * enough: Van der Pol with μ = 30 (trainable) plus a small neural term 0.01·MLP(z) (2-16-2, tanh),
 * two trajectories started near the slow branch (|x| ≈ 2), outputs every 0.05 over [0, 0.3].
 *
 * <p>Why backsolve is fine here. On the slow branch the Jacobian's eigenvalues are about 0 and
 * −μ(x² − 1) ≈ −90: stiff (the slow motion has time scales of order 1, an explicit method's
 * stability bound is h ≲ 0.04), and the
 * backward integration of z amplifies perturbations of the fast mode by about e^{90·0.05} ≈ 90
 * between two output times, where the backsolve adjoint resets z to the stored forward state. The
 * reconstructed z stays within ~100 times the tolerance of the forward one, far below the agreement
 * asked for. In {@link StiffGradientTest} the fast eigenvalue is −1e4 and the shortest output
 * interval 0.1: the growth is e^{1000}, rounding errors in z's fast mode pass any tolerance within a
 * few thousandths of a time unit, and no method can follow them (it fails with
 * {@link BackwardSolveException}).
 *
 * <p>The backward solves factor only the 8×8 core block [z, a] of the 8 + 83-component augmented
 * system ({@link AdjointDynamics} as a {@link org.neuralode4j.ode.QuadratureTailField}).
 */
class StiffBacksolveTest {

    @ParameterizedTest(name = "{0} rtol {1}")
    @CsvSource({"rodas5p, 1e-10", "rodas4, 1e-10", "rosenbrock23, 1e-9", "kvaerno3, 1e-10", "kvaerno5, 1e-10"})
    void backsolveAdjointAgreesWithDirect(String method, double rtol) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(rtol).atol(1e-12).build();
        List<double[]> expected = StiffNeuralAdjointTest.gradients(StiffNeuralProblem.vanDerPolPlusMlp(16), o, Gradient.DIRECT);
        List<double[]> got = StiffNeuralAdjointTest.gradients(StiffNeuralProblem.vanDerPolPlusMlp(16), o, Gradient.ADJOINT);
        StiffNeuralAdjointTest.assertAgree(method + " backsolve", got, expected);
    }
}
