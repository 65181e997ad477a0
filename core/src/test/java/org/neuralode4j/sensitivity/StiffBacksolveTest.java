package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

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

    static StiffNeuralAdjointTest.Problem vanDerPolPlusMlp() {
        Tensor mu = Tensor.of(30.0).requiresGrad(true);
        Sequential mlp = Mlp.builder(2, 2).hidden(16).activation("tanh").seed(5).build();
        List<Tensor> params = new ArrayList<>(mlp.parameters());
        params.add(mu);
        VectorField f = new VectorField() {
            @Override
            public Tensor apply(double t, Tensor y) {
                Tensor x = y.select(-1, 0);
                Tensor v = y.select(-1, 1);
                Tensor dv = mu.mul(x.square().neg().add(1)).mul(v).sub(x);
                return Tensor.stack(-1, v, dv).add(mlp.forward(t, y).mul(0.01));
            }

            @Override
            public List<Tensor> parameters() {
                return params;
            }
        };
        // v = x / (μ(1 − x²)) puts each row near the slow branch
        Tensor z0 = Tensor.of(new double[][] {{2.0, -0.022}, {-1.9, 0.024}}).requiresGrad(true);
        return new StiffNeuralAdjointTest.Problem(f, params, z0, new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3});
    }

    @ParameterizedTest(name = "{0} rtol {1}")
    @CsvSource({"rodas5p, 1e-10", "rodas4, 1e-10", "rosenbrock23, 1e-9", "kvaerno3, 1e-10", "kvaerno5, 1e-10"})
    void backsolveAdjointAgreesWithDirect(String method, double rtol) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(rtol).atol(1e-12).build();
        List<double[]> expected = StiffNeuralAdjointTest.gradients(vanDerPolPlusMlp(), o, Gradient.DIRECT);
        List<double[]> got = StiffNeuralAdjointTest.gradients(vanDerPolPlusMlp(), o, Gradient.ADJOINT);
        StiffNeuralAdjointTest.assertAgree(method + " backsolve", got, expected);
    }
}
