package org.neuralode4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuralode4j.tensor.Tensor;

class OptimizerStateTest {

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("SGD momentum", (Function<List<Tensor>, Optimizer>) p -> new SGD(p, 0.05, 0.9, 0.1, 0.01, false)),
                Arguments.of("SGD nesterov", (Function<List<Tensor>, Optimizer>) p -> new SGD(p, 0.05, 0.9, 0, 0, true)),
                Arguments.of("Adam", (Function<List<Tensor>, Optimizer>) p -> new Adam(p, 0.05)),
                Arguments.of("Adam amsgrad", (Function<List<Tensor>, Optimizer>) p -> new Adam(p, 0.05, 0.9, 0.99, 1e-8, 0.01, true)),
                Arguments.of("AdamW", (Function<List<Tensor>, Optimizer>) p -> new AdamW(p, 0.05)),
                Arguments.of("RMSprop", (Function<List<Tensor>, Optimizer>) p -> new RMSprop(p, 0.01)),
                Arguments.of("RMSprop centered momentum",
                        (Function<List<Tensor>, Optimizer>) p -> new RMSprop(p, 0.01, 0.99, 1e-8, 0.01, 0.9, true)));
    }

    private static List<Tensor> params(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(Tensor.randn(rng, 2, 3).requiresGrad(true), Tensor.randn(rng, 3).requiresGrad(true));
    }

    private static void iterate(Optimizer opt, List<Tensor> p, LrScheduler sched, int n) {
        for (int k = 0; k < n; k++) {
            opt.zeroGrad();
            p.get(0).sin().sum().add(p.get(1).pow(4).sum()).add(p.get(0).matmul(p.get(1).reshape(3, 1)).square().sum()).backward();
            opt.step();
            sched.step();
        }
    }

    private static List<Tensor> copies(List<Tensor> p) {
        return List.of(Tensor.fromArray(p.get(0).toArray(), 2, 3).requiresGrad(true),
                Tensor.fromArray(p.get(1).toArray(), 3).requiresGrad(true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void resumingFromStateIsBitIdentical(String name, Function<List<Tensor>, Optimizer> make) {
        List<Tensor> a = params(1);
        Optimizer optA = make.apply(a);
        LrScheduler schedA = new CosineAnnealingLR(optA, 10, 1e-4);
        iterate(optA, a, schedA, 3);
        Map<String, Tensor> saved = optA.state();
        Map<String, Tensor> savedSched = schedA.state();
        List<Tensor> b = copies(a);
        iterate(optA, a, schedA, 4);

        Optimizer optB = make.apply(b);
        LrScheduler schedB = new CosineAnnealingLR(optB, 10, 1e-4);
        optB.loadState(saved);
        schedB.loadState(savedSched);
        iterate(optB, b, schedB, 4);
        assertThat(b.get(0).toArray()).containsExactly(a.get(0).toArray());
        assertThat(b.get(1).toArray()).containsExactly(a.get(1).toArray());
        assertThat(optB.learningRate()).isEqualTo(optA.learningRate());
        // reset forgets everything but the learning rate
        List<Tensor> c = copies(b);
        Optimizer optC = make.apply(c);
        optC.loadState(optB.state());
        optC.reset();
        assertThat(optC.state().keySet()).containsExactly("lr");
    }

    @Test
    void stateUsesPyTorchNamesAndSkipsParametersWithoutGradients() {
        Tensor used = Tensor.of(1, 2).requiresGrad(true);
        Tensor unused = Tensor.of(3).requiresGrad(true);
        Adam adam = new Adam(List.of(unused, used), 0.1, 0.9, 0.999, 1e-8, 0, true);
        used.square().sum().backward();
        adam.step();
        adam.step();
        Map<String, Tensor> s = adam.state();
        assertThat(s.keySet()).containsExactly("lr", "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq",
                "state.1.max_exp_avg_sq");
        assertThat(s.get("state.1.step").item()).isEqualTo(2.0);
        assertThat(s.get("state.1.exp_avg").shape()).containsExactly(2);
        assertThat(unused.toArray()).containsExactly(3.0);
        RMSprop rms = new RMSprop(List.of(used));
        rms.step();
        assertThat(rms.state().keySet()).containsExactly("lr", "state.0.step", "state.0.square_avg");
        SGD sgd = new SGD(List.of(used), 0.1, 0.9, 0, 0, false);
        sgd.step();
        assertThat(sgd.state().keySet()).containsExactly("lr", "state.0.step", "state.0.momentum_buffer");
    }

    @Test
    void loadStateNamesEveryProblemAndChangesNothing() {
        Tensor p = Tensor.of(1, 2).requiresGrad(true);
        Adam adam = new Adam(List.of(p), 0.1);
        Map<String, Tensor> bad = new LinkedHashMap<>();
        bad.put("state.0.exp_avg", Tensor.zeros(3));
        bad.put("state.0.momentum", Tensor.zeros(2));
        bad.put("state.4.step", Tensor.scalar(1));
        bad.put("state.0.step", Tensor.scalar(1.5));
        assertThatThrownBy(() -> adam.loadState(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lr' must be present")
                .hasMessageContaining("'state.0.exp_avg' has shape [3] but parameter 0 has [2]")
                .hasMessageContaining("unexpected key 'state.0.momentum' (Adam buffers: exp_avg, exp_avg_sq, max_exp_avg_sq)")
                .hasMessageContaining("unexpected key 'state.4.step'")
                .hasMessageContaining("'state.0.step' must be a single non-negative integer");
        assertThat(adam.learningRate()).isEqualTo(0.1);
        assertThat(adam.state().keySet()).containsExactly("lr");
    }

    @Test
    void rejectsInvalidHyperparametersAndDuplicates() {
        List<Tensor> p = List.of(Tensor.of(1).requiresGrad(true));
        assertThatThrownBy(() -> new Adam(p, 0.1, 1.0, 0.999, 1e-8, 0, false)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> new SGD(p, -1)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> new SGD(p, 0.1, 0, 0, 0, true)).hasMessageContaining("Nesterov");
        assertThatThrownBy(() -> new RMSprop(p, 0.1, 0.99, -1, 0, 0, false)).hasMessageContaining("eps");
        Tensor t = p.get(0);
        assertThatThrownBy(() -> new Adam(List.of(t, t))).hasMessageContaining("distinct");
    }
}
