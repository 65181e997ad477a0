package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.optim.SGD;
import org.neuralode4j.optim.StepLR;
import org.neuralode4j.tensor.Tensor;

/**
 * Listeners, validation and early stopping on a problem whose every value is known: SGD on
 * (w − 3)² from w = 0, so w ← w − 2·lr·(w − 3).
 */
class TrainerListenersTest {
    @TempDir
    Path dir;

    private final Tensor w = Tensor.of(0.0).requiresGrad(true);
    private final SGD sgd = new SGD(List.of(w), 0.1);
    private final List<Object> log = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    private Trainer.Builder builder(int iterations) {
        return Trainer.builder(List.of(w), sgd, (it, rng) -> new StepResult(w.sub(3).square().sum(), 10L * it,
                        () -> 100L * it, java.util.Map.of("it", (double) it)))
                .iterations(iterations)
                .listener(new TrainingListener() {
                    @Override
                    public void onIteration(IterationEvent e) {
                        log.add(e);
                        weights.add(w.item());
                    }

                    @Override
                    public void onValidation(ValidationEvent e) {
                        log.add(e);
                    }

                    @Override
                    public void onCheckpoint(int iteration, Path file) {
                        log.add("checkpoint " + iteration);
                    }

                    @Override
                    public void onFinish(TrainingResult r) {
                        log.add(r);
                    }
                });
    }

    @Test
    void listenersSeeEveryIterationValidationCheckpointAndTheEnd() {
        List<Boolean> recording = new ArrayList<>();
        TrainingResult r = builder(5).scheduler(new StepLR(sgd, 2, 0.5))
                .validation(it -> {
                    recording.add(Tape.current().isRecording());
                    return 10.0 - it;
                }, 2)
                .checkpoints(dir.resolve("c.safetensors"), 3).build().fit();

        List<String> kinds = new ArrayList<>();
        for (Object o : log) {
            kinds.add(o instanceof IterationEvent e ? "it " + e.iteration()
                    : o instanceof ValidationEvent v ? "val " + v.iteration() : o instanceof String s ? s : "finish");
        }
        assertThat(kinds).containsExactly("it 1", "it 2", "val 2", "it 3", "checkpoint 3", "it 4", "val 4", "it 5",
                "val 5", "checkpoint 5", "finish");
        assertThat(recording).containsExactly(false, false, false);

        double[] lrs = {0.1, 0.1, 0.05, 0.05, 0.025};
        double expectW = 0;
        int k = 0;
        for (Object o : log) {
            if (o instanceof IterationEvent e) {
                assertThat(e.loss()).isCloseTo((expectW - 3) * (expectW - 3), within(1e-12));
                assertThat(e.learningRate()).isEqualTo(lrs[k]);
                assertThat(e.forwardEvaluations()).isEqualTo(10L * e.iteration());
                assertThat(e.backwardEvaluations()).isEqualTo(100L * e.iteration());
                assertThat(e.metrics()).containsEntry("it", (double) e.iteration());
                expectW -= 2 * lrs[k] * (expectW - 3);
                assertThat(weights.get(k)).isCloseTo(expectW, within(1e-12));
                k++;
            } else if (o instanceof ValidationEvent v) {
                assertThat(v.loss()).isEqualTo(10.0 - v.iteration());
                assertThat(v.improved()).isTrue();
                assertThat(v.bestIteration()).isEqualTo(v.iteration());
            }
        }
        assertThat(r.iterations()).isEqualTo(5);
        assertThat(r.iterationsRun()).isEqualTo(5);
        assertThat(r.forwardEvaluations()).isEqualTo(10L * (1 + 2 + 3 + 4 + 5));
        assertThat(r.backwardEvaluations()).isEqualTo(100L * (1 + 2 + 3 + 4 + 5));
        assertThat(r.bestValidationLoss()).isEqualTo(5.0);
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(log.get(log.size() - 1)).isEqualTo(r);
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() throws IOException {
        Path file = dir.resolve("es.safetensors");
        // validation (it − 4)² + 1: best at 4, then 5, 6, 7 do not improve
        TrainingResult r = builder(50).validation(it -> (it - 4.0) * (it - 4.0) + 1, 1).earlyStopping(3, 0)
                .checkpoints(file, 100).build().fit();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.iterations()).isEqualTo(7);
        assertThat(r.bestIteration()).isEqualTo(4);
        assertThat(r.bestValidationLoss()).isEqualTo(1.0);
        assertThat(weights).hasSize(7);
        assertThat(w.item()).isEqualTo(weights.get(3)).isNotEqualTo(weights.get(6));

        TrainingCheckpoint cp = TrainingCheckpoint.read(file);
        assertThat(cp.stoppedEarly()).isTrue();
        assertThat(cp.iteration()).isEqualTo(7);
        assertThat(cp.weights().get("0").item()).isEqualTo(weights.get(6));
        assertThat(cp.bestWeights().get("0").item()).isEqualTo(weights.get(3));

        w.buffer()[0] = 123;
        TrainingResult again = builder(50).validation(it -> 0.0, 1).earlyStopping(3, 0).build().resume(file);
        assertThat(again.iterationsRun()).isZero();
        assertThat(again.stoppedEarly()).isTrue();
        assertThat(w.item()).isEqualTo(weights.get(3));
    }

    @Test
    void minDeltaDecidesWhatCountsAsAnImprovement() {
        TrainingResult r = builder(50).validation(it -> (it - 4.0) * (it - 4.0) + 1, 1).earlyStopping(3, 1.5)
                .build().fit();
        assertThat(r.bestIteration()).isEqualTo(3);
        assertThat(r.iterations()).isEqualTo(6);
        assertThat(w.item()).isEqualTo(weights.get(2));
    }

    @Test
    void withoutRestoreTheLastWeightsStay() {
        TrainingResult r = builder(50).validation(it -> (it - 4.0) * (it - 4.0) + 1, 1).earlyStopping(3, 0, false)
                .build().fit();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(w.item()).isEqualTo(weights.get(6));
    }

    @Test
    void aFailingValidationSolveStopsTrainingNamingTheIteration() {
        Trainer t = builder(10).validation(it -> OdeSolver.solve((time, z) -> z, Tensor.of(1.0), new double[] {0, 100},
                SolveOptions.builder().maxSteps(1).build()).states().item(), 4).build();
        assertThatThrownBy(t::fit).isInstanceOf(TrainingException.class)
                .hasMessageContaining("iteration 4: the validation's solve failed: ")
                .hasCauseInstanceOf(SolverException.class);
    }
}
