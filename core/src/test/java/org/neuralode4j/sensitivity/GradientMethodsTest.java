package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/** Every gradient method against analytic gradients and finite differences. */
class GradientMethodsTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
    private static final SolveOptions VERY_TIGHT = SolveOptions.builder().rtol(1e-12).atol(1e-14).build();

    /** A vector field with explicit parameters. */
    private record Field(List<Tensor> parameters, VectorFieldBody body) implements VectorField {
        @Override
        public Tensor apply(double t, Tensor z) {
            return body.apply(t, z, parameters);
        }
    }

    private interface VectorFieldBody {
        Tensor apply(double t, Tensor z, List<Tensor> p);
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void scalarGrowthMatchesTheAnalyticGradient(Gradient method) {
        // z' = θ z: z(T) = z0 e^{θT}, dz(T)/dz0 = e^{θT}, dz(T)/dθ = T z0 e^{θT}
        Tensor theta = Tensor.of(-0.7).requiresGrad(true);
        Tensor z0 = Tensor.of(1.3).requiresGrad(true);
        Field f = new Field(List.of(theta), (t, z, p) -> z.mul(p.get(0)));
        double[] times = {0, 0.5, 2.0};
        GradientSolution sol = Odeint.solve(f, z0, times, TIGHT, method);
        // L = z(0.5) + 3 z(2)
        sol.states().select(0, 1).sum().add(sol.states().select(0, 2).sum().mul(3)).backward();
        double e1 = Math.exp(-0.7 * 0.5);
        double e2 = Math.exp(-0.7 * 2.0);
        assertThat(z0.grad().item()).isCloseTo(e1 + 3 * e2, within(1e-9));
        assertThat(theta.grad().item()).isCloseTo(0.5 * 1.3 * e1 + 3 * 2.0 * 1.3 * e2, within(1e-9));
        if (method != Gradient.DIRECT) {
            assertThat(sol.backwardStats().functionEvaluations()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void smallNetworksMatchCentralDifferences(Gradient method) {
        SplittableRandom rng = new SplittableRandom(17);
        for (int trial = 0; trial < 3; trial++) {
            Tensor w1 = Tensor.randn(rng, 2, 6).mul(0.5);
            Tensor b1 = Tensor.randn(rng, 6).mul(0.1);
            Tensor w2 = Tensor.randn(rng, 6, 2).mul(0.5);
            Tensor z0 = Tensor.randn(rng, 3, 2);
            double[] times = {0, 0.3, 0.7, 1.0};
            Function<Tensor[], Tensor> loss = x -> {
                Field f = new Field(List.of(x[1], x[2], x[3]),
                        (t, z, p) -> z.matmul(p.get(0)).add(p.get(1)).tanh().matmul(p.get(2)).mul(Math.cos(t)));
                return Odeint.solve(f, x[0], times, VERY_TIGHT, method).states();
            };
            // Adaptive step selection makes the discrete solution only piecewise smooth in the inputs,
            // so the finite differences use a larger step and the solves a very tight tolerance.
            GradientCheck.Result r = GradientCheck.check(loss, new Tensor[] {z0, w1, b1, w2}, 1e-3, 1e-3, 42L);
            assertThat(r.passed(1e-6)).as("%s trial %d: %s (%.3g)", method, trial, r.worst(), r.maxRelativeError())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void parametersThatDoNotInfluenceFGetExactlyZero(Gradient method) {
        Tensor used = Tensor.of(0.5).requiresGrad(true);
        Tensor unused = Tensor.of(2.0, 3.0).requiresGrad(true);
        Field f = new Field(List.of(used, unused, used), (t, z, p) -> z.mul(p.get(0)).add(unused.mul(0.0).sum().mul(0)));
        Odeint.solve(f, Tensor.of(1.0), new double[] {0, 1}, TIGHT, method).states().sum().backward();
        assertThat(unused.grad() == null ? new double[] {0, 0} : unused.grad().toArray()).containsExactly(0.0, 0.0);
        assertThat(used.grad().item()).isCloseTo(Math.exp(0.5), within(1e-8));
    }

    @Test
    void adjointsAgreeWithDirectOnABatchedTimeDependentField() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor w = Tensor.randn(rng, 4, 4).mul(0.4);
        Tensor z0 = Tensor.randn(rng, 5, 4);
        Tensor target = Tensor.randn(rng, 6, 5, 4);
        double[] times = {0, 0.2, 0.5, 0.9, 1.4, 2.0};
        double[][] grads = new double[Gradient.values().length][];
        int k = 0;
        for (Gradient g : Gradient.values()) {
            Tensor wl = w.detach().requiresGrad(true);
            Field f = new Field(List.of(wl), (t, z, p) -> z.matmul(p.get(0)).sin().add(Math.sin(3 * t)));
            GradientSolution s = Odeint.solve(f, z0, times, TIGHT, g);
            s.states().sub(target).square().mean().backward();
            grads[k++] = wl.grad().toArray();
        }
        for (int m = 1; m < grads.length; m++) {
            for (int i = 0; i < grads[0].length; i++) {
                assertThat(grads[m][i]).isCloseTo(grads[0][i], within(1e-7 * (1 + Math.abs(grads[0][i]))));
            }
        }
    }
}
