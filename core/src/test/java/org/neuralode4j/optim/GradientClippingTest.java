package org.neuralode4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class GradientClippingTest {

    private static Tensor withGrad(double[] value, double[] grad) {
        Tensor p = Tensor.of(value).requiresGrad(true);
        p.accumulateGrad(Tensor.of(grad));
        return p;
    }

    @Test
    void clipsByTheGlobalNormWithPyTorchsEpsilon() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {3, 4});
        Tensor b = withGrad(new double[] {0}, new double[] {12});
        Tensor none = Tensor.of(1).requiresGrad(true);
        double total = GradientClipping.clipGradNorm(List.of(a, none, b), 1.0);
        assertThat(total).isEqualTo(13.0);
        double coef = 1.0 / (13.0 + 1e-6);
        assertThat(a.grad().toArray()).containsExactly(3 * coef, 4 * coef);
        assertThat(b.grad().toArray()).containsExactly(12 * coef);
        assertThat(none.grad()).isNull();
        // the new norm is just below maxNorm because of the 1e-6
        double after = Math.sqrt(9 + 16 + 144) * coef;
        assertThat(after).isLessThan(1.0).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void leavesSmallGradientsUnchanged() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {0.3, -0.4});
        double total = GradientClipping.clipGradNorm(List.of(a), 1.0);
        assertThat(total).isCloseTo(0.5, within(1e-16));
        assertThat(a.grad().toArray()).containsExactly(0.3, -0.4);
    }

    @Test
    void infinityAndOtherNorms() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {3, -4});
        Tensor b = withGrad(new double[] {0}, new double[] {2});
        assertThat(GradientClipping.clipGradNorm(List.of(a, b), 2.0, Double.POSITIVE_INFINITY)).isEqualTo(4.0);
        assertThat(a.grad().toArray()[1]).isCloseTo(-4 * 2 / (4 + 1e-6), within(1e-15));
        Tensor c = withGrad(new double[] {0, 0}, new double[] {3, -4});
        assertThat(GradientClipping.clipGradNorm(List.of(c), 100, 1.0)).isEqualTo(7.0);
        assertThat(GradientClipping.clipGradNorm(List.of(Tensor.of(1).requiresGrad(true)), 1.0)).isZero();
    }

    @Test
    void nonFiniteNormPropagates() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {Double.NaN, 1});
        assertThat(GradientClipping.clipGradNorm(List.of(a), 1.0)).isNaN();
        assertThat(a.grad().toArray()[1]).isNaN();
    }

    @Test
    void clipsByValue() {
        Tensor a = withGrad(new double[] {0, 0, 0}, new double[] {-3, 0.5, 9});
        GradientClipping.clipGradValue(List.of(a), 1.0);
        assertThat(a.grad().toArray()).containsExactly(-1, 0.5, 1);
    }
}
