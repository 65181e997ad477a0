package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.tensor.Tensor;

/** The network settings {@link MlpField.Builder} and {@link ModelSpec.Builder} share: defaults, checks, copies. */
class MlpSettingsTest {

    @Test
    void eachBuilderKeepsItsOwnMessages() {
        assertChecks("MlpField: input width", "MlpField: hidden width", n -> MlpField.builder(2).inputs(n),
                w -> MlpField.builder(2).hidden(w), a -> MlpField.builder(2).activation(a));
        assertChecks("input dimension", "hidden width", n -> ModelSpec.mlp(2).inputs(n), w -> ModelSpec.mlp(2).hidden(w),
                a -> ModelSpec.mlp(2).activation(a));
    }

    private static void assertChecks(String inputWhat, String hiddenWhat, IntConsumer inputs, Consumer<int[]> hidden,
            Consumer<Activation> activation) {
        assertThatThrownBy(() -> inputs.accept(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(inputWhat + " -1 must be >= 0");
        assertThatThrownBy(() -> hidden.accept(new int[] {4, 0})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(hiddenWhat + " 0 must be at least 1");
        assertThatThrownBy(() -> activation.accept(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("activation");
    }

    @Test
    void bothBuildersStartFromTheSameDefaults() {
        MlpField field = MlpField.builder(2).build();
        ModelSpec spec = ModelSpec.mlp(2).build();
        assertThat(field.inputDim()).isZero().isEqualTo(spec.inputDim());
        assertThat(field.timeDependent()).isFalse().isEqualTo(spec.timeDependent());
        assertThat(field.hidden()).isEmpty();
        assertThat(spec.hidden()).isEmpty();
        assertThat(field.activation()).isEqualTo(Activation.TANH).isEqualTo(spec.activation());
    }

    @Test
    void aSpecBuildsTheFieldItsSettingsDescribe() {
        ModelSpec spec = ModelSpec.mlp(2).augment(1).inputs(2).timeDependent(true).hidden(6, 5)
                .activation(Activation.SOFTPLUS).build();
        MlpField fromSpec = (MlpField) spec.buildField(new SplittableRandom(7));
        MlpField byHand = MlpField.builder(3).inputs(2).timeDependent(true).hidden(6, 5).activation(Activation.SOFTPLUS)
                .rng(new SplittableRandom(7)).build();
        assertThat(fromSpec.inputDim()).isEqualTo(2);
        assertThat(fromSpec.timeDependent()).isTrue();
        assertThat(fromSpec.hidden()).containsExactly(6, 5);
        assertThat(fromSpec.activation()).isEqualTo(Activation.SOFTPLUS);
        Map<String, Tensor> expected = byHand.namedParameters();
        assertThat(fromSpec.namedParameters()).hasSameSizeAs(expected).allSatisfy((name, value) -> {
            assertThat(value.shape()).containsExactly(expected.get(name).shape());
            assertThat(value.toArray()).containsExactly(expected.get(name).toArray());
        });
    }

    @Test
    void specsAndBuildersDoNotShareSettings() {
        ModelSpec.Builder builder = ModelSpec.mlp(2).inputs(1).hidden(4);
        ModelSpec spec = builder.build();
        builder.inputs(3).hidden(9).activation(Activation.RELU);
        assertThat(spec.inputDim()).isEqualTo(1);
        assertThat(spec.hidden()).containsExactly(4);
        assertThat(spec.activation()).isEqualTo(Activation.TANH);

        ModelSpec.Builder again = spec.toBuilder();
        assertThat(again.build()).isEqualTo(spec);
        again.timeDependent(true).hidden(2, 2);
        assertThat(spec.timeDependent()).isFalse();
        assertThat(spec.hidden()).containsExactly(4);
        spec.hidden()[0] = 99;
        assertThat(spec.hidden()).containsExactly(4);
    }
}
