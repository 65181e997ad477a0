package org.neuralode4j.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Solves initial value problems dz/dt = f(t, z), z(t0) = z0, with explicit Runge–Kutta methods or
 * stiff ones (Rosenbrock and ESDIRK, {@link StiffMethod}): the seed's ODESolve(z(t0), f, t0, t1, θ)
 * as a library. A stiff method is chosen by name like any other,
 * {@code SolveOptions.builder().method("rodas5p")}; its Jacobian settings are in {@link StiffOptions}.
 *
 * <pre>{@code
 * Solution sol = OdeSolver.solve(f, z0, new double[] {0, 0.5, 1, 2},
 *         SolveOptions.builder().method("dopri5").rtol(1e-6).atol(1e-9).build());
 * Tensor zs = sol.states();              // [4, *z0.shape]
 * }</pre>
 *
 * <p><b>Times.</b> Strictly increasing or strictly decreasing (the adjoint integrates backwards);
 * the first is the initial time. Output times cost no evaluations: the steps are chosen by the error
 * control alone and the outputs come from each step's dense output.
 *
 * <p><b>Gradients.</b> When the thread's tape records and z0, one of {@link VectorField#parameters()}
 * or f(t0, z0) requires gradients, the solver's arithmetic is recorded (one fused node per stage,
 * solution and interpolated output), so a loss on {@link Solution#states()} backpropagates through
 * the solver (direct backpropagation); the stiff engines record their linear solves and
 * implicit stages as single nodes with hand-written backward passes (see {@link StiffMethod}).
 * Step sizes and error norms are computed on raw
 * values and are constants of the backward pass, as in torchdiffeq; event times are located on raw
 * values too and then made differentiable by the implicit function theorem (see
 * {@link EventRecord}).
 * Rejected steps are recorded too and then dropped; their nodes are garbage collected but stay in
 * the tape's byte count until {@link org.neuralode4j.autodiff.Tape#resetCounters()}. Otherwise
 * nothing is recorded and the solve runs on reused arrays inside a no-grad scope.
 * {@link DiscreteAdjointSolve} is the tape-free alternative for explicit methods and fields with
 * array vector–Jacobian products: the same gradient from a record of the accepted steps.
 *
 * <p><b>Batches.</b> A state [B, D] is one coupled system by default: one step size for all rows
 * (torchdiffeq's behaviour). With {@link SolveOptions.Builder#perSample(boolean)} every row is
 * integrated on its own with its own step size, and {@link #solvePerSample} also gives every row its
 * own output times (irregular per-sample time grids). In that mode f is applied to [1, D] row
 * slices, one row at a time (a batched kernel over rows with independent step sizes is future
 * work), and the events of all rows are listed row after row.
 */
public final class OdeSolver {
    private OdeSolver() {
    }

    /**
     * Solves with the default options (dopri5, rtol 1e-7, atol 1e-9).
     *
     * @param f the vector field
     * @param z0 the initial state; not modified
     * @param times output times, the first being the initial time; not modified
     * @return the solution
     */
    public static Solution solve(VectorField f, Tensor z0, double[] times) {
        return solve(f, z0, times, SolveOptions.defaults());
    }

    /**
     * Solves with the given options.
     *
     * @param f the vector field
     * @param z0 the initial state, any shape; not modified
     * @param times a 1-d tensor of output times; not modified
     * @param options the options
     * @return the solution
     */
    public static Solution solve(VectorField f, Tensor z0, Tensor times, SolveOptions options) {
        if (times.rank() != 1) {
            throw new IllegalArgumentException("times must be a 1-d tensor, got shape " + Shape.format(times.shape()));
        }
        return solve(f, z0, times.toArray(), options);
    }

    /**
     * Solves with the given options.
     *
     * @param f the vector field
     * @param z0 the initial state, any shape; not modified
     * @param times output times, strictly monotone, the first being the initial time; not modified
     * @param options the options
     * @return the solution, with states of shape [T, *z0.shape]
     * @throws IllegalArgumentException for invalid times, shapes or tolerances (the message says
     *     what to change)
     * @throws SolverException when the integration fails
     */
    public static Solution solve(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        checkCommon(f, z0, options);
        double[] ts = checkTimes(times, "times");
        checkState(z0, ts[0]);
        if (!options.perSample()) {
            return Integrator.solve(f, z0, ts, options);
        }
        checkBatch(z0);
        int batch = z0.size(0);
        List<Solution> rows = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            rows.add(Integrator.solve(f, z0.slice(0, b, b + 1), ts, rowOptions(options, z0, b)));
        }
        Tensor[] parts = new Tensor[batch];
        Stats stats = Stats.explicit(0, 0, 0);
        List<EventRecord> events = new ArrayList<>();
        List<DenseSolution> dense = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Solution s = rows.get(b);
            if (s.terminatedByEvent()) {
                throw new IllegalStateException("row " + b + " was stopped by an event at t = " + s.times()[s.times().length - 1]
                        + " so the rows no longer share their output times; use OdeSolver.solvePerSample for "
                        + "per-row trajectories");
            }
            parts[b] = s.states();
            stats = stats.plus(s.stats());
            events.addAll(s.events());
            if (s.hasDense()) {
                dense.add(s.dense());
            }
        }
        DenseSolution d = dense.isEmpty() ? null : DenseSolution.stackRows(dense, z0.shape());
        return new Solution(Tensor.cat(1, parts), ts, stats, events, d, false);
    }

    /**
     * Integrates every row of z0 with its own step size and its own output times: per-sample
     * irregular time grids (latent ODEs on irregularly sampled series). f sees [1, ...] row slices.
     *
     * @param f the vector field
     * @param z0 the initial states, shape [B, ...]; not modified
     * @param times B arrays of output times, each strictly monotone and starting at its row's
     *     initial time; not modified
     * @param options the options ({@code perSample} is implied)
     * @return one solution per row
     */
    public static PerSampleSolution solvePerSample(VectorField f, Tensor z0, double[][] times, SolveOptions options) {
        checkCommon(f, z0, options);
        checkBatch(z0);
        int batch = z0.size(0);
        if (times == null || times.length != batch) {
            throw new IllegalArgumentException("solvePerSample: z0 has " + batch + " rows but " + (times == null ? "no"
                    : times.length) + " time arrays were given; pass one array of output times per row");
        }
        List<Solution> rows = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            double[] ts = checkTimes(times[b], "times[" + b + "]");
            Tensor row = z0.slice(0, b, b + 1);
            checkState(row, ts[0]);
            rows.add(Integrator.solve(f, row, ts, rowOptions(options, z0, b)));
        }
        return new PerSampleSolution(rows);
    }

    static void checkCommon(VectorField f, Tensor z0, SolveOptions options) {
        if (f == null || z0 == null || options == null) {
            throw new IllegalArgumentException("solve: the vector field, z0 and the options must not be null");
        }
        if (z0.numel() == 0) {
            throw new IllegalArgumentException("z0 has shape " + Shape.format(z0.shape()) + " with no elements; pass "
                    + "a state with at least one element");
        }
    }

    private static void checkBatch(Tensor z0) {
        if (z0.rank() < 2) {
            throw new IllegalArgumentException("per-sample solving needs z0 of shape [B, ...] (rank >= 2), got "
                    + Shape.format(z0.shape()) + "; add a batch dimension with unsqueeze(0)");
        }
    }

    static void checkState(Tensor z0, double t0) {
        if (z0.hasNonFinite()) {
            throw new NonFiniteStateException(t0, 0, "the initial state z0 has a non-finite (NaN or infinite) element");
        }
    }

    /** Per-row options: a per-component atol of the whole batch is cut to the row's part. */
    private static SolveOptions rowOptions(SolveOptions options, Tensor z0, int row) {
        double[] atol = options.atolPerComponent();
        int rowSize = z0.numel() / z0.size(0);
        if (atol == null || atol.length == rowSize) {
            return options;
        }
        if (atol.length != z0.numel()) {
            throw new IllegalArgumentException("atol has " + atol.length + " components; in per-sample mode pass one "
                    + "per row element (" + rowSize + ") or one per batch element (" + z0.numel() + ")");
        }
        return options.toBuilder().atol(Arrays.copyOfRange(atol, row * rowSize, (row + 1) * rowSize)).build();
    }

    static double[] checkTimes(double[] times, String what) {
        if (times == null || times.length == 0) {
            throw new IllegalArgumentException(what + " is empty; pass at least the initial time");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s[%d] = %s is not finite; pass finite "
                        + "times", what, i, times[i]));
            }
        }
        if (times.length > 1) {
            double dir = Math.signum(times[1] - times[0]);
            for (int i = 1; i < times.length; i++) {
                if (!(dir * (times[i] - times[i - 1]) > 0)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be strictly increasing or "
                            + "strictly decreasing, but %s[%d] = %s and %s[%d] = %s; sort the times and remove "
                            + "duplicates", what, what, i - 1, times[i - 1], what, i, times[i]));
                }
            }
        }
        return times.clone();
    }
}
