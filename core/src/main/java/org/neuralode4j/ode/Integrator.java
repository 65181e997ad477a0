package org.neuralode4j.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.NarrowMlp;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * The integration loop shared by every {@link Stepper}: step-size control, landing on step and jump
 * times, output at the requested times from dense output, events, dense storage, statistics and the
 * typed failures. One instance per solve.
 *
 * <p>Step control (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4): the error estimate is scaled
 * per component by atol_i + rtol·max(|y0_i|, |y1_i|) and reduced by the {@link ErrorNorm}; the
 * {@link StepController} accepts or rejects and proposes the next step. A step that would end within
 * 1% of its step length before a landing time is stretched to land on it (as DOPRI5 does at the end
 * of the span). After a step shortened to land, the step proposed before shortening is resumed.
 * A non-finite error estimate rejects the step with the controller's smallest factor.
 */
final class Integrator {
    private static final double FIRST_PREVIOUS_ERROR = 1e-4;

    private final SolveOptions options;
    private final double[] times;
    private final int count;
    private final double direction;
    private final double tEnd;
    private final Stepper stepper;
    private final FieldEvaluator field;
    private final int n;
    private final int[] shape;
    private final boolean taped;
    private final boolean fixed;
    private final StepController controller;
    private final ErrorNorm norm;
    private final double rtol;
    private final double[] atol;
    private final double[] scale;

    private final double[] landing;
    private final boolean[] landingIsJump;
    private int nextLanding;

    private final Tensor[] outTensors;
    private final Tensor outStates;
    private int nextOut;

    private final EventDetector detector;
    private final List<EventRecord> records = new ArrayList<>();
    private final DenseSolution.Recorder dense;
    /** Receives the accepted steps ({@link #solveLoggingSteps}), or null. */
    private StepLog stepLog;

    /** Keeps the accepted steps' evaluations for {@link RungeKuttaAdjoint}, or null. */
    private final RungeKuttaRecord record;

    private double t;
    private long accepted;
    private long rejected;
    private boolean terminated;

    private Integrator(VectorField f, Tensor z0, double[] times, SolveOptions options, boolean taped,
                       RungeKuttaRecord record) {
        this.options = options;
        this.times = times;
        this.count = times.length;
        this.direction = Math.signum(times[count - 1] - times[0]);
        this.tEnd = times[count - 1];
        this.shape = z0.shape();
        this.field = new FieldEvaluator(f, shape);
        this.n = field.size();
        this.taped = taped;
        this.fixed = options.fixedStep() || !options.adaptiveMethod();
        this.record = record;
        this.stepper = record == null ? Stepper.create(options, f, field, taped, direction)
                : new ExplicitRungeKutta(options.coefficients(), field, false, direction, record);
        this.controller = options.controller();
        this.norm = options.norm();
        this.rtol = options.rtol();
        this.atol = new double[n];
        options.fillAtol(atol);
        this.scale = new double[n];
        double[][] land = landingTimes(times, options);
        this.landing = land[0];
        this.landingIsJump = new boolean[landing.length];
        for (int i = 0; i < landing.length; i++) {
            landingIsJump[i] = land[1][i] != 0;
        }
        if (taped) {
            outTensors = new Tensor[count];
            outStates = null;
        } else {
            outTensors = null;
            int[] outShape = new int[shape.length + 1];
            outShape[0] = count;
            System.arraycopy(shape, 0, outShape, 1, shape.length);
            outStates = Tensor.zeros(outShape);
        }
        this.detector = options.events().isEmpty() ? null
                : new EventDetector(options.events(), shape, n, options.eventTolerance(), direction,
                options.eventSubdivisions());
        this.dense = options.dense() ? new DenseSolution.Recorder(shape, direction) : null;
    }

    /**
     * Solves one system (the whole z0 coupled). Records the solver's arithmetic when the tape is on
     * and z0, a parameter of f, or f's value at t0 requires gradients.
     */
    static Solution solve(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        if (times.length == 1) {
            return single(f, z0, times, options);
        }
        boolean recording = Tape.current().isRecording();
        boolean taped = recording && (z0.requiresGrad() || anyRequiresGrad(f.parameters()));
        Tensor f0 = null;
        long probeEvaluations = 0;
        if (recording && !taped && !(f instanceof ArrayVectorField) && !isJump(times[0], options)) {
            f0 = new FieldEvaluator(f, z0.shape()).evaluate(times[0], z0);
            probeEvaluations = 1;
            taped = f0.requiresGrad();
        }
        Integrator integrator = new Integrator(f, z0, times, options, taped, null);
        if (taped) {
            return integrator.run(z0, f0, probeEvaluations);
        }
        Tensor known = f0 == null ? null : f0.detach();
        long probes = probeEvaluations;
        return Autodiff.noGrad(() -> integrator.run(z0, known, probes));
    }

    /**
     * Solves one system without a tape, appending every accepted step to {@code log} so that
     * {@link ReplayableSolve} can run it again. The caller has refused events and output hooks
     * (they move the state between steps) and needs at least two times.
     */
    static Solution solveLoggingSteps(VectorField f, Tensor z0, double[] times, SolveOptions options, StepLog log) {
        Integrator integrator = new Integrator(f, z0, times, options, false, null);
        integrator.stepLog = log;
        return Autodiff.noGrad(() -> integrator.run(z0, null, 0));
    }

    /**
     * Solves one system with an explicit Runge–Kutta method on arrays, without a tape, keeping in
     * {@code record} what the discrete adjoint of the accepted steps needs ({@link RungeKuttaAdjoint}).
     * The caller has checked the options (no events, output hook, jump times; at least two times).
     */
    static Solution solveRecorded(VectorField f, Tensor z0, double[] times, SolveOptions options,
                                  RungeKuttaRecord record) {
        Integrator integrator = new Integrator(f, z0, times, options, false, record);
        return Autodiff.noGrad(() -> integrator.run(z0, null, 0));
    }

    private static boolean isJump(double t, SolveOptions options) {
        return Arrays.binarySearch(options.jumpTimesRef(), t) >= 0;
    }

    private static boolean anyRequiresGrad(List<Tensor> tensors) {
        for (Tensor p : tensors) {
            if (p.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /** A single output time: z0 itself, no evaluation (one when dense output is requested). */
    private static Solution single(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        DenseSolution dense = null;
        long evaluations = 0;
        if (options.dense()) {
            int n = z0.numel();
            double[] c = new double[2 * n];
            System.arraycopy(z0.buffer(), 0, c, 0, n);
            double[] f0 = new double[n];
            Autodiff.noGrad(() -> new FieldEvaluator(f, z0.shape()).evaluate(times[0], z0.buffer(), f0));
            System.arraycopy(f0, 0, c, n, n);
            evaluations = 1;
            DenseSolution.Recorder r = new DenseSolution.Recorder(z0.shape(), 1);
            r.add(times[0], 1.0, times[0], 1, c);
            dense = r.build(times[0], times[0]);
        }
        return new Solution(z0.unsqueeze(0), times.clone(), Stats.explicit(evaluations, 0, 0), List.of(), dense, false);
    }

    /**
     * Landing times in (t0, tEnd]: step times, jump times, the output times when an output hook is
     * set, and the end, in the direction of integration.
     */
    private static double[][] landingTimes(double[] outputs, SolveOptions o) {
        double t0 = outputs[0];
        double tEnd = outputs[outputs.length - 1];
        double dir = Math.signum(tEnd - t0);
        List<double[]> all = new ArrayList<>();
        if (o.outputHook() != null) {
            for (int i = 1; i < outputs.length - 1; i++) {
                all.add(new double[] {outputs[i], 0});
            }
        }
        for (double s : o.stepTimesRef()) {
            if (dir * (s - t0) > 0 && dir * (tEnd - s) > 0) {
                all.add(new double[] {s, 0});
            }
        }
        for (double s : o.jumpTimesRef()) {
            if (dir * (s - t0) > 0 && dir * (tEnd - s) > 0) {
                all.add(new double[] {s, 1});
            }
        }
        all.add(new double[] {tEnd, 0});
        all.sort((a, b) -> Double.compare(dir * a[0], dir * b[0]));
        double[] times = new double[all.size()];
        double[] jump = new double[all.size()];
        int m = 0;
        for (double[] e : all) {
            if (m > 0 && times[m - 1] == e[0]) {
                jump[m - 1] = Math.max(jump[m - 1], e[1]);
            } else {
                times[m] = e[0];
                jump[m++] = e[1];
            }
        }
        return new double[][] {Arrays.copyOf(times, m), Arrays.copyOf(jump, m)};
    }

    private Solution run(Tensor z0, Tensor f0, long probeEvaluations) {
        // no weights change during the solve (NarrowMlp.fixWeights): NarrowMlp checks their values once
        try (NarrowMlp.FixedWeights fixedWeights = NarrowMlp.fixWeights()) {
            t = times[0];
            stepper.start(t, z0, f0, isJump(t, options));
            if (taped) {
                outTensors[0] = z0;
            } else {
                System.arraycopy(z0.buffer(), 0, outStates.buffer(), 0, n);
            }
            nextOut = 1;
            if (detector != null) {
                detector.init(t, stepper.state());
            }
            try {
                if (fixed) {
                    runFixed();
                } else {
                    runAdaptive();
                }
                return finish(probeEvaluations);
            } finally {
                stepper.release();
            }
        }
    }

    private void runAdaptive() {
        int k = stepper.errorOrder();
        double h = direction * initialStep(k);
        double previousError = FIRST_PREVIOUS_ERROR;
        boolean previousRejected = false;
        long attempts = 0;
        while (!done()) {
            double target = landing[nextLanding];
            double unclipped = h;
            boolean lands = direction * (t + 1.01 * h - target) >= 0;
            double t1 = lands ? target : t + h;
            if (lands) {
                h = target - t;
            }
            if (t1 == t) {
                throw new StepSizeUnderflowException(t, h, "the step size is below the resolution of the time variable");
            }
            if (++attempts > options.maxSteps()) {
                throw new TooManyStepsException(t, h, options.maxSteps());
            }
            boolean jump = lands && landingIsJump[nextLanding];
            stepper.attempt(h, t1, jump, true);
            if (stepper.failure() != null) {
                rejected++;
                previousRejected = true;
                h = shrinkAfterFailure(h);
                continue;
            }
            computeScale(stepper.state(), stepper.proposed());
            double err = stepper.errorNorm(norm, scale);
            if (!(err <= Double.MAX_VALUE)) {
                rejected++;
                previousRejected = true;
                h = shrink(h, controller.rejectedFactor(Double.MAX_VALUE, k), true);
                continue;
            }
            if (!controller.accept(err)) {
                rejected++;
                previousRejected = true;
                h = shrink(h, controller.rejectedFactor(err, k), false);
                continue;
            }
            checkFinite(h);
            accepted++;
            double next = h * controller.acceptedFactor(err, previousError, k, previousRejected);
            previousError = Math.max(err, FIRST_PREVIOUS_ERROR);
            previousRejected = false;
            if (lands && Math.abs(unclipped) > Math.abs(next)) {
                next = unclipped;
            }
            if (Math.abs(next) > options.maxStep()) {
                next = direction * options.maxStep();
            }
            completeStep(h, t1, lands, jump);
            h = next;
        }
    }

    private void runFixed() {
        double step = direction * options.stepSize().orElseThrow();
        double segmentStart = t;
        long index = 0;
        long attempts = 0;
        while (!done()) {
            double target = landing[nextLanding];
            double t1 = segmentStart + (index + 1) * step;
            boolean lands = direction * (target - t1) <= 1e-10 * Math.abs(step);
            if (lands) {
                t1 = target;
            }
            double h = t1 - t;
            if (++attempts > options.maxSteps()) {
                throw new TooManyStepsException(t, h, options.maxSteps());
            }
            boolean jump = lands && landingIsJump[nextLanding];
            stepper.attempt(h, t1, jump, false);
            if (stepper.failure() != null) {
                throw stepper.failureException(t, h, "the step is fixed: lower stepSize or use adaptive stepping");
            }
            checkFinite(h);
            accepted++;
            double before = t;
            completeStep(h, t1, lands, jump);
            if (t != t1 || lands) {
                segmentStart = t; // landed, or an event moved the state: restart the grid here
                index = 0;
            } else {
                index++;
            }
            if (before == t) {
                throw new StepSizeUnderflowException(t, h, "a fixed step made no progress");
            }
        }
    }

    private boolean done() {
        return terminated || t == tEnd;
    }

    private double shrink(double h, double factor, boolean nonFinite) {
        double next = h * factor;
        double floor = Math.max(options.minStep(), 10 * Math.ulp(t));
        if (!(Math.abs(next) >= floor) || t + next == t) {
            if (nonFinite) {
                throw new NonFiniteStateException(t, next, "the vector field or the state became non-finite (NaN or "
                        + "infinite) and shrinking the step did not help; check f for overflow or a singularity");
            }
            throw new StepSizeUnderflowException(t, next, options.minStep() > 0 && Math.abs(next) < options.minStep()
                    ? "the error control needs a step below minStep = " + options.minStep()
                    + "; lower minStep or loosen rtol/atol (the problem may be stiff)"
                    : "step size underflow: the error control needs a step below the resolution of t; the solution "
                    + "may be singular here or the problem stiff");
        }
        return next;
    }

    /**
     * Halves the step after a stiff method's failed attempt (Newton failure, singular iteration
     * matrix), as Hairer's RADAU5 and RODAS do; throws the stepper's typed failure on underflow.
     */
    private double shrinkAfterFailure(double h) {
        double next = 0.5 * h;
        double floor = Math.max(options.minStep(), 10 * Math.ulp(t));
        if (!(Math.abs(next) >= floor) || t + next == t) {
            throw stepper.failureException(t, next, "halving the step down to " + (options.minStep() > 0
                    ? "minStep = " + options.minStep() : "the resolution of t") + " did not help");
        }
        return next;
    }

    private void checkFinite(double h) {
        double[] y1 = stepper.proposed();
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y1[i])) {
                throw new NonFiniteStateException(t, h, String.format(Locale.ROOT, "the state became non-finite "
                        + "(component %d = %s) in the step to t = %.17g; reduce the step size or check f", i, y1[i], t + h));
            }
        }
    }

    private void computeScale(double[] y0, double[] y1) {
        for (int i = 0; i < n; i++) {
            double sc = atol[i] + rtol * Math.max(Math.abs(y0[i]), Math.abs(y1[i]));
            scale[i] = sc > 0 ? sc : Double.MIN_NORMAL;
        }
    }

    /** The first step's magnitude: the option's, or Hairer–Nørsett–Wanner's choice. */
    private double initialStep(int k) {
        if (options.firstStep().isPresent()) {
            return options.firstStep().getAsDouble();
        }
        if (!allFinite(stepper.derivative())) {
            throw new NonFiniteStateException(t, 0, "the vector field is non-finite (NaN or infinite) at the initial state");
        }
        return InitialStep.select(stepper, t, direction, Math.abs(tEnd - t), atol, rtol, norm, options.maxStep(), k);
    }

    private static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Events, outputs and dense storage of an accepted step, then the advance. */
    private void completeStep(double h, double t1, boolean lands, boolean jump) {
        if (detector != null && handleEvents(h, t1)) {
            return;
        }
        emitOutputs(t1, t1);
        if (dense != null) {
            storeDense(h, t1);
        }
        if (stepLog != null) {
            stepLog.add(t, h, t1, stepper.afterJump, jump);
        }
        stepper.accept(jump);
        t = t1;
        if (detector != null) {
            detector.finishStep();
        }
        if (lands) {
            nextLanding++;
        }
        applyOutputHook();
    }

    /** The output hook's impulse, when the step just landed on an interior output time. */
    private void applyOutputHook() {
        OutputHook hook = options.outputHook();
        int index = nextOut - 1;
        if (hook == null || index <= 0 || index >= count - 1 || times[index] != t) {
            return;
        }
        Tensor next = hook.atOutput(index, t, stepper.stateTensor());
        if (next == null) {
            return;
        }
        if (!Arrays.equals(next.shape(), shape)) {
            throw new IllegalArgumentException("the output hook returned a state of shape " + Shape.format(next.shape())
                    + " at output " + index + "; the state has shape " + Shape.format(shape));
        }
        stepper.start(t, next, null, isJump(t, options));
        if (!allFinite(stepper.state())) {
            throw new NonFiniteStateException(t, 0, "the output hook returned a non-finite state at output " + index);
        }
        if (detector != null) {
            detector.init(t, stepper.state());
        }
    }

    /** Writes the outputs with times up to {@code upTo} from the attempted step ending at t1. */
    private void emitOutputs(double upTo, double t1) {
        while (nextOut < count && direction * (times[nextOut] - upTo) <= 0) {
            double s = times[nextOut];
            if (record != null) {
                record.output(nextOut, s == t1);
            }
            if (taped) {
                outTensors[nextOut] = s == t1 ? stepper.proposedTensor() : stepper.interpolateTensor(s);
            } else if (s == t1) {
                System.arraycopy(stepper.proposed(), 0, outStates.buffer(), nextOut * n, n);
            } else {
                stepper.interpolate(s, outStates.buffer(), nextOut * n);
            }
            nextOut++;
        }
    }

    private double[] denseScratch;

    private void storeDense(double h, double end) {
        int degree = stepper.denseDegree();
        if (denseScratch == null || denseScratch.length < (degree + 1) * n) {
            denseScratch = new double[(degree + 1) * n];
        }
        stepper.denseCoefficients(denseScratch);
        dense.add(t, h, end, degree, denseScratch);
    }

    /**
     * Locates and handles the events of the accepted step (t, t1].
     *
     * @return true when an event cut the step short (a stop or a jump): the caller must not advance
     */
    private boolean handleEvents(double h, double t1) {
        detector.beginStep(t, t1, stepper);
        while (true) {
            int e = detector.earliest();
            if (e < 0) {
                return false;
            }
            double te = detector.time(e);
            emitOutputs(te, t1);
            Tensor ze = te == t1 ? stepper.proposedTensor() : stepper.interpolateTensor(te);
            Event event = options.events().get(e);
            Tensor teTensor = Tensor.scalar(te);
            if (taped) {
                Tensor[] attached = EventTiming.attach(event.function(), te, ze, t, t1, stepper, field, shape);
                teTensor = attached[0];
                ze = attached[1];
            }
            EventAction action = event.terminal() ? EventAction.stop()
                    : event.handler() == null ? EventAction.proceed() : event.handler().handle(te, ze);
            if (action == null) {
                throw new IllegalStateException("the handler of event " + e + " returned null; return "
                        + "EventAction.proceed(), stop() or resetState(z)");
            }
            switch (action.kind()) {
                case STOP -> {
                    records.add(new EventRecord(e, te, ze, ze, true, teTensor));
                    if (dense != null) {
                        storeDense(h, te);
                    }
                    t = te;
                    terminated = true;
                    return true;
                }
                case RESET_STATE -> {
                    Tensor next = action.state();
                    if (!Arrays.equals(next.shape(), shape)) {
                        throw new IllegalArgumentException("the handler of event " + e + " returned a state of shape "
                                + Shape.format(next.shape()) + "; the state has shape " + Shape.format(shape));
                    }
                    records.add(new EventRecord(e, te, ze, next, false, teTensor));
                    if (taped) {
                        next = EventTiming.restart(next, teTensor, te, field);
                    }
                    if (dense != null) {
                        storeDense(h, te);
                    }
                    t = te;
                    while (nextLanding < landing.length - 1 && direction * (landing[nextLanding] - te) <= 0) {
                        nextLanding++;
                    }
                    boolean atJump = isJump(te, options);
                    stepper.start(te, next, null, atJump);
                    if (!allFinite(stepper.state())) {
                        throw new NonFiniteStateException(te, h, "the event handler of event " + e
                                + " returned a non-finite state");
                    }
                    detector.init(te, stepper.state());
                    return true;
                }
                default -> {
                    records.add(new EventRecord(e, te, ze, ze, false, teTensor));
                    detector.continueAfter(e, te, stepper);
                }
            }
        }
    }

    private Solution finish(long probeEvaluations) {
        double[] outTimes = nextOut == count ? times.clone() : Arrays.copyOf(times, nextOut);
        Tensor states;
        if (taped) {
            states = Tensor.stack(0, Arrays.copyOf(outTensors, nextOut));
        } else if (nextOut == count) {
            states = outStates;
        } else {
            int[] s = outStates.shape();
            s[0] = nextOut;
            states = Tensor.fromArray(Arrays.copyOf(outStates.buffer(), nextOut * n), s);
        }
        Stats stats = new Stats(stepper.evaluations() + probeEvaluations, accepted, rejected,
                stepper.jacobianEvaluations(), stepper.luDecompositions(), stepper.newtonIterations());
        DenseSolution d = dense == null ? null : dense.build(times[0], t);
        return new Solution(states, outTimes, stats, records, d, terminated);
    }
}
