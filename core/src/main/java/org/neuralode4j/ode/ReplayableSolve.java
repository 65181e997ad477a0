package org.neuralode4j.ode;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;

/**
 * A solve without a tape whose accepted steps can be run again, with or without the tape, from any
 * state: what binomial checkpointing of backpropagation through the solver needs (Griewank &amp;
 * Walther, "Algorithm 799: Revolve", ACM TOMS 26(1), 2000). The forward solve is an ordinary one
 * (adaptive or fixed-step) that logs each accepted step's start, size and end; a replay of step k
 * from the state y_k reached there runs the same explicit Runge–Kutta engine over the same
 * (t_k, h_k, t_{k+1}), so it performs the same floating-point operations on the same values and
 * gives y_{k+1} bit for bit, and the same interpolated outputs inside the step. The step sizes are
 * constants of this discrete computation, as in the taped solve, where the error estimate is never
 * recorded (see {@link ExplicitRungeKutta}).
 *
 * <p>Replays on the tape record exactly the nodes the taped solve records for that step (stages,
 * new solution, dense output at the requested times), so backpropagating through one of them
 * gives that step's share of the direct gradient. The first stage is evaluated afresh at
 * (t_k, y_k), where the solve took it over from the previous step (FSAL) or evaluated it itself:
 * the same value, f(t_k, y_k).
 *
 * <p>Explicit methods only, and only solves whose state changes only by steps: no events (a handler
 * may reset the state and an event ends a step early), no output hook (it replaces the state at
 * output times), one coupled system (not per-sample). Stiff methods are refused because their steps
 * are not functions of (t_k, h_k, y_k) alone: the Rosenbrock and ESDIRK engines carry the Jacobian
 * and the factorized iteration matrix over from earlier steps (and ESDIRK its Newton history), so a
 * replay from y_k would not repeat the forward arithmetic.
 */
public final class ReplayableSolve {
    private final Solution solution;
    private final StepLog log;
    private final double direction;
    private final int[] shape;
    private final FieldEvaluator plainField;
    private final FieldEvaluator tapedField;
    private final Stepper plain;
    private final Stepper taped;

    private ReplayableSolve(Solution solution, StepLog log, VectorField f, int[] shape, SolveOptions options,
                            double direction) {
        this.solution = solution;
        this.log = log;
        this.direction = direction;
        this.shape = shape.clone();
        this.plainField = new FieldEvaluator(f, shape);
        this.tapedField = new FieldEvaluator(f, shape);
        this.plain = Stepper.create(options, f, plainField, false, direction);
        this.taped = Stepper.create(options, f, tapedField, true, direction);
    }

    /**
     * Solves without a tape and keeps what a replay of each accepted step needs (three numbers and
     * two flags per step; the states are not kept).
     *
     * @param f the vector field
     * @param z0 the initial state; not modified
     * @param times output times, strictly monotone, the first being the initial time
     * @param options an explicit method without events, output hook or per-sample solving; dense
     *     output is not kept
     * @throws IllegalArgumentException for options whose steps cannot be replayed (the message says why)
     */
    public static ReplayableSolve solve(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        OdeSolver.checkCommon(f, z0, options);
        double[] ts = OdeSolver.checkTimes(times, "times");
        OdeSolver.checkState(z0, ts[0]);
        String refusal = refusal(options);
        if (refusal != null) {
            throw new IllegalArgumentException("steps cannot be replayed: " + refusal);
        }
        SolveOptions forward = options.toBuilder().dense(false).build();
        StepLog log = new StepLog();
        Solution sol = ts.length == 1
                ? Autodiff.noGrad(() -> Integrator.solve(f, z0.detach(), ts, forward))
                : Integrator.solveLoggingSteps(f, z0.detach(), ts, forward, log);
        double direction = ts.length == 1 ? 1 : Math.signum(ts[ts.length - 1] - ts[0]);
        return new ReplayableSolve(sol, log, f, z0.shape(), forward, direction);
    }

    /**
     * Why the steps of a solve with these options cannot be replayed from their input states, or
     * null when they can.
     */
    public static String refusal(SolveOptions options) {
        if (options.isStiff()) {
            return "the stiff method " + options.methodName() + " carries its Jacobian and factorized iteration "
                    + "matrix over from earlier steps, so a step is not a function of its input state alone; "
                    + "use an explicit method";
        }
        if (!options.events().isEmpty()) {
            return "events end steps early and their handlers may reset the state between steps";
        }
        if (options.outputHook() != null) {
            return "an output hook replaces the state between steps";
        }
        if (options.perSample()) {
            return "per-sample solving gives every row its own steps; solve each row on its own";
        }
        return null;
    }

    /** The forward solution (states at the output times, untaped; stats; no dense output). */
    public Solution solution() {
        return solution;
    }

    /** Number of accepted steps N. */
    public int stepCount() {
        return log.count();
    }

    /** The start time t_k of step k. */
    public double stepStart(int k) {
        return log.start(k);
    }

    /** The end time t_{k+1} of step k. */
    public double stepEnd(int k) {
        return log.end(k);
    }

    /**
     * The step whose dense output gave the output at {@code time} (the first step ending at or after
     * it in the direction of integration), as the integration loop assigns outputs; the output is
     * that step's new solution when {@code time == stepEnd(k)}, its interpolant otherwise.
     *
     * @param time an output time after the initial one, within the solve
     */
    public int stepProducing(double time) {
        int lo = 0;
        int hi = log.count() - 1;
        if (hi < 0 || direction * (time - log.end(hi)) > 0 || direction * (time - log.start(0)) <= 0) {
            throw new IllegalArgumentException("time " + time + " is not inside the solve's steps");
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (direction * (time - log.end(mid)) <= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Bytes the step log holds: linear in N, but a few numbers per step. */
    public long logBytes() {
        return StepLog.BYTES_PER_STEP * log.count();
    }

    /**
     * Runs steps from..to−1 without a tape: {@code state} holds y_from on entry and y_to on exit, bit
     * for bit the states of the forward solve.
     *
     * @param state y_from, flattened; overwritten with y_to
     */
    public void advance(int from, int to, double[] state) {
        if (from < 0 || to > log.count() || from > to) {
            throw new IndexOutOfBoundsException("steps " + from + ".." + to + " of " + log.count());
        }
        if (from == to) {
            return;
        }
        Autodiff.noGrad(() -> {
            plain.start(log.start(from), Tensor.fromArray(state, shape), null, log.startsAfterJump(from));
            for (int k = from; k < to; k++) {
                plain.attempt(log.size(k), log.end(k), log.endsAtJump(k), false);
                plain.accept(log.endsAtJump(k));
            }
            System.arraycopy(plain.state(), 0, state, 0, state.length);
        });
    }

    /**
     * Runs step k on the tape from {@code state} (recording even inside a no-grad scope) and returns
     * the recorded y_{k+1} followed by the recorded dense-output values at {@code outputTimes}, as the
     * taped solve computes its outputs: y_{k+1} itself for a time equal to the step's end, the step's
     * interpolant otherwise.
     *
     * @param state y_k; a tensor that requires gradients for the replay to be recorded
     * @param outputTimes times inside (t_k, t_{k+1}]
     * @return {@code 1 + outputTimes.length} tensors of the state's shape
     */
    public Tensor[] replayOnTape(int k, Tensor state, double[] outputTimes) {
        if (!Arrays.equals(state.shape(), shape)) {
            throw new IllegalArgumentException("replay: state of shape " + Arrays.toString(state.shape())
                    + ", the solve's is " + Arrays.toString(shape));
        }
        double end = log.end(k);
        return Autodiff.enableGrad(() -> {
            taped.start(log.start(k), state, null, log.startsAfterJump(k));
            taped.attempt(log.size(k), end, log.endsAtJump(k), false);
            Tensor[] out = new Tensor[1 + outputTimes.length];
            out[0] = taped.proposedTensor();
            for (int i = 0; i < outputTimes.length; i++) {
                out[1 + i] = outputTimes[i] == end ? out[0] : taped.interpolateTensor(outputTimes[i]);
            }
            return out;
        });
    }

    /** Evaluations of f made by {@link #advance} and {@link #replayOnTape} so far. */
    public long replayEvaluations() {
        return plainField.count() + tapedField.count();
    }
}
