package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.sensitivity.AdjointOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;

/** {@link VectorField#withParameters}: a lambda whose parameters the adjoint differentiates. */
class VectorFieldTest {

    @Test
    void aLambdaWithParametersGetsTheAdjointGradient() {
        // dz/dt = −k z: z(1) = z0·e^{−k}, dz(1)/dk = −z0·e^{−k}
        Tensor k = Tensor.of(0.7).requiresGrad(true);
        List<Tensor> read = new ArrayList<>(List.of(k));
        VectorField f = VectorField.withParameters(read, (t, z) -> z.mul(k).neg());
        read.clear();
        assertThat(f.parameters()).containsExactly(k);
        SolveOptions options = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
        GradientSolution sol = Odeint.solve(f, Tensor.of(2.0), new double[] {0, 1}, options, Gradient.ADJOINT,
                AdjointOptions.defaults());
        sol.states().select(0, 1).backward();
        assertThat(k.grad().item()).isCloseTo(-2.0 * Math.exp(-0.7), within(1e-8));
    }
}
