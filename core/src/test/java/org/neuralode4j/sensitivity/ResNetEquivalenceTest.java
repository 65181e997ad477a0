package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * The seed's observation as a test: a residual block h ← h + F(h)/N is one Euler step of size 1/N,
 * so DIRECT backpropagation through Euler with N fixed steps on [0, 1] equals a weight-tied ResNet of
 * N blocks, in outputs and in gradients.
 */
class ResNetEquivalenceTest {

    @Test
    void eulerWithNStepsIsAWeightTiedResNet() {
        SplittableRandom rng = new SplittableRandom(8);
        int steps = 16;
        Tensor w1 = Tensor.randn(rng, 3, 8).mul(0.5);
        Tensor b1 = Tensor.randn(rng, 8).mul(0.1);
        Tensor w2 = Tensor.randn(rng, 8, 3).mul(0.5);
        Tensor x = Tensor.randn(rng, 4, 3);
        Tensor target = Tensor.randn(rng, 4, 3);

        Tensor[] odeParams = {w1.detach().requiresGrad(true), b1.detach().requiresGrad(true), w2.detach().requiresGrad(true)};
        Tensor odeX = x.detach().requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(odeParams),
                (t, h) -> h.matmul(odeParams[0]).add(odeParams[1]).tanh().matmul(odeParams[2]));
        SolveOptions euler = SolveOptions.builder().method("euler").stepSize(1.0 / steps).build();
        Tensor odeOut = Odeint.solve(f, odeX, new double[] {0, 1}, euler, Gradient.DIRECT).states().select(0, 1);
        odeOut.sub(target).square().sum().backward();

        Tensor[] resParams = {w1.detach().requiresGrad(true), b1.detach().requiresGrad(true), w2.detach().requiresGrad(true)};
        Tensor resX = x.detach().requiresGrad(true);
        Tensor h = resX;
        for (int k = 0; k < steps; k++) {
            Tensor residual = h.matmul(resParams[0]).add(resParams[1]).tanh().matmul(resParams[2]);
            h = h.add(residual.div(steps));
        }
        h.sub(target).square().sum().backward();

        assertThat(maxDiff(odeOut.toArray(), h.toArray())).isLessThan(1e-12);
        assertThat(maxDiff(odeX.grad().toArray(), resX.grad().toArray())).isLessThan(1e-12);
        for (int i = 0; i < 3; i++) {
            assertThat(maxDiff(odeParams[i].grad().toArray(), resParams[i].grad().toArray())).as("param %d", i)
                    .isLessThan(1e-12);
        }
    }

    private static double maxDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
