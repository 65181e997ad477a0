package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

/** Model specs in metadata, model files that rebuild the exact model, and clear errors on bad files. */
class ModelSpecTest {
    @TempDir
    Path dir;

    private static ModelSpec full() {
        return ModelSpec.mlp(2).augment(1).inputs(1).timeDependent(true).hidden(16, 8).activation(Activation.SOFTPLUS)
                .inputInterpolation(Interpolation.PCHIP).method("tsit5").rtol(1e-8).atol(1e-10)
                .gradient(Gradient.CHECKPOINTED_ADJOINT)
                .standardization(new Standardization(new double[] {0.5, -1}, new double[] {2, 0.25}, new double[] {0.3},
                        new double[] {0.1}))
                .build();
    }

    @Test
    void metadataRoundTrips() {
        ModelSpec spec = full();
        Map<String, String> m = spec.toMetadata();
        assertThat(m).containsEntry("format", ModelSpec.FORMAT).containsEntry("model.kind", "mlp")
                .containsEntry("model.hidden", "16,8").containsEntry("model.activation", "softplus")
                .containsEntry("solver.method", "tsit5").containsEntry("solver.rtol", "1.0E-8")
                .containsEntry("solver.gradient", "checkpointed").containsEntry("standardization.state_std", "2.0,0.25");
        ModelSpec back = ModelSpec.fromMetadata(m);
        assertThat(back).isEqualTo(spec);
        assertThat(back.networkInputDim()).isEqualTo(2 + 1 + 1 + 1);
        assertThat(back.fieldDim()).isEqualTo(3);
        assertThat(back.standardization().stateMean()).containsExactly(0.5, -1);
        assertThat(ModelSpec.fromMetadata(ModelSpec.mlp(3).build().toMetadata()).hidden()).isEmpty();
        assertThat(ModelSpec.fromMetadata(ModelSpec.spiral().build().toMetadata()).kind()).isEqualTo(ModelSpec.Kind.SPIRAL);
        ModelSpec stiff = ModelSpec.mlp(2).method("Rodas5P").build();
        assertThat(stiff.method()).isEqualTo("rodas5p");
        assertThat(stiff.solveOptions().isStiff()).isTrue();
        assertThat(ModelSpec.fromMetadata(stiff.toMetadata())).isEqualTo(stiff);
    }

    @Test
    void theBuiltModelHasTheDescribedArchitecture() {
        NeuralOde model = full().build(new SplittableRandom(1));
        MlpField field = (MlpField) model.field();
        assertThat(field.dim()).isEqualTo(3);
        assertThat(field.inputDim()).isEqualTo(1);
        assertThat(field.timeDependent()).isTrue();
        assertThat(model.namedParameters().get("net.0.weight").shape()).containsExactly(16, 5);
        assertThat(model.augment()).isEqualTo(1);
        assertThat(model.gradient()).isEqualTo(Gradient.CHECKPOINTED_ADJOINT);
        assertThat(model.options().method().name()).isEqualTo("tsit5");
        assertThat(model.options().rtol()).isEqualTo(1e-8);
        assertThat(model.withGradient(Gradient.ADJOINT).spec().orElseThrow().gradient()).isEqualTo(Gradient.ADJOINT);
        assertThat(ModelSpec.spiral().build().build(new SplittableRandom(2)).field()).isInstanceOf(SpiralOdeFunc.class);
    }

    @Test
    void savedModelsPredictExactlyAsBefore() throws IOException {
        NeuralOde model = full().build(new SplittableRandom(3));
        Path file = dir.resolve("model.safetensors");
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("train.loss", "0.0123");
        model.save(file, extra);
        SavedModel saved = SavedModel.read(file);
        NeuralOde loaded = saved.model();
        assertThat(saved.spec()).isEqualTo(model.spec().orElseThrow());
        assertThat(saved.extraMetadata()).containsExactlyEntriesOf(extra);
        assertThat(saved.metadata()).containsEntry("model.augment", "1");
        double[] times = {0, 0.1, 0.45, 1.3};
        InputSignal u = InputSignal.of(new double[] {0, 0.5, 1.5}, new double[][] {{0.2}, {0.7}, {-0.1}}, Interpolation.PCHIP);
        Tensor z0 = Tensor.of(new double[][] {{0.5, -0.3}, {1.2, 0.8}});
        Tensor before = Autodiff.noGrad(() -> model.forward(z0, times, u));
        Tensor after = Autodiff.noGrad(() -> loaded.forward(z0, times, u));
        assertThat(after.allClose(before, 1e-15)).isTrue();
        assertThat(loaded.stateDict().keySet()).containsExactlyElementsOf(model.stateDict().keySet());

        NeuralOde spiral = ModelSpec.spiral().gradient(Gradient.ADJOINT).build().build(new SplittableRandom(4));
        Path spiralFile = dir.resolve("spiral.safetensors");
        spiral.save(spiralFile, Map.of());
        NeuralOde spiralBack = NeuralOde.load(spiralFile);
        Tensor y0 = Tensor.of(new double[][] {{2, 0}});
        assertThat(Autodiff.noGrad(() -> spiralBack.forward(y0, times)).allClose(
                Autodiff.noGrad(() -> spiral.forward(y0, times)), 1e-15)).isTrue();
        assertThat(spiralBack.gradient()).isEqualTo(Gradient.ADJOINT);
    }

    @Test
    void savingNeedsASpecAndKeepsItsKeys() {
        NeuralOde bare = NeuralOde.builder(new SpiralOdeFunc(new SplittableRandom(5))).build();
        assertThatThrownBy(() -> bare.save(dir.resolve("x.safetensors"), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not from a ModelSpec");
        NeuralOde model = ModelSpec.mlp(2).build().build(new SplittableRandom(6));
        assertThatThrownBy(() -> model.save(dir.resolve("y.safetensors"), Map.of("model.hidden", "3")))
                .hasMessageContaining("'model.hidden' is reserved");
    }

    @Test
    void badMetadataIsReportedKeyByKey() {
        Map<String, String> m = new LinkedHashMap<>(full().toMetadata());
        m.remove("model.kind");
        m.put("model.state_dim", "two");
        m.put("model.augment", "-1");
        m.put("model.hidden", "16,,8");
        m.put("model.activation", "swish");
        m.put("solver.method", "rk45");
        m.put("solver.rtol", "NaN");
        m.put("solver.gradient", "backprop");
        m.put("model.time_dependent", "yes");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(m)).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("missing key 'model.kind'")
                .hasMessageContaining("model.state_dim = 'two' is not an integer >= 1")
                .hasMessageContaining("model.augment = '-1' is not an integer >= 0")
                .hasMessageContaining("model.hidden = '16,,8' is not a comma-separated list of positive integers")
                .hasMessageContaining("model.activation: unknown activation 'swish'")
                .hasMessageContaining("solver.method: unknown method 'rk45'; valid names: explicit euler")
                .hasMessageContaining("solver.rtol = 'NaN' is not a finite number >= 0")
                .hasMessageContaining("solver.gradient: unknown gradient method 'backprop'")
                .hasMessageContaining("model.time_dependent = 'yes' is not true or false");
    }

    @Test
    void formatAndConsistencyErrors() {
        assertThatThrownBy(() -> ModelSpec.fromMetadata(Map.of("epoch", "3")))
                .hasMessageContaining("no 'format' key").hasMessageContaining(ModelSpec.FORMAT);
        Map<String, String> future = new LinkedHashMap<>(ModelSpec.mlp(2).build().toMetadata());
        future.put("format", "neuralode4j-model/9");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(future)).hasMessageContaining("unsupported model format 'neuralode4j-model/9'");
        Map<String, String> spiral = new LinkedHashMap<>(ModelSpec.spiral().build().toMetadata());
        spiral.put("model.hidden", "64");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(spiral)).hasMessageContaining("fixed architecture");
        Map<String, String> std = new LinkedHashMap<>(full().toMetadata());
        std.put("model.input_dim", "2");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(std))
                .hasMessageContaining("the standardization covers 2 states and 1 inputs but the model has 2 and 2");
        Map<String, String> partial = new LinkedHashMap<>(ModelSpec.mlp(2).build().toMetadata());
        partial.put("standardization.state_mean", "0,0");
        assertThatThrownBy(() -> ModelSpec.fromMetadata(partial)).hasMessageContaining("standardization.state_std");
        assertThatThrownBy(() -> ModelSpec.mlp(0)).hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> ModelSpec.mlp(2).hidden(4, 0)).hasMessageContaining("hidden width 0");
    }

    @Test
    void filesWhoseWeightsDoNotFitTheirMetadataAreRejected() throws IOException {
        NeuralOde model = ModelSpec.mlp(2).hidden(8).build().build(new SplittableRandom(7));
        Map<String, String> lying = new LinkedHashMap<>(model.spec().orElseThrow().toMetadata());
        lying.put("model.hidden", "9");
        Path file = dir.resolve("lying.safetensors");
        Safetensors.write(file, model.stateDict(), lying);
        assertThatThrownBy(() -> NeuralOde.load(file)).isInstanceOf(ModelSpecException.class)
                .hasMessageContaining("lying.safetensors").hasMessageContaining("do not fit the architecture")
                .hasMessageContaining("shape mismatch for net.0.weight");
        Path plain = dir.resolve("plain.safetensors");
        Safetensors.write(plain, model.stateDict(), Map.of());
        assertThatThrownBy(() -> NeuralOde.load(plain)).hasMessageContaining("plain.safetensors")
                .hasMessageContaining("no 'format' key");
        assertThat(List.of(file, plain)).allMatch(p -> p.toFile().exists());
    }
}
