package org.neuralode4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.cli.plot.TrainingPlots;
import org.neuralode4j.cli.progress.Progress;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.train.IterationEvent;
import org.neuralode4j.train.SpiralBenchmark;
import org.neuralode4j.train.TrainingListener;
import org.neuralode4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuralode demo spiral}: torchdiffeq's ode_demo trained in Java (REFERENCE.md, "The spiral").
 * A network learns the vector field of a cubic spiral from 1000 samples of one trajectory; progress
 * on stderr, the final full-trajectory L1 on stdout, and pictures after ode_demo's.
 */
@Command(name = "spiral", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn the spiral dy/dt = (y^3) A from samples, as torchdiffeq's ode_demo does. "
                + "Writes loss.png and spiral.png (trajectories, phase portrait, learned vector field).", "",
            "Example:  neuralode demo spiral --iterations 2000 --gradient adjoint --plot out"})
public final class DemoSpiralCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--iterations", defaultValue = "2000", description = "Training iterations (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--gradient", defaultValue = "direct", description = "direct, adjoint, checkpointed or recursive (default: ${DEFAULT-VALUE}).")
    private String gradient;

    @Option(names = "--method", defaultValue = SpiralBenchmark.METHOD,
            description = "Solver (default: ${DEFAULT-VALUE}, the Dormand–Prince pair as torchdiffeq runs it).")
    private String method;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and batches (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--plot", defaultValue = "neuralode-out", paramLabel = "DIR", description = "Where the pictures go (default: ${DEFAULT-VALUE}).")
    private Path plotDir;

    @Option(names = "--plot-every", defaultValue = "0", paramLabel = "N", description = "Also redraw spiral.png every N iterations (default: only at the end).")
    private int plotEvery;

    @Option(names = "--check-every", defaultValue = "100", paramLabel = "N", description = "Score the full trajectory every N iterations and keep the best weights, as a validation check would (0: keep the last; default: ${DEFAULT-VALUE}).")
    private int checkEvery;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        OptionErrors.atLeast("--iterations", iterations, 1);
        if (plotEvery < 0 || checkEvery < 0) {
            throw new UsageException((plotEvery < 0 ? "--plot-every " + plotEvery : "--check-every " + checkEvery)
                    + " must be at least 0 (0: never)");
        }
        Gradient g;
        try {
            g = Gradient.fromName(gradient);
            SolveOptions.builder().method(method).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Files.createDirectories(plotDir);
        PrintWriter err = spec.commandLine().getErr();
        KernelChoice.forTraining(iterations, SpiralBenchmark.BATCH_SIZE, SpiralBenchmark.HIDDEN, g);
        SpiralBenchmark.Session session = SpiralBenchmark.session(iterations, g, seed, method);
        double initial = session.fullTrajectoryL1();
        List<double[]> losses = new ArrayList<>();
        List<double[]> scores = new ArrayList<>();
        TrainingResult result;
        try (Progress progress = Progress.choose("spiral", iterations, quiet, err, Math.max(1, iterations / 20))) {
            session.trainer().listener(new TrainingListener() {
                @Override
                public void onValidation(org.neuralode4j.train.ValidationEvent e) {
                    scores.add(new double[] {e.iteration(), e.loss()});
                }

                @Override
                public void onIteration(IterationEvent e) {
                    losses.add(new double[] {e.iteration(), e.loss()});
                    progress.update(e.iteration(), e.loss(), e.forwardEvaluations(), e.backwardEvaluations());
                    if (plotEvery > 0 && e.iteration() % plotEvery == 0 && e.iteration() < iterations) {
                        double score = session.fullTrajectoryL1();
                        progress.message(String.format(Locale.ROOT, "iteration %d: full-trajectory L1 %.4f", e.iteration(),
                                score));
                        try {
                            draw(session);
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                }
            });
            if (checkEvery > 0) {
                session.trainer().validation(it -> session.fullTrajectoryL1(), checkEvery)
                        .earlyStopping(Integer.MAX_VALUE, 0, true);
            }
            result = session.trainer().build().fit();
        } catch (SolverException e) {
            throw new SolverFailure(e, "demo spiral");
        }
        double score = session.fullTrajectoryL1();
        draw(session);
        TrainingPlots.lossCurve(plotDir.resolve("loss.png"), column(losses, 0), column(losses, 1), column(scores, 0),
                column(scores, 1), "full-trajectory L1");
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "spiral: %d iterations (%s gradient, %s) in %.1f s (%.2f ms/iteration)%n",
                result.iterationsRun(), g.shortName(), method, result.seconds(), 1e3 * result.seconds() / result.iterationsRun());
        out.printf(Locale.ROOT, "full-trajectory L1 %.4f%s (initial %.4f; torchdiffeq's ode_demo reaches about 0.16)%n",
                score, checkEvery > 0 ? String.format(Locale.ROOT, ", the best of the checks every %d iterations (at "
                        + "iteration %d)", checkEvery, result.bestIteration()) : "", initial);
        out.printf("pictures: %s, %s%n", plotDir.resolve("spiral.png"), plotDir.resolve("loss.png"));
        out.flush();
        return 0;
    }

    /** The three panels: true and learned trajectories from y0 over [0, 25], and the learned field. */
    private void draw(SpiralBenchmark.Session session) throws java.io.IOException {
        Trajectory truth = session.full().trajectory(0);
        double[] t = truth.times();
        ModuleField f = new ModuleField(session.model());
        Tensor pred = Autodiff.noGrad(() -> OdeSolver.solve(f, Tensor.of(new double[][] {truth.state(0)}), t,
                SolveOptions.builder().method(method).rtol(1e-7).atol(1e-9).build()).states());
        double[][] data = new double[t.length][];
        double[][] model = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            data[i] = truth.state(i);
            model[i] = new double[] {pred.get(i, 0, 0), pred.get(i, 0, 1)};
        }
        TrainingPlots.threePanels(plotDir.resolve("spiral.png"), "spiral", t, data, model, (x, y) ->
                Autodiff.noGrad(() -> f.apply(0, Tensor.of(new double[][] {{x, y}}))).toArray(), new String[] {"x", "y"});
    }

    private static double[] column(List<double[]> rows, int j) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows.get(i)[j];
        }
        return c;
    }
}
