package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed (SIGKILL) mid-run and resumed from its last checkpoint ends with weights
 * bit-identical to an uninterrupted run.
 */
class KillAndResumeTest {
    private static final int ITERATIONS = 30;
    private static final int EVERY = 4;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumedFromItsCheckpointEndsBitIdentical() throws Exception {
        Path file = dir.resolve("run.safetensors");
        Path log = dir.resolve("child.log");
        Process child = startTraining(file, log);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(Files.exists(file)).as("the child wrote a checkpoint (alive: %s; output: %s)", child.isAlive(),
                    Files.readString(log)).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        TrainingCheckpoint killedAt = TrainingCheckpoint.read(file);
        assertThat(killedAt.iteration()).as("killed mid-run").isPositive().isLessThan(ITERATIONS);

        TinySpiral resumed = new TinySpiral(42, ITERATIONS);
        resumed.trainer(file, EVERY).build().resume(file);

        TinySpiral uninterrupted = new TinySpiral(42, ITERATIONS);
        uninterrupted.trainer().build().fit();
        assertThat(Arrays.equals(TrainerTest.weights(resumed.model), TrainerTest.weights(uninterrupted.model)))
                .as("bit-identical weights after resuming from iteration %d", killedAt.iteration()).isTrue();
    }

    /** Starts {@link TrainingMain} in a new JVM with the test class path, sleeping 100 ms per iteration, output to {@code log}. */
    private static Process startTraining(Path file, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), TrainingMain.class.getName(), file.toString(),
                Integer.toString(ITERATIONS), Integer.toString(EVERY), "100"));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }
}
