package org.neuralode4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.train.IterationEvent;
import org.neuralode4j.train.SpiralBenchmark;
import org.neuralode4j.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuralode bench spiral}: torchdiffeq's ode_demo training ({@link SpiralBenchmark}), printing
 * one JSON line with the keys of {@code torchdiffeq_spiral.py} to stdout; progress, when asked for,
 * goes to stderr.
 */
@Command(name = "spiral",
        mixinStandardHelpOptions = true,
        description = {
            "Trains torchdiffeq's spiral demo (REFERENCE.md: RMSprop lr 1e-3, batches of 20 windows of "
                + "10 samples, L1 loss, dopri5 at rtol 1e-7, atol 1e-9) and prints one JSON line: seconds per "
                + "iteration, forward and backward evaluations per iteration, full-trajectory L1 after training.",
            "With --warmup N throw-away models train N iterations first (untimed, in runs as long as the timed "
                + "one, at least 200), then the command waits until the JIT compilers are idle: the JIT's steady state "
                + "(20000 iterations reach it).",
            "",
            "Example:  neuralode bench spiral --iterations 2000 --gradient direct --seed 0"
        })
final class BenchSpiralCommand implements Callable<Integer> {
    /** The longest wait for the JIT after a warm-up ({@link JitQuiescence}), milliseconds. */
    static final long JIT_WAIT_MILLIS = 10_000;
    /** The shortest warm-up run: short timed runs would otherwise spend their warm-up making data and scoring. */
    static final int WARMUP_RUN = 200;

    @Option(names = "--iterations", defaultValue = "2000", paramLabel = "N",
            description = "Training iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--gradient", defaultValue = "direct", paramLabel = "METHOD", converter = GradientConverter.class,
            description = "direct, adjoint, checkpointed or recursive (default: ${DEFAULT-VALUE}).")
    Gradient gradient;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Seeds the initial weights and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T",
            description = "Threads large matrix products may use (Gemm); the spiral's batch-20 products are small "
                    + "and stay on one thread, so this matters for wide models (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "Train throw-away models for N iterations in all first, untimed, in runs as long as "
                    + "the timed one (at least 200), then wait (at most 10 s) until the JIT compilers are idle, "
                    + "so that the timed run measures compiled code (the JIT's steady state) rather than the "
                    + "JVM's start-up; the timed run's results do not change (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--progress-every", defaultValue = "0", paramLabel = "N",
            description = "Print the training loss to stderr every N iterations (default: 0, never).")
    int progressEvery;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionErrors.atLeast("--iterations", iterations, 1);
        OptionErrors.atLeast("--threads", threads, 1);
        org.neuralode4j.tensor.Gemm.setThreads(threads);
        if (progressEvery < 0) {
            throw new UsageException("--progress-every " + progressEvery + " must be 0 (off) or positive");
        }
        if (warmup < 0) {
            throw new UsageException("--warmup " + warmup + " must be 0 (none) or positive");
        }
        PrintWriter err = spec.commandLine().getErr();
        TrainingListener progress = progressEvery == 0 ? null : new TrainingListener() {
            @Override
            public void onIteration(IterationEvent e) {
                if (e.iteration() % progressEvery == 0) {
                    err.println(String.format(Locale.ROOT, "iteration %d/%d  loss %.6f  nfe %d forward, %d backward",
                            e.iteration(), iterations, e.loss(), e.forwardEvaluations(), e.backwardEvaluations()));
                    err.flush();
                }
            }
        };
        KernelChoice.forTraining((long) iterations + warmup, SpiralBenchmark.BATCH_SIZE, SpiralBenchmark.HIDDEN, gradient);
        if (warmup > 0) {
            // runs as long as the timed one (at least WARMUP_RUN), so that each start-of-run path (a fresh
            // model, optimizer and trainer, the data and the scoring solves) is compiled too, not just the
            // iteration loop
            int run = Math.max(iterations, WARMUP_RUN);
            for (long done = 0; done < warmup; done += run) {
                SpiralBenchmark.run((int) Math.min(run, warmup - done), gradient, seed + 1, null);
            }
            long waited = JitQuiescence.await(JIT_WAIT_MILLIS);
            err.println("warm-up: " + warmup + " iterations, then " + waited + " ms"
                    + (waited >= JIT_WAIT_MILLIS ? " (the limit) waiting for the JIT compilers to go idle"
                    : " until the JIT compilers were idle"));
            err.flush();
        }
        SpiralBenchmark.Result r = SpiralBenchmark.run(iterations, gradient, seed, progress);
        PrintWriter out = spec.commandLine().getOut();
        out.println(r.toJson());
        out.flush();
        return 0;
    }

    /** Parses {@code direct}, {@code adjoint}, {@code checkpointed} or {@code recursive} ({@link Gradient#fromName}). */
    static final class GradientConverter implements CommandLine.ITypeConverter<Gradient> {
        @Override
        public Gradient convert(String value) {
            try {
                return Gradient.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
