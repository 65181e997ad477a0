package org.neuralode4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

class LrSchedulerTest {

    private static Optimizer sgd(double lr) {
        return new SGD(List.of(Tensor.scalar(0).requiresGrad(true)), lr);
    }

    @Test
    void stepLR() {
        Optimizer opt = sgd(0.5);
        StepLR s = new StepLR(opt, 3);
        double[] expected = {0.5, 0.5, 0.5, 0.05, 0.05, 0.05, 0.005, 0.005};
        for (int e = 0; e < expected.length; e++) {
            assertThat(s.lrAt(e)).as("epoch %d", e).isCloseTo(expected[e], within(1e-16));
        }
        s.step();
        s.step();
        s.step();
        assertThat(s.lastEpoch()).isEqualTo(3);
        assertThat(opt.learningRate()).isCloseTo(0.05, within(1e-16));
        assertThat(s.lastLr()).isEqualTo(opt.learningRate());
        assertThat(new StepLR(sgd(1), 2, 0.5).lrAt(5)).isEqualTo(0.25);
    }

    @Test
    void exponentialLR() {
        Optimizer opt = sgd(0.1);
        ExponentialLR s = new ExponentialLR(opt, 0.9);
        assertThat(s.lrAt(0)).isEqualTo(0.1);
        assertThat(s.lrAt(3)).isCloseTo(0.1 * 0.729, within(1e-16));
        for (int k = 0; k < 5; k++) {
            s.step();
        }
        assertThat(opt.learningRate()).isCloseTo(0.1 * Math.pow(0.9, 5), within(1e-17));
    }

    @Test
    void cosineAnnealingLR() {
        Optimizer opt = sgd(0.1);
        CosineAnnealingLR s = new CosineAnnealingLR(opt, 10, 0.001);
        assertThat(s.lrAt(0)).isCloseTo(0.1, within(1e-17));
        assertThat(s.lrAt(5)).isCloseTo((0.1 + 0.001) / 2, within(1e-17));
        assertThat(s.lrAt(10)).isCloseTo(0.001, within(1e-17));
        assertThat(s.lrAt(2)).isCloseTo(0.001 + 0.099 * (1 + Math.cos(Math.PI * 0.2)) / 2, within(1e-17));
        // PyTorch's closed form continues past T_max: the rate rises again
        assertThat(s.lrAt(15)).isCloseTo((0.1 + 0.001) / 2, within(1e-16));
        assertThat(new CosineAnnealingLR(sgd(1), 4).lrAt(4)).isCloseTo(0, within(1e-16));
        s.step();
        assertThat(opt.learningRate()).isEqualTo(s.lrAt(1));
    }

    @Test
    void stateRoundTripAndErrors() {
        Optimizer a = sgd(0.1);
        ExponentialLR sa = new ExponentialLR(a, 0.5);
        sa.step();
        sa.step();
        Map<String, Tensor> st = sa.state();
        Optimizer b = sgd(7);
        ExponentialLR sb = new ExponentialLR(b, 0.5);
        sb.loadState(st);
        assertThat(b.learningRate()).isEqualTo(a.learningRate());
        assertThat(sb.baseLr()).isEqualTo(0.1);
        assertThat(sb.lastEpoch()).isEqualTo(2);
        assertThatThrownBy(() -> sb.loadState(Map.of("last_epoch", Tensor.scalar(-1), "base_lr", Tensor.scalar(1))))
                .hasMessageContaining("last_epoch");
        assertThatThrownBy(() -> new StepLR(a, 0)).hasMessageContaining("stepSize");
    }
}
