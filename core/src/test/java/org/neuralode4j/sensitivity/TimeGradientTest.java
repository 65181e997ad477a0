package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/** dL/dt_i for the output times and the initial time, with every gradient method. */
class TimeGradientTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void autonomousGrowth(Gradient method) {
        // z' = θ z: z(t) = z0 e^{θ(t - t0)}
        double theta = -0.4;
        Tensor p = Tensor.of(theta).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(p), (t, z) -> z.mul(p));
        Tensor times = Tensor.of(0.5, 1.0, 2.0).requiresGrad(true);
        Tensor z0 = Tensor.of(2.0).requiresGrad(true);
        GradientSolution sol = Odeint.solve(f, z0, times, TIGHT, method, AdjointOptions.defaults());
        // L = z(t1) + z(t2)
        sol.states().slice(0, 1, 3).sum().backward();
        double z1 = 2.0 * Math.exp(theta * 0.5);
        double z2 = 2.0 * Math.exp(theta * 1.5);
        double[] g = times.grad().toArray();
        assertThat(g[1]).isCloseTo(theta * z1, within(1e-8));
        assertThat(g[2]).isCloseTo(theta * z2, within(1e-8));
        assertThat(g[0]).isCloseTo(-theta * (z1 + z2), within(1e-8));
        assertThat(z0.grad().item()).isCloseTo((z1 + z2) / 2.0, within(1e-8));
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void nonAutonomousField(Gradient method) {
        // z' = cos t: z(t1) = z0 + sin t1 − sin t0
        VectorField f = (t, z) -> Tensor.onesLike(z).mul(Math.cos(t));
        Tensor times = Tensor.of(0.3, 1.7).requiresGrad(true);
        Tensor z0 = Tensor.of(1.0).requiresGrad(true);
        Odeint.solve(f, z0, times, TIGHT, method, AdjointOptions.defaults()).states().select(0, 1).sum().backward();
        assertThat(times.grad().get(1)).isCloseTo(Math.cos(1.7), within(1e-8));
        assertThat(times.grad().get(0)).isCloseTo(-Math.cos(0.3), within(1e-8));
    }
}
