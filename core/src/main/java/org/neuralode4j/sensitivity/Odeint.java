package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * Differentiable ODE solves: z(t_1..t_N) = ODESolve(z(t0), f, t0, ..., t_N, θ) whose states carry
 * gradients to z0 and to the vector field's {@link VectorField#parameters() parameters} by the
 * chosen {@link Gradient}, so that {@code loss.backward()} fills the parameters' {@code grad} whatever
 * the method.
 *
 * <pre>{@code
 * GradientSolution sol = Odeint.solve(field, z0, times, SolveOptions.defaults(), Gradient.ADJOINT);
 * Losses.mse(sol.states(), targets).backward();     // parameters of field now hold .grad()
 * }</pre>
 *
 * <p>For {@link Gradient#ADJOINT} and {@link Gradient#CHECKPOINTED_ADJOINT} the vector field must
 * list every tensor it reads that requires gradients in {@link VectorField#parameters()}, and each
 * event the tensors its function and handler read in {@link Event#withParameters}: those are the
 * inputs of the recorded node; a tensor read but not listed receives no gradient.
 *
 * <p>{@link Gradient#RECURSIVE_CHECKPOINT} returns DIRECT's gradient in memory for
 * {@link AdjointOptions#checkpoints()} states: it differentiates with respect to z0 and the
 * parameters f lists (a tensor read but not listed receives no gradient, as with the adjoints), for
 * explicit methods without events, output hooks or per-sample solving, and only to first order.
 *
 * <p><b>Events.</b> Every method but RECURSIVE_CHECKPOINT differentiates through events (terminal ones, resets with
 * {@link org.neuralode4j.ode.EventAction#resetState}, direction filters): the states at the output
 * times and the {@link GradientSolution#events() event records} (event times by the implicit
 * function theorem, states at and after each event) carry gradients to z0 and to the parameters of
 * f, of the event functions and of the handlers. The adjoint methods keep the states just before
 * and after every event, stop their backward pass at each event time and carry the adjoint across
 * it by the saltation map δz⁺ = h_z δz⁻ + (h_z f⁻ − f⁺) δt* + h_θ δθ of a reset h, with
 * δt* = −(∂g/∂z δz⁻ + ∂g/∂θ δθ)/(∂g/∂z·f⁻ + ∂g/∂t) (Chen, Amos &amp; Nickel 2021, "Learning neural
 * event functions for ordinary differential equations"); the checkpointed adjoint makes event times
 * checkpoint boundaries and recomputes each interval from the stored states without detecting
 * events again. An event time carries gradients when its function records its value
 * ({@link org.neuralode4j.ode.EventFunction#differentiable}); otherwise it is a constant, under
 * every method. A handler's explicit dependence on the time is not differentiated.
 */
public final class Odeint {
    private Odeint() {
    }

    /**
     * Solves with differentiable output times: for a 1-d {@code times} tensor that requires gradients,
     * dL/dt_i = ∂L/∂z(t_i) · f(t_i, z(t_i)) for the output times and dL/dt_0 = −a(t_0) · f(t_0, z_0) for the
     * initial time (moving t_0 with z_0 fixed delays the whole trajectory), attached without changing
     * any value; these hold for non-autonomous fields too and cost T + 1 extra evaluations of f,
     * which are not counted in the stats.
     */
    public static GradientSolution solve(VectorField f, Tensor z0, Tensor times, SolveOptions options,
                                         Gradient gradient, AdjointOptions adjoint) {
        if (times.rank() != 1) {
            throw new IllegalArgumentException("times must be a 1-d tensor, got shape "
                    + java.util.Arrays.toString(times.shape()));
        }
        double[] ts = times.toArray();
        if (!times.requiresGrad() || !org.neuralode4j.autodiff.Tape.current().isRecording()) {
            return solve(f, z0, ts, options, gradient, adjoint);
        }
        Tensor f0 = Autodiff.noGrad(() -> f.apply(ts[0], z0.detach()));
        Tensor shift0 = times.select(0, 0).sub(ts[0]);
        GradientSolution sol = solve(f, z0.sub(f0.mul(shift0)), ts, options, gradient, adjoint);
        Tensor states = sol.states();
        Tensor[] rows = new Tensor[states.size(0)];
        for (int i = 0; i < rows.length; i++) {
            Tensor zi = states.select(0, i);
            double ti = ts[i];
            Tensor fi = Autodiff.noGrad(() -> f.apply(ti, zi.detach()));
            rows[i] = zi.add(fi.mul(times.select(0, i).sub(ti)));
        }
        return sol.withStates(Tensor.stack(0, rows));
    }

    /**
     * Per-sample time grids under any gradient method: row b of the [B, ...] state {@code z0} is
     * solved on its own output times {@code times[b]} with its own step sizes (as
     * {@link OdeSolver#solvePerSample} does for DIRECT), and its states carry gradients to z0 and the
     * parameters by {@code gradient}. Rows are independent solves, so the memory of the adjoint
     * methods is that of one row at a time in the backward pass.
     *
     * @param times one strictly monotone array per row, each starting at that row's initial time
     * @param options forward options; {@code perSample} is implied
     * @return one solution per row, each with states [T_b, 1, ...]
     * @throws IllegalArgumentException when the number of time arrays differs from the number of rows
     */
    public static List<GradientSolution> solvePerSample(VectorField f, Tensor z0, double[][] times,
                                                        SolveOptions options, Gradient gradient,
                                                        AdjointOptions adjoint) {
        if (z0.rank() < 1 || times == null || times.length != z0.size(0)) {
            throw new IllegalArgumentException("solvePerSample: z0 of shape " + java.util.Arrays.toString(z0.shape())
                    + " needs one time array per row, got " + (times == null ? "none" : times.length));
        }
        SolveOptions rowOptions = options.perSample() ? options.toBuilder().perSample(false).build() : options;
        List<GradientSolution> rows = new ArrayList<>(times.length);
        for (int b = 0; b < times.length; b++) {
            rows.add(solve(f, z0.slice(0, b, b + 1), times[b], rowOptions, gradient, adjoint));
        }
        return rows;
    }

    /** Solves with default adjoint options. */
    public static GradientSolution solve(VectorField f, Tensor z0, double[] times, SolveOptions options,
                                         Gradient gradient) {
        return solve(f, z0, times, options, gradient, AdjointOptions.defaults());
    }

    /**
     * Solves and returns differentiable states.
     *
     * @param f the vector field
     * @param z0 the initial state; not modified
     * @param times output times, strictly monotone, the first being the initial time
     * @param options forward solve options
     * @param gradient how the solve is differentiated
     * @param adjoint backward solve options (ignored by DIRECT; RECURSIVE_CHECKPOINT reads only
     *     {@link AdjointOptions#checkpoints()})
     * @throws IllegalArgumentException for options the adjoint methods cannot honour (per-sample solving
     *     or an output hook), and for RECURSIVE_CHECKPOINT also events and stiff methods
     */
    public static GradientSolution solve(VectorField f, Tensor z0, double[] times, SolveOptions options,
                                         Gradient gradient, AdjointOptions adjoint) {
        if (gradient == Gradient.DIRECT) {
            DirectFunction direct = DirectFunction.forSolve(f, z0, times, options);
            if (direct != null) {
                return direct.solve(z0);
            }
            Solution sol = OdeSolver.solve(f, z0, times, options);
            return new GradientSolution(sol.states(), sol.times(), Gradient.DIRECT, sol.stats(), sol.events(),
                    sol.terminatedByEvent());
        }
        if (gradient == Gradient.RECURSIVE_CHECKPOINT) {
            return recursiveCheckpoint(f, z0, times, options, adjoint);
        }
        if (options.perSample() || options.outputHook() != null) {
            throw new IllegalArgumentException("the " + gradient.shortName() + " gradient solves one coupled system "
                    + "without output hooks; for per-sample time grids use Odeint.solvePerSample");
        }
        ParameterSet fieldParams = new ParameterSet(f.parameters());
        List<Tensor> listed = new ArrayList<>(f.parameters());
        for (Event e : options.events()) {
            listed.addAll(e.parameters());
        }
        ParameterSet allParams = new ParameterSet(listed);
        Tensor[] inputs = allParams.inputsAfter(z0);
        if (!options.events().isEmpty() && !Autodiff.shouldRecord(inputs)) {
            Solution sol = OdeSolver.solve(f, z0, times, options); // nothing to differentiate
            return new GradientSolution(sol.states(), sol.times(), gradient, sol.stats(), sol.events(),
                    sol.terminatedByEvent());
        }
        int n = z0.numel();
        if (gradient == Gradient.ADJOINT) {
            AdjointFunction fn = new AdjointFunction(f, times, options, adjoint, fieldParams, allParams, n);
            return fn.unpack(fn.apply(inputs));
        }
        CheckpointedAdjointFunction fn = new CheckpointedAdjointFunction(f, times, options, adjoint, fieldParams,
                allParams, n);
        return fn.unpack(fn.apply(inputs));
    }

    private static GradientSolution recursiveCheckpoint(VectorField f, Tensor z0, double[] times, SolveOptions options,
                                                        AdjointOptions adjoint) {
        String refusal = org.neuralode4j.ode.ReplayableSolve.refusal(options);
        if (refusal != null) {
            throw new IllegalArgumentException("the " + Gradient.RECURSIVE_CHECKPOINT.shortName() + " gradient replays "
                    + "each solver step from its input state, which it cannot do here: " + refusal
                    + "; use DIRECT (Gradient.DIRECT, --gradient direct: the same gradient, memory linear in the "
                    + "steps) or an adjoint method");
        }
        ParameterSet params = new ParameterSet(f.parameters());
        Tensor[] inputs = params.inputsAfter(z0);
        RecursiveCheckpointFunction fn = new RecursiveCheckpointFunction(f, times, options, params,
                adjoint.checkpoints());
        return fn.unpack(fn.apply(inputs));
    }
}
