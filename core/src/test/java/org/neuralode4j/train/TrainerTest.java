package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.io.DType;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.nn.Module;
import org.neuralode4j.tensor.Tensor;

/** Determinism, exact resumption and failure handling of {@link Trainer} on a small spiral training. */
class TrainerTest {
    @TempDir
    Path dir;

    static byte[] weights(Module model) {
        return Safetensors.toBytes(model.stateDict(), Map.of(), DType.F64);
    }

    static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        assertThat(Arrays.equals(actual, expected)).as("%s: identical bytes", what).isTrue();
    }

    @Test
    void theSameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        TinySpiral a = new TinySpiral(42, 12);
        TinySpiral b = new TinySpiral(42, 12);
        TinySpiral c = new TinySpiral(43, 12);
        a.trainer().build().fit();
        b.trainer().build().fit();
        c.trainer().build().fit();
        assertSameBytes(weights(b.model), weights(a.model), "weights");
        assertThat(Arrays.equals(weights(c.model), weights(a.model))).isFalse();
    }

    @Test
    void theSeedAloneChangesTheBatches() {
        TinySpiral a = new TinySpiral(42, 6);
        TinySpiral b = new TinySpiral(42, 6);
        a.trainer().seed(1).build().fit();
        b.trainer().seed(2).build().fit();
        assertThat(Arrays.equals(weights(b.model), weights(a.model))).isFalse();
    }

    @Test
    void resumingFromACheckpointEndsBitIdenticalToAnUninterruptedRun() throws IOException {
        Path full = dir.resolve("full.safetensors");
        Path at8 = dir.resolve("at8.safetensors");
        TinySpiral a = new TinySpiral(42, 14);
        TrainingResult ra = a.trainer(full, 4).listener(new TrainingListener() {
            @Override
            public void onCheckpoint(int iteration, Path file) {
                if (iteration == 8) {
                    copy(file, at8);
                }
            }
        }).build().fit();
        assertThat(TrainingCheckpoint.read(at8).iteration()).isEqualTo(8);

        Path resumed = dir.resolve("resumed.safetensors");
        Files.copy(at8, resumed);
        TinySpiral b = new TinySpiral(7, 14); // other initial weights: all of them come from the checkpoint
        Trainer tb = b.trainer(resumed, 4).build();
        TrainingResult rb = tb.resume(resumed);

        assertSameBytes(weights(b.model), weights(a.model), "weights");
        assertSameBytes(Files.readAllBytes(resumed), Files.readAllBytes(full), "final checkpoints");
        assertThat(rb.iterations()).isEqualTo(14);
        assertThat(rb.iterationsRun()).isEqualTo(6);
        assertThat(rb.lastLoss()).isEqualTo(ra.lastLoss());
        assertThat(rb.bestValidationLoss()).isEqualTo(ra.bestValidationLoss());
        assertThat(b.optimizer.learningRate()).isEqualTo(a.optimizer.learningRate()).isEqualTo(1e-2 / 4);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFinishedCheckpointResumesToTheSameEnd() throws IOException {
        Path file = dir.resolve("done.safetensors");
        TinySpiral a = new TinySpiral(42, 5);
        a.trainer(file, 100).build().fit();
        TinySpiral b = new TinySpiral(9, 5);
        TrainingResult r = b.trainer(file, 100).build().resume(file);
        assertThat(r.iterationsRun()).isZero();
        assertSameBytes(weights(b.model), weights(a.model), "weights");
    }

    @Test
    void aNaNLossStopsWithTheIterationAndKeepsTheLastCheckpoint() throws IOException {
        Path file = dir.resolve("nan.safetensors");
        TinySpiral run = new TinySpiral(42, 20);
        LossFunction nanAt7 = (it, rng) -> {
            StepResult r = run.loss.compute(it, rng);
            return it == 7 ? StepResult.of(r.loss().mul(Double.NaN)) : r;
        };
        Trainer trainer = run.trainer(nanAt7).checkpoints(file, 5).build();
        assertThatThrownBy(trainer::fit).isInstanceOf(TrainingException.class)
                .hasMessageContaining("iteration 7: the training loss is NaN")
                .hasMessageContaining("the last checkpoint (iteration 5, " + file.toAbsolutePath() + ") is kept")
                .satisfies(e -> assertThat(((TrainingException) e).iteration()).isEqualTo(7));
        TrainingCheckpoint cp = TrainingCheckpoint.read(file);
        assertThat(cp.iteration()).isEqualTo(5);
        assertThat(cp.weights()).hasSize(4);
        cp.weights().values().forEach(w -> assertThat(w.hasNonFinite()).isFalse());
        new TinySpiral(42, 20).trainer(file, 5).build().restore(file);
    }

    @Test
    void aNonFiniteGradientNamesTheParameter() throws IOException {
        Path file = dir.resolve("grad.safetensors");
        TinySpiral run = new TinySpiral(42, 20);
        Tensor bias = run.model.namedParameters().get("net.2.bias");
        LossFunction badGradientAt9 = (it, rng) -> {
            StepResult r = run.loss.compute(it, rng);
            if (it != 9) {
                return r;
            }
            // value 0, gradient 0.5/sqrt(0)·sign(0): not finite
            Tensor zero = bias.sub(bias.detach()).abs().sqrt().sum();
            return new StepResult(r.loss().add(zero), r.forwardEvaluations(), r.backwardEvaluations(), r.metrics());
        };
        Trainer trainer = run.trainer(badGradientAt9).checkpoints(file, 5).build();
        assertThatThrownBy(trainer::fit).isInstanceOf(TrainingException.class)
                .hasMessageContaining("iteration 9: the gradient of parameter 'net.2.bias' has 2 NaN or infinite values");
        assertThat(TrainingCheckpoint.read(file).iteration()).isEqualTo(5);
    }

    @Test
    void anUpdateThatOverflowsStopsTraining() {
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        Trainer t = Trainer.builder(List.of(w), new org.neuralode4j.optim.SGD(List.of(w), 1e10),
                (it, rng) -> StepResult.of(w.mul(1e300).sum())).iterations(3).build();
        assertThatThrownBy(t::fit).isInstanceOf(TrainingException.class)
                .hasMessageContaining("iteration 1: the update left parameter '0' with 1 NaN or infinite value (of 1)")
                .hasMessageContaining("no checkpoints are configured");
    }

    @Test
    void checkpointsWithNonFiniteWeightsAreNeverWritten() throws IOException {
        Path file = dir.resolve("w.safetensors");
        TinySpiral run = new TinySpiral(42, 3);
        Trainer t = run.trainer(file, 1).build();
        t.fit();
        byte[] before = Files.readAllBytes(file);
        run.model.namedParameters().get("net.0.bias").buffer()[3] = Double.POSITIVE_INFINITY;
        assertThatThrownBy(() -> t.checkpoint().write(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'net.0.bias' has NaN or infinite values");
        assertSameBytes(Files.readAllBytes(file), before, "checkpoint");
    }

    @Test
    void aCheckpointOfAnotherModelIsRejectedWithTheNames() throws IOException {
        Path file = dir.resolve("other.safetensors");
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        Trainer other = Trainer.builder(List.of(w), new org.neuralode4j.optim.SGD(List.of(w), 0.1),
                (it, rng) -> StepResult.of(w.square().sum())).iterations(2).checkpoints(file, 1).build();
        other.fit();
        Trainer spiral = new TinySpiral(42, 3).trainer().build();
        assertThatThrownBy(() -> spiral.restore(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing 'net.0.weight'").hasMessageContaining("unexpected '0'");
        Path notACheckpoint = dir.resolve("model.safetensors");
        Safetensors.write(notACheckpoint, Map.of("w", w), Map.of());
        assertThatThrownBy(() -> spiral.restore(notACheckpoint)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a training checkpoint");
    }

    @Test
    void builderChecksItsSettings() {
        TinySpiral run = new TinySpiral(42, 3);
        Tensor stray = Tensor.of(1.0).requiresGrad(true);
        assertThatThrownBy(() -> Trainer.builder(run.model, new org.neuralode4j.optim.SGD(List.of(stray), 0.1), run.loss))
                .hasMessageContaining("build the optimizer from the same parameter list");
        Tensor w = Tensor.of(1.0).requiresGrad(true);
        Trainer.Builder b = Trainer.builder(List.of(w), new org.neuralode4j.optim.SGD(List.of(w), 0.1),
                (it, rng) -> StepResult.of(w.square().sum())).earlyStopping(3, 0);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessageContaining("validation");
        assertThatThrownBy(() -> b.iterations(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> b.clipGradNorm(-1)).hasMessageContaining("maxNorm");
    }

    @Test
    void iterationEventsCarryTheWorkDone() {
        List<IterationEvent> events = new ArrayList<>();
        TinySpiral run = new TinySpiral(42, 4);
        run.trainer().listener(new TrainingListener() {
            @Override
            public void onIteration(IterationEvent event) {
                events.add(event);
            }
        }).build().fit();
        assertThat(events).extracting(IterationEvent::iteration).containsExactly(1, 2, 3, 4);
        for (IterationEvent e : events) {
            assertThat(e.forwardEvaluations()).isGreaterThan(0);
            assertThat(e.backwardEvaluations()).isZero(); // direct backpropagation replays the tape
            assertThat(e.seconds()).isGreaterThan(0);
            assertThat(e.loss()).isFinite().isPositive();
            assertThat(e.metrics()).containsKey("grad_norm");
        }
    }
}
