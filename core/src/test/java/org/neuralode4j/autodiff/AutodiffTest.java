package org.neuralode4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class AutodiffTest {

    @Test
    void backwardAccumulatesIntoLeaves() {
        Tensor x = Tensor.of(1, 2, 3).requiresGrad(true);
        Tensor w = Tensor.of(4, 5, 6).requiresGrad(true);
        Tensor y = x.mul(w).sum();
        y.backward();
        assertThat(x.grad().toArray()).containsExactly(4, 5, 6);
        assertThat(w.grad().toArray()).containsExactly(1, 2, 3);
        x.mul(2).sum().backward();
        assertThat(x.grad().toArray()).containsExactly(6, 7, 8);
        x.zeroGrad();
        assertThat(x.grad()).isNull();
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Tensor x = Tensor.of(2.0).requiresGrad(true);
        Tensor a = x.square();
        Tensor y = a.mul(a).add(a).sum(); // x^4 + x^2 → 4x^3 + 2x = 36
        y.backward();
        assertThat(x.grad().item()).isEqualTo(36.0);
    }

    @Test
    void explicitSeedForNonScalarRoot() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        y.backward(Tensor.of(1, 10));
        assertThat(x.grad().toArray()).containsExactly(3, 30);
    }

    @Test
    void clearErrors() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = x.mul(3);
        assertThatThrownBy(y::backward).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scalar").hasMessageContaining("[2]");
        Tensor z = x.square().sum();
        z.backward();
        assertThatThrownBy(z::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("second time").hasMessageContaining("retainGraph");
        assertThatThrownBy(() -> Tensor.of(1).sum().backward()).hasMessageContaining("does not require gradients");
        assertThatThrownBy(() -> y.backward(Tensor.of(1, 2, 3))).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> y.requiresGrad(false)).hasMessageContaining("leaf");
    }

    @Test
    void retainGraphAllowsSecondBackward() {
        Tensor x = Tensor.of(3.0).requiresGrad(true);
        Tensor y = x.square().sum();
        y.backward(null, true, false);
        y.backward(null, false, false);
        assertThat(x.grad().item()).isEqualTo(12.0);
    }

    @Test
    void noGradAndDetachStopRecording() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = Autodiff.noGrad(() -> x.mul(2));
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.gradFn()).isNull();
        try (var s = Autodiff.noGradScope()) {
            assertThat(x.exp().requiresGrad()).isFalse();
            assertThat(Autodiff.enableGrad(() -> x.exp()).requiresGrad()).isTrue();
        }
        assertThat(x.exp().requiresGrad()).isTrue();
        Tensor d = x.mul(2).detach();
        assertThat(d.requiresGrad()).isFalse();
        assertThat(d.isLeaf()).isTrue();
        assertThat(d.toArray()).containsExactly(2, 4);
    }

    @Test
    void functionalGradLeavesLeavesAlone() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor w = Tensor.of(3, 4).requiresGrad(true);
        Tensor h = x.mul(w);
        Tensor y = h.exp().sum();
        Tensor[] g = Autodiff.grad(y, x, h);
        assertThat(g[0].toArray()[0]).isCloseTo(3 * Math.exp(3), within(1e-12));
        assertThat(g[1].toArray()[1]).isCloseTo(Math.exp(8), within(1e-9));
        assertThat(x.grad()).isNull();
        assertThat(w.grad()).isNull();
        Tensor unused = Tensor.of(5.0).requiresGrad(true);
        Tensor[] g2 = Autodiff.grad(x.sum(), unused);
        assertThat(g2[0].toArray()).containsExactly(0.0);
    }

    @Test
    void vectorJacobianProduct() {
        Tensor theta = Tensor.of(2.0).requiresGrad(true);
        Tensor z = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Autodiff.VjpResult r = Autodiff.vjp(in -> in[0].square().mul(theta), new Tensor[] {z}, Tensor.ones(2, 2));
        assertThat(r.output().toArray()).containsExactly(2, 8, 18, 32);
        assertThat(r.gradients()[0].toArray()).containsExactly(4, 8, 12, 16);
        assertThat(theta.grad()).isNull();
        assertThat(z.requiresGrad()).isFalse();
    }

    @Test
    void secondDerivativesMatchAnalyticValues() {
        // d²/dx² tanh(x) = -2 tanh(x) (1 - tanh²(x)); d²/dx² x³ = 6x.
        double x0 = 0.7;
        Tensor x = Tensor.of(x0).requiresGrad(true);
        Tensor y = x.tanh().sum().add(x.pow(3).sum());
        Tensor dy = Autodiff.grad(y, new Tensor[] {x}, null, false, true)[0];
        double t = Math.tanh(x0);
        assertThat(dy.item()).isCloseTo(1 - t * t + 3 * x0 * x0, within(1e-15));
        Tensor d2y = Autodiff.grad(dy.sum(), x)[0];
        assertThat(d2y.item()).isCloseTo(-2 * t * (1 - t * t) + 6 * x0, within(1e-14));
        // backward(createGraph) then differentiate the leaf's grad again
        Tensor u = Tensor.of(1.5).requiresGrad(true);
        u.sin().mul(u).sum().backward(null, false, true); // d/du u sin u = sin u + u cos u
        Tensor g = u.grad();
        assertThat(g.requiresGrad()).isTrue();
        Tensor g2 = Autodiff.grad(g.sum(), u)[0]; // 2 cos u - u sin u
        assertThat(g2.item()).isCloseTo(2 * Math.cos(1.5) - 1.5 * Math.sin(1.5), within(1e-14));
    }

    @Test
    void customFunctionIsOneNodeWithItsOwnBackward() {
        CustomFunction cube = new CustomFunction() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.save(in[0]);
                double[] d = in[0].toArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] = d[i] * d[i] * d[i];
                }
                return Tensor.fromArray(d, in[0].shape());
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor g) {
                Tensor x = ctx.saved().get(0);
                return new Tensor[] {g.mul(x.square()).mul(3)};
            }
        };
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = cube.apply(x);
        assertThat(y.gradFn().op()).isNotBlank();
        y.sum().backward();
        assertThat(x.grad().toArray()).containsExactly(3, 12);
        assertThat(cube.apply(Tensor.of(2)).requiresGrad()).isFalse();
        GradientCheck.Result r = GradientCheck.check(in -> cube.apply(in[0]).sin(), Tensor.of(0.3, -1.2, 2.0));
        assertThat(r.passed(1e-7)).as(r.worst()).isTrue();
    }

    @Test
    void tapeAccountsLiveBytesUntilBackwardReleasesThem() {
        Tape tape = Tape.current();
        long before = tape.liveBytes();
        Tensor x = Tensor.zeros(1000).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 10; i++) {
            y = y.add(1.0);
        }
        long during = tape.liveBytes() - before;
        assertThat(during).isGreaterThanOrEqualTo(10 * 8000L);
        assertThat(tape.peakBytes()).isGreaterThanOrEqualTo(tape.liveBytes());
        y.sum().backward();
        assertThat(tape.liveBytes()).isEqualTo(before);
        Autodiff.noGrad(() -> x.add(1.0).add(2.0));
        assertThat(tape.liveBytes()).isEqualTo(before);
    }

    @Test
    void nanGradientsPropagateAndCanBeDetected() {
        Tensor x = Tensor.of(-1.0, 4.0).requiresGrad(true);
        x.sqrt().sum().backward();
        assertThat(x.grad().toArray()[0]).isNaN();
        assertThat(x.grad().toArray()[1]).isEqualTo(0.25);
        assertThat(x.grad().hasNonFinite()).isTrue();
    }
}
