package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.JacobianProvider;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.StiffOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * Stiff options that describe f (a hand-written Jacobian of f, f declared autonomous) speed up the
 * forward solve but do not describe the adjoint's augmented system: the backward solves drop them
 * ({@link AdjointOptions#backwardOptions}) and use the augmented system's own exact Jacobian and its
 * dependence on t through z(t). Kept, the 2×2 Jacobian of f would fill the corner of the 3×3
 * matrix of [a, a_θ], whose stiff part −Aᵀ would be missing: the backward solve of the checkpointed
 * adjoint then runs out of steps.
 *
 * <p>The error norm covers a_θ here (no seminorm): with a field linear in z the adjoint a does not
 * see z's fast transient, so only a_θ's own error estimate makes the steps resolve the quadrature
 * −∫ a_x y(t) dt across it.
 */
class AdjointBackwardOptionsTest {

    @Test
    void theForwardJacobianAndAutonomyDoNotReachTheBackwardSolve() {
        double[] expected = gradients(Gradient.DIRECT);
        double[] got = gradients(Gradient.CHECKPOINTED_ADJOINT);
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(got[i] - expected[i])).as("entry %d: %s vs %s", i, got[i], expected[i])
                    .isLessThan(1e-6 * Math.max(1e-300, Math.abs(expected[i])) + 1e-9 * scale);
        }
    }

    /** dz/dt = A z, A = [[−1, k], [0, −1e4]] with k trainable; y starts at 0.2, a fast transient. */
    private static double[] gradients(Gradient gradient) {
        Tensor k = Tensor.scalar(0.5).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(k), (t, z) -> {
            Tensor x = z.select(0, 0);
            Tensor y = z.select(0, 1);
            return Tensor.stack(0, x.neg().add(y.mul(k)), y.mul(-1e4));
        });
        JacobianProvider jf = (t, z, out) -> {
            out[0] = -1;
            out[1] = k.item();
            out[2] = 0;
            out[3] = -1e4;
        };
        SolveOptions o = SolveOptions.builder().method("rodas5p").rtol(1e-10).atol(1e-12)
                .stiffOptions(StiffOptions.builder().jacobian(jf).autonomous(true).build()).build();
        Tensor z0 = Tensor.of(1.0, 0.2).requiresGrad(true);
        GradientSolution sol = Odeint.solve(f, z0, new double[] {0, 0.05, 0.1}, o, gradient,
                AdjointOptions.builder().seminorm(false).maxSteps(20_000).build());
        sol.states().square().sum().backward();
        double[] g = z0.grad().toArray();
        return new double[] {g[0], g[1], k.grad().item()};
    }
}
