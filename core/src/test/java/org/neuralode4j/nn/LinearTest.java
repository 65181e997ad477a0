package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.tensor.Tensor;

class LinearTest {

    private static double maxAbs(Tensor t) {
        return t.abs().max().item();
    }

    private static double std(Tensor t) {
        return t.sub(t.mean()).square().mean().sqrt().item();
    }

    @Test
    void pytorchDefaultDrawsWeightAndBiasFromUniformOneOverSqrtFanIn() {
        Linear l = new Linear(16, 400, new SplittableRandom(1));
        double bound = 1 / Math.sqrt(16);
        assertThat(maxAbs(l.weight())).isLessThanOrEqualTo(bound).isGreaterThan(0.95 * bound);
        assertThat(maxAbs(l.bias())).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
        // U(-a, a) has standard deviation a/√3
        assertThat(std(l.weight())).isCloseTo(bound / Math.sqrt(3), org.assertj.core.data.Percentage.withPercentage(3));
    }

    @Test
    void xavierKaimingAndNormalHaveTheirScales() {
        SplittableRandom rng = new SplittableRandom(2);
        Linear x = new Linear(30, 50, Init.xavierUniform(), rng);
        double a = Math.sqrt(6.0 / 80);
        assertThat(maxAbs(x.weight())).isLessThanOrEqualTo(a).isGreaterThan(0.95 * a);
        assertThat(x.bias().toArray()).containsOnly(0.0);
        Linear xg = new Linear(30, 50, Init.xavierUniform(5.0 / 3), rng);
        assertThat(maxAbs(xg.weight())).isLessThanOrEqualTo(5.0 / 3 * a).isGreaterThan(0.95 * 5.0 / 3 * a);
        Linear xn = new Linear(300, 500, Init.xavierNormal(1.0), rng);
        assertThat(std(xn.weight())).isCloseTo(Math.sqrt(2.0 / 800), org.assertj.core.data.Percentage.withPercentage(2));
        Linear ku = new Linear(40, 50, Init.kaimingUniform(), rng);
        double b = Math.sqrt(6.0 / 40);
        assertThat(maxAbs(ku.weight())).isLessThanOrEqualTo(b).isGreaterThan(0.95 * b);
        Linear kn = new Linear(400, 500, Init.kaimingNormal(), rng);
        assertThat(std(kn.weight())).isCloseTo(Math.sqrt(2.0 / 400), org.assertj.core.data.Percentage.withPercentage(2));
        Linear n = new Linear(200, 500, Init.normal(0.1), rng);
        assertThat(std(n.weight())).isCloseTo(0.1, org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(n.bias().toArray()).containsOnly(0.0);
        Linear z = new Linear(4, 300, Init.pytorchDefault().zeroBias(), rng);
        assertThat(z.bias().toArray()).containsOnly(0.0);
        assertThat(maxAbs(z.weight())).isGreaterThan(0.45);
    }

    @Test
    void seededLayersAreReproducible() {
        Linear a = new Linear(3, 4, new SplittableRandom(9));
        Linear b = new Linear(3, 4, new SplittableRandom(9));
        assertThat(a.weight().allClose(b.weight(), 0)).isTrue();
        assertThat(a.bias().allClose(b.bias(), 0)).isTrue();
    }

    @Test
    void withoutBias() {
        Linear l = new Linear(3, 2, false, Init.xavierUniform(), new SplittableRandom(3));
        assertThat(l.bias()).isNull();
        assertThat(l.namedParameters().keySet()).containsExactly("weight");
        Tensor x = Tensor.randn(new SplittableRandom(4), 5, 3);
        assertThat(l.forward(x).allClose(x.matmul(l.weight().mT()), 1e-14)).isTrue();
        assertThat(l.toString()).isEqualTo("Linear(in=3, out=2, bias=false)");
        assertThatThrownBy(() -> new Linear(0, 2, new SplittableRandom(1))).hasMessageContaining("at least 1");
    }

    @Test
    void gradientsOfALayerMatchFiniteDifferences() {
        Linear l = new Linear(3, 5, new SplittableRandom(5));
        Tensor x = Tensor.randn(new SplittableRandom(6), 4, 3);
        GradientCheck.Result r = GradientCheck.check(in -> Functional.linear(in[0], in[1], in[2]).softplus(),
                x, l.weight(), l.bias());
        assertThat(r.passed(1e-7)).as("%s", r.worst()).isTrue();
        // backward accumulates into the layer's parameters
        l.forward(x).sum().backward();
        assertThat(l.weight().grad().allClose(Tensor.ones(4, 5).mT().matmul(x), 1e-13)).isTrue();
        assertThat(l.bias().grad().toArray()).containsOnly(4.0);
    }
}
