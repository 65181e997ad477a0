package org.neuralode4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.ode.problems.Dynamics;
import org.neuralode4j.ode.problems.Parameter;
import org.neuralode4j.ode.problems.Problem;
import org.neuralode4j.ode.problems.Problems;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neuralode simulate}: integrates a reference system ({@link Problems}) and writes its
 * trajectories as CSV, optionally with random initial states, irregular sample times and
 * measurement noise: synthetic data in the layout {@code train} reads.
 *
 * <p>Output columns: {@code t,<states>} for one trajectory; {@code trajectory,t,<states>} for
 * several (the trajectory column holds 0 … K−1). Noise is added to every sample, the first one
 * included, as a measurement would be; the initial state itself (and the plot's curves) stay clean.
 * One seed drives three independent random streams (initial-state spread, irregular times,
 * noise), so changing one of these options leaves the others' draws unchanged.
 */
@Command(name = "simulate", sortOptions = false,
        description = {
            "Integrate a reference system and write its trajectories as CSV. "
                + "Synthetic training data: optional random initial states, irregular times and noise. "
                + "One trajectory gives columns t,<states>; several give trajectory,t,<states>; --inputs appends the "
                + "system's input signals (a converter's duty cycle d)."
        },
        footer = {
            "",
            "Examples:",
            "  neuralode simulate --list",
            "  neuralode simulate lotka-volterra --times 0:10:101 --out lv.csv --plot plots",
            "  neuralode simulate van-der-pol --param mu=2 --trajectories 8 --y0-spread 0.5 \\",
            "      --irregular 60 --noise 0.02 --seed 7 --out vdp.csv",
            "  neuralode simulate buck --param d_step=0.7,t_step=0.0025 --inputs \\",
            "      --out buck.csv"
        })
public final class SimulateCommand implements Callable<Integer> {
    /** Number of equally spaced output times when none are given. */
    static final int DEFAULT_POINTS = 101;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verboseOption;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SYSTEM",
            description = "The system to simulate, e.g. lotka-volterra; see --list.")
    private String system;

    @Option(names = "--list", description = "List the systems (or just SYSTEM) with states, defaults and parameters.")
    private boolean list;

    @Option(names = "--param", paramLabel = "NAME=VALUE", split = ",",
            description = "Set a parameter, e.g. --param mu=5 (repeat, or separate with commas).")
    private List<String> params = new ArrayList<>();

    @Option(names = "--y0", paramLabel = "A,B,...", description = "Initial state, one value per state (default: the system's).")
    private String y0;

    @Option(names = "--t0", paramLabel = "T0", description = "Start of the span (default: the system's).")
    private Double t0;

    @Option(names = "--t1", paramLabel = "T1", description = "End of the span (default: the system's).")
    private Double t1;

    @Option(names = "--times", paramLabel = "T0:T1:N",
            description = "N equally spaced output times from T0 to T1 (default: " + DEFAULT_POINTS + " over the span).")
    private String times;

    @Option(names = "--times-file", paramLabel = "FILE",
            description = "Output times from a file: one per line, or the t/time column of a CSV with a header.")
    private Path timesFile;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = SolveOptions.DEFAULT_METHOD,
            description = "Solver method (default: ${DEFAULT-VALUE}), e.g. dopri5, tsit5, dopri8, bosh3, rk4.")
    private String method;

    @Option(names = "--rtol", paramLabel = "R", defaultValue = "1e-6", description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    private double rtol;

    @Option(names = "--atol", paramLabel = "A[,A...]", defaultValue = "1e-9",
            description = "Absolute tolerance, one value or one per state (default: ${DEFAULT-VALUE}).")
    private String atol;

    @Option(names = "--step-size", paramLabel = "H",
            description = "Fixed step size (needed by fixed-step methods such as rk4; overrides the error control).")
    private Double stepSize;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "100000",
            description = "Most attempted steps per trajectory (default: ${DEFAULT-VALUE}).")
    private int maxSteps;

    @Option(names = "--trajectories", paramLabel = "K", defaultValue = "1", description = "Number of trajectories (default: 1).")
    private int trajectories;

    @Option(names = "--y0-spread", paramLabel = "S[,S...]",
            description = "Draw each trajectory's initial state as y0 + S·N(0, 1) (one S, or one per state).")
    private String spread;

    @Option(names = "--irregular", paramLabel = "N",
            description = "N sorted random output times per trajectory: T0, then N-1 uniform in (T0, T1).")
    private Integer irregular;

    @Option(names = "--noise", paramLabel = "SIGMA[,SIGMA...]",
            description = "Add Gaussian noise of this standard deviation to every sample (one SIGMA, or one per state).")
    private String noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of all random draws (default: 0).")
    private long seed;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Write the CSV here (atomically) instead of to stdout.")
    private Path out;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write DIR/" + SimulatePlot.FILE + " (states over time; "
            + "phase portrait for 2-state systems).")
    private Path plotDir;

    @Option(names = "--points", paramLabel = "N", description = "Number of evenly spaced output times over [--t0, --t1] (default: "
            + DEFAULT_POINTS + ").")
    private Integer points;

    @Option(names = "--stats", description = "Print one JSON line with the solver's work on stderr: nfe, accepted, rejected.")
    private boolean stats;

    @Option(names = "--inputs", description = "Also write the system's input signals as columns after the states "
            + "(the converters' duty cycle d), to train a driven model with 'train --input d'.")
    private boolean withInputs;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the summary line on stderr.")
    private boolean quiet;

    /** The input signals at each output time, one row per time. */
    private static double[][] inputs(Dynamics dynamics, double[] times) {
        double[][] u = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            u[i] = dynamics.inputs(times[i]);
        }
        return u;
    }

    @Override
    public Integer call() throws IOException {
        if (list) {
            ProblemListing.print(spec.commandLine().getOut(), system == null ? Problems.all() : List.of(problem()));
            return 0;
        }
        Problem problem = problem();
        Dynamics dynamics = dynamics(problem);
        int dim = problem.dim();
        String states = dim + " state" + (dim == 1 ? "" : "s") + " (" + String.join(", ", problem.stateNames()) + ")";
        double[] z0 = y0 == null ? problem.y0() : Numbers.parseList("--y0", y0, dim, states, false);
        double[] spreads = nonNegative("--y0-spread", spread, dim, states);
        double[] sigmas = nonNegative("--noise", noise, dim, states);
        if (trajectories < 1) {
            throw new UsageException("--trajectories " + trajectories + ": give at least 1");
        }
        if (withInputs && dynamics.inputNames().isEmpty()) {
            throw new UsageException("--inputs: " + problem.name() + " has no input signals; the converters (buck, "
                    + "buck-switched, boost) have the duty cycle d");
        }
        Grid grid = grid(problem);
        SolveOptions options = options(dynamics, grid, dim, states);
        checkOutput();

        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom spreadRng = root.split();
        SplittableRandom timesRng = root.split();
        SplittableRandom noiseRng = root.split();
        List<Trajectory> samples = new ArrayList<>();
        List<SimulatePlot.Curve> curves = new ArrayList<>();
        Stats stats = Stats.explicit(0, 0, 0);
        int events = 0;
        long started = System.nanoTime();
        for (int k = 0; k < trajectories; k++) {
            double[] start = z0.clone();
            for (int j = 0; spreads != null && j < dim; j++) {
                start[j] += spreads[j] * spreadRng.nextGaussian();
            }
            double[] ts = grid.times != null ? grid.times : TimeGrid.irregular(timesRng, grid.start, grid.end, irregular);
            Solution sol;
            try {
                sol = OdeSolver.solve(dynamics.field(), Tensor.of(start), ts, options);
            } catch (SolverException e) {
                throw new SolverFailure(e, trajectories > 1 ? "trajectory " + k + " of " + trajectories : null);
            }
            stats = stats.plus(sol.stats());
            events += sol.events().size();
            Trajectory t = new Trajectory(Integer.toString(k), sol.times(), noisy(sol, dim, sigmas, noiseRng),
                    withInputs ? inputs(dynamics, sol.times()) : null);
            samples.add(t);
            if (plotDir != null) {
                curves.add(new SimulatePlot.Curve(t, sol.dense()));
            }
        }
        double seconds = (System.nanoTime() - started) * 1e-9;

        TimeSeriesDataset data = new TimeSeriesDataset(samples, problem.stateNames(),
                withInputs ? dynamics.inputNames() : List.of());
        if (plotDir != null) {
            Files.createDirectories(plotDir); // before the CSV, which may be meant to go into it
        }
        CsvOutput.write(out, spec.commandLine().getOut(), data, trajectories > 1);
        Path png = plotDir == null ? null : SimulatePlot.write(plotDir, problem.name(), problem.stateNames(), curves);
        if (!quiet) {
            summary(problem, samples, stats, events, seconds, png);
        }
        if (this.stats) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "{\"nfe\": %d, \"accepted\": %d, \"rejected\": %d, \"jacobians\": %d, "
                    + "\"lu\": %d, \"seconds\": %.6f}", stats.functionEvaluations(), stats.acceptedSteps(),
                    stats.rejectedSteps(), stats.jacobianEvaluations(), stats.luDecompositions(), seconds));
            err.flush();
        }
        return 0;
    }

    /** Fails before the solve when --out cannot be a file: a directory, or in a missing directory. */
    private void checkOutput() throws IOException {
        if (out == null) {
            return;
        }
        if (Files.isDirectory(out)) {
            throw new FileSystemException(out.toString(), null, "is a directory; give a file name, e.g. --out "
                    + out.resolve("simulation.csv"));
        }
        Path parent = out.toAbsolutePath().getParent();
        boolean createdByPlot = plotDir != null && parent != null && parent.equals(plotDir.toAbsolutePath());
        if (parent != null && !Files.isDirectory(parent) && !createdByPlot) {
            throw new NoSuchFileException(out.toString(), null, "the directory " + parent + " does not exist");
        }
    }

    private Problem problem() {
        if (system == null) {
            throw new UsageException("name the SYSTEM to simulate, one of: " + String.join(", ", Problems.names())
                    + " (details: neuralode simulate --list)");
        }
        try {
            return Problems.byName(system);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Dynamics dynamics(Problem problem) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param '" + p + "': expected NAME=VALUE, e.g. " + example(problem, p.trim()));
            }
            String name = p.substring(0, eq).trim();
            if (values.put(name, Numbers.parse("--param " + name, p.substring(eq + 1))) != null) {
                throw new UsageException("--param " + name + " is given twice; give each parameter once");
            }
        }
        return OptionErrors.reportAs("--param", () -> problem.dynamics(problem.values(values)));
    }

    /** An example {@code --param} for the problem, using {@code name} when it is one of its parameters. */
    private static String example(Problem problem, String name) {
        if (problem.parameters().isEmpty()) {
            return "--param NAME=VALUE (but " + problem.name() + " has no parameters)";
        }
        Parameter p = problem.parameters().stream().filter(q -> q.name().equals(name)).findFirst()
                .orElse(problem.parameters().get(0));
        return "--param " + p.name() + "=" + Numbers.format(p.defaultValue());
    }

    private static double[] nonNegative(String option, String text, int dim, String states) {
        if (text == null) {
            return null;
        }
        double[] v = Numbers.parseList(option, text, dim, states, true);
        for (double x : v) {
            if (x < 0) {
                throw new UsageException(option + " " + text + ": standard deviations must be >= 0");
            }
        }
        return v;
    }

    /** The output times (the same for every trajectory) or, for irregular times, just the span. */
    private record Grid(double[] times, double start, double end) {
    }

    private Grid grid(Problem problem) throws IOException {
        if (times != null && timesFile != null) {
            throw new UsageException("give --times or --times-file, not both");
        }
        if (times != null || timesFile != null) {
            String which = times != null ? "--times" : "--times-file";
            if (t0 != null || t1 != null) {
                throw new UsageException("--t0/--t1 set the span of the default time grid; with " + which
                        + " the times themselves give it: drop --t0/--t1");
            }
            if (irregular != null) {
                throw new UsageException("--irregular draws its own times in [--t0, --t1]; drop " + which);
            }
            if (points != null) {
                throw new UsageException("--points sets the number of default grid times; with " + which
                        + " the times themselves give it: drop --points");
            }
            double[] ts = times != null ? TimeGrid.parse(times) : TimeGrid.read(timesFile);
            return new Grid(ts, ts[0], ts[ts.length - 1]);
        }
        double start = t0 != null ? t0 : problem.t0();
        double end = t1 != null ? t1 : problem.t1();
        if (!Double.isFinite(start) || !Double.isFinite(end) || !(end > start)) {
            throw new UsageException("the span [" + Numbers.format(start) + ", " + Numbers.format(end) + "] is empty: "
                    + "--t1 must be greater than --t0");
        }
        if (irregular != null && points != null) {
            throw new UsageException("--irregular N already sets the number of times; drop --points");
        }
        if (irregular != null) {
            if (irregular < 2) {
                throw new UsageException("--irregular " + irregular + ": a trajectory needs at least 2 times");
            }
            return new Grid(null, start, end);
        }
        int n = points == null ? DEFAULT_POINTS : points;
        if (n < 2) {
            throw new UsageException("--points " + n + ": need at least 2 output times");
        }
        return new Grid(TimeGrid.linspace(start, end, n), start, end);
    }

    private SolveOptions options(Dynamics dynamics, Grid grid, int dim, String states) {
        SolveOptions.Builder b = SolveOptions.builder();
        OptionErrors.reportAs("--method", () -> b.method(method));
        SolveOptions probe = SolveOptions.builder().method(method).stepSize(1).build();
        if (stepSize == null && !probe.isStiff() && probe.method().embeddedOrder() == 0) {
            throw new UsageException("--method " + method + " is a fixed-step method (it has no error estimate): give "
                    + "--step-size H, or choose an adaptive method such as dopri5");
        }
        if (!(rtol >= 0) || !Double.isFinite(rtol)) {
            throw new UsageException("--rtol " + rtol + ": give a finite relative tolerance >= 0, e.g. 1e-6");
        }
        double[] atols = Numbers.parseList("--atol", atol, dim, states, true);
        for (double a : atols) {
            if (a < 0) {
                throw new UsageException("--atol " + atol + ": absolute tolerances must be >= 0");
            }
        }
        if (maxSteps < 1) {
            throw new UsageException("--max-steps " + maxSteps + ": give at least 1");
        }
        if (stepSize != null && !(stepSize > 0 && Double.isFinite(stepSize))) {
            throw new UsageException("--step-size " + stepSize + ": give a positive finite step size");
        }
        OptionErrors.reportAs("--rtol", () -> b.rtol(rtol));
        b.atol(atols).maxSteps(maxSteps).dense(plotDir != null);
        if (stepSize != null) {
            b.stepSize(stepSize);
        }
        try {
            dynamics.configure(b, grid.start, grid.end);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static double[][] noisy(Solution sol, int dim, double[] sigmas, SplittableRandom rng) {
        double[] flat = sol.states().toArray();
        double[][] rows = new double[flat.length / dim][dim];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < dim; j++) {
                rows[i][j] = flat[i * dim + j] + (sigmas == null ? 0 : sigmas[j] * rng.nextGaussian());
            }
        }
        return rows;
    }

    private void summary(Problem problem, List<Trajectory> samples, Stats stats, int events, double seconds, Path png) {
        int n = samples.get(0).length();
        boolean sameLength = samples.stream().allMatch(t -> t.length() == n);
        String counts = samples.size() == 1 ? n + " times"
                : samples.size() + " trajectories x " + (sameLength ? n + " times" : "varying times");
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "simulate %s: %s, %s: %d steps (%d rejected), %d evaluations", problem.name(), counts,
                method.trim().toLowerCase(Locale.ROOT), stats.acceptedSteps(), stats.rejectedSteps(),
                stats.functionEvaluations()));
        if (events > 0) {
            s.append(", ").append(events).append(events == 1 ? " event" : " events");
        }
        s.append(String.format(Locale.ROOT, " in %.3f s", seconds));
        if (out != null) {
            s.append("; wrote ").append(out);
        }
        if (png != null) {
            s.append(out != null ? " and " : "; wrote ").append(png);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(s);
        err.flush();
    }
}
