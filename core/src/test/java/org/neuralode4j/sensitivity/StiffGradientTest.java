package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A stiff problem (eigenvalues near −1 and −1e4, a nonlinear coupling and trainable rates, the fast
 * component started off its slow manifold) solved by each stiff method. The checkpointed adjoint,
 * whose backward solves use the same stiff method against the recomputed forward solution (with
 * the adjoint system's exact block-structured Jacobian, {@link AdjointDynamics}), agrees with direct
 * backpropagation through the stiff solver.
 *
 * <p>The backsolve adjoint integrates z backwards, where the fast mode grows like e^{1e4 t}: the
 * rounding errors in z's fast component pass any tolerance within a few thousandths of a time unit,
 * the error control shrinks the step to follow that growth and the step limit is reached near the
 * end of the span. This is the instability of z itself, not of the linear algebra (the Jacobian is
 * exact), so it fails, and says so with the remedy. {@link StiffBacksolveTest} shows a problem where
 * the backward growth between output times stays small and backsolve agrees.
 */
class StiffGradientTest {

    @ParameterizedTest(name = "{0} rtol {1}")
    @CsvSource({"rodas5p, 1e-10", "rodas4, 1e-10", "rosenbrock23, 1e-8", "kvaerno3, 1e-10", "kvaerno5, 1e-10"})
    void checkpointedAdjointOfAStiffSolveAgreesWithDirect(String method, double rtol) {
        double[] expected = gradients(Gradient.DIRECT, method, rtol);
        double[] got = gradients(Gradient.CHECKPOINTED_ADJOINT, method, rtol);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(got[i] - expected[i])).as("entry %d: %s vs %s", i, got[i], expected[i])
                    .isLessThan(1e-6 * (1 + Math.abs(expected[i])));
        }
    }

    @Test
    void backsolveAdjointFailsWithTheRemedy() {
        assertThatThrownBy(() -> gradients(Gradient.ADJOINT, "rodas5p", 1e-10))
                .isInstanceOf(BackwardSolveException.class).hasMessageContaining("checkpointed");
    }

    private static double[] gradients(Gradient method, String stiffMethod, double rtol) {
        Tensor rates = Tensor.of(1.0, 1e4).requiresGrad(true);
        Tensor coupling = Tensor.of(0.5).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(rates, coupling), (t, z) -> {
            Tensor slow = z.select(-1, 0);
            Tensor fast = z.select(-1, 1);
            Tensor dSlow = slow.mul(rates.select(0, 0)).neg().add(fast.square().mul(coupling));
            Tensor dFast = fast.sub(slow.sin()).mul(rates.select(0, 1)).neg();
            return Tensor.stack(-1, dSlow, dFast);
        });
        Tensor z0 = Tensor.of(new double[][] {{1.0, 0.0}, {0.3, 2.0}}).requiresGrad(true);
        SolveOptions options = SolveOptions.builder().method(stiffMethod).rtol(rtol).atol(1e-12).build();
        GradientSolution sol = Odeint.solve(f, z0, new double[] {0, 0.1, 0.5, 1.0}, options, method,
                AdjointOptions.builder().maxSteps(method == Gradient.ADJOINT ? 5000 : 100_000).build());
        sol.states().square().sum().backward();
        double[] out = new double[4 + 3];
        System.arraycopy(z0.grad().toArray(), 0, out, 0, 4);
        System.arraycopy(rates.grad().toArray(), 0, out, 4, 2);
        out[6] = coupling.grad().item();
        return out;
    }
}
