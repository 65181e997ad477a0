package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * An explicit Runge–Kutta solve that can be backpropagated through without a tape: the forward
 * pass runs on arrays exactly as an untaped {@link OdeSolver#solve} (same steps, same arithmetic)
 * while keeping, for every accepted step, each evaluation's time, input state and the intermediates
 * the field saves for its vector–Jacobian product ({@link ArrayVjpField#evaluateSaving}); the
 * backward pass is the hand-written reverse sweep of those steps, the discrete adjoint of the
 * Runge–Kutta method (Hager 2000; Sandu 2006, "On the properties of Runge–Kutta discrete
 * adjoints"), including FSAL reuse and the continuous extension that produced each interpolated
 * output. It computes the same gradient as backpropagation through the taped solve (step sizes,
 * stage times and interpolation points are constants in both), without a node per operation.
 *
 * <p>Memory is linear in the number of accepted steps, as for the tape: per evaluation the input
 * state and the field's saved intermediates (the hidden activations of a network).
 *
 * <p>Applies to {@link ArrayVjpField}s whose {@link ArrayVjpField#savedSize} is not negative for
 * the state's shape, with an explicit method whose continuous extension has no extra stages (every
 * explicit method but dopri8), no events, no output hook, no jump times, one coupled system (not
 * per sample) and at least two output times ({@link #supports}).
 *
 * <p>One instance per solve; not thread-safe. {@link #release} hands its arrays (at most 8 MB of
 * them) to the next solve on the same thread, so a training loop allocates them once.
 */
public final class DiscreteAdjointSolve {
    private static final ThreadLocal<RungeKuttaRecord> SPARE = new ThreadLocal<>();
    /** The most a thread keeps between solves: 1 Mi doubles, 8 MB. */
    private static final long KEPT_DOUBLES = 1L << 20;

    private final RkCoefficients rk;
    private final double[] times;
    private final Solution solution;
    private RungeKuttaRecord record;

    private DiscreteAdjointSolve(RkCoefficients rk, double[] times, Solution solution, RungeKuttaRecord record) {
        this.rk = rk;
        this.times = times;
        this.solution = solution;
        this.record = record;
    }

    /**
     * Whether {@link #solve} applies to this field, state shape, output times and options.
     *
     * @param shape the state's shape; not modified
     */
    public static boolean supports(VectorField f, int[] shape, double[] times, SolveOptions options) {
        return f instanceof ArrayVjpField v && v.savedSize(shape) >= 0 && times.length >= 2 && !options.isStiff()
                && options.coefficients().interpolant.extraC.length == 0 && options.events().isEmpty()
                && options.outputHook() == null && !options.perSample() && options.jumpTimesRef().length == 0;
    }

    /**
     * Solves and records.
     *
     * @param f the vector field
     * @param z0 the initial state; not modified
     * @param times output times, strictly monotone, the first being the initial time; not modified
     * @param options forward solve options
     * @return the recorded solve; its {@link #solution()} holds states that carry no gradient
     * @throws IllegalArgumentException when {@link #supports} is false, or for the inputs
     *     {@link OdeSolver#solve} refuses
     * @throws SolverException when the integration fails
     */
    public static DiscreteAdjointSolve solve(ArrayVjpField f, Tensor z0, double[] times, SolveOptions options) {
        OdeSolver.checkCommon(f, z0, options);
        double[] ts = OdeSolver.checkTimes(times, "times");
        OdeSolver.checkState(z0, ts[0]);
        if (!supports(f, z0.shape(), ts, options)) {
            throw new IllegalArgumentException("DiscreteAdjointSolve needs an explicit method without extra dense stages, "
                    + "no events, output hook, jump times or per-sample solving, two or more times and a field with "
                    + "array VJPs for this state shape; use OdeSolver.solve on the tape instead");
        }
        RungeKuttaRecord record = SPARE.get();
        if (record == null) {
            record = new RungeKuttaRecord();
        } else {
            SPARE.remove();
        }
        RkCoefficients rk = options.coefficients();
        record.reset(f, z0.numel(), f.savedSize(z0.shape()), rk.stages, ts.length);
        Solution solution = Integrator.solveRecorded(f, z0, ts, options, record);
        return new DiscreteAdjointSolve(rk, ts, solution, record);
    }

    /** The forward solution (states without gradients). */
    public Solution solution() {
        return solution;
    }

    /** Bytes kept for the backward pass. */
    public long bytes() {
        return record == null ? 0 : record.bytes();
    }

    /**
     * The discrete adjoint: ∂L/∂z0 and ∂L/∂θ from ∂L/∂z(t_j) at every output time. May be called
     * more than once until {@link #release}.
     *
     * @param gStates ∂L/∂states, [T × n] row-major as {@link Solution#states()}; not modified
     * @param gz0 receives ∂L/∂z0 (n elements); overwritten
     * @param gp receives ∂L/∂θ in the field's flat parameter layout ({@link ArrayVjpField#evaluateVjp});
     *     overwritten
     * @throws IllegalStateException after {@link #release}
     */
    public void backward(double[] gStates, double[] gz0, double[] gp) {
        if (record == null) {
            throw new IllegalStateException("the recorded solve was released; keep it (retain the graph) to "
                    + "backpropagate through it again");
        }
        new RungeKuttaAdjoint(rk, record, times).backward(gStates, gz0, gp);
    }

    /**
     * Gives the record's arrays (up to {@value #KEPT_DOUBLES} doubles of them) to the next solve on
     * this thread; {@link #backward} fails afterwards.
     */
    public void release() {
        if (record != null && SPARE.get() == null) {
            record.trim(KEPT_DOUBLES);
            SPARE.set(record);
        }
        record = null;
    }
}
