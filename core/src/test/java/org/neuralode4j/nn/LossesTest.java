package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.tensor.Tensor;

class LossesTest {
    private final Tensor p = Tensor.of(1.0, -2.0, 0.5, 3.0);
    private final Tensor y = Tensor.of(0.0, -1.0, 0.5, 0.0);

    @Test
    void valuesMatchTheDefinitions() {
        assertThat(Losses.mse(p, y).item()).isCloseTo((1 + 1 + 0 + 9) / 4.0, within(1e-15));
        assertThat(Losses.l1(p, y).item()).isCloseTo((1 + 1 + 0 + 3) / 4.0, within(1e-15));
        // delta 1.5: |d| = 1, 1, 0, 3 → 0.5, 0.5, 0, 1.5 (3 - 0.75) = 3.375
        assertThat(Losses.huber(p, y, 1.5).item()).isCloseTo((0.5 + 0.5 + 0 + 3.375) / 4, within(1e-15));
        Tensor v = Tensor.of(1.0, 2.0, 0.5, 4.0);
        double expect = 0;
        double[] pd = p.toArray();
        double[] yd = y.toArray();
        double[] vd = v.toArray();
        for (int i = 0; i < 4; i++) {
            expect += 0.5 * (Math.log(vd[i]) + (yd[i] - pd[i]) * (yd[i] - pd[i]) / vd[i]);
        }
        assertThat(Losses.gaussianNll(p, y, v, 1e-6, false).item()).isCloseTo(expect / 4, within(1e-15));
        assertThat(Losses.gaussianNll(p, y, v, 1e-6, true).item())
                .isCloseTo(expect / 4 + 0.5 * Math.log(2 * Math.PI), within(1e-15));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor a = Tensor.randn(rng, 3, 2);
        Tensor b = Tensor.randn(rng, 3, 2);
        Tensor v = Tensor.uniform(rng, 0.5, 2, 3, 2);
        assertThat(GradientCheck.check(x -> Losses.mse(x[0], x[1]), a, b).passed(1e-7)).isTrue();
        assertThat(GradientCheck.check(x -> Losses.l1(x[0], x[1]), a, b).passed(1e-7)).isTrue();
        assertThat(GradientCheck.check(x -> Losses.huber(x[0], x[1], 0.7), a, b).passed(1e-7)).isTrue();
        assertThat(GradientCheck.check(x -> Losses.gaussianNll(x[0], x[1], x[2], 1e-6, false), a, b, v).passed(1e-7))
                .isTrue();
    }

    @Test
    void mismatchedShapesAreRefused() {
        assertThatThrownBy(() -> Losses.mse(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .hasMessageContaining("mse").hasMessageContaining("[2, 3]").hasMessageContaining("[3]");
    }
}
