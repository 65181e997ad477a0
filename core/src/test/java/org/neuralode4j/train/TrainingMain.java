package org.neuralode4j.train;

import java.nio.file.Path;

/**
 * A training process for the kill-and-resume test: trains {@link TinySpiral} with checkpoints and
 * sleeps after every iteration so that the test can kill it mid-run. Arguments: checkpoint file,
 * iterations, checkpoint interval, milliseconds to sleep per iteration.
 */
public final class TrainingMain {
    private TrainingMain() {
    }

    /** Runs the training described by the arguments. */
    public static void main(String[] args) {
        int iterations = Integer.parseInt(args[1]);
        long sleep = Long.parseLong(args[3]);
        TinySpiral run = new TinySpiral(42, iterations);
        run.trainer(Path.of(args[0]), Integer.parseInt(args[2])).listener(new TrainingListener() {
            @Override
            public void onIteration(IterationEvent event) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build().fit();
    }
}
