package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * One step method as the integration loop ({@link Integrator}) sees it: it holds the current state,
 * attempts a step, exposes the proposed state and its error estimate, interpolates inside the step,
 * and advances on acceptance. The loop owns everything else (tolerances, the controller, output
 * times, landing times, events, dense storage), so a new engine only implements this class:
 * {@link ExplicitRungeKutta}, {@link RosenbrockStepper} and {@link EsdirkStepper}, made by
 * {@link #create}.
 *
 * <p>Raw arrays returned by the accessors are live views, valid until the next call that changes
 * the stepper; callers copy what they keep.
 */
abstract class Stepper {
    /** Evaluates f and counts the calls. */
    final FieldEvaluator fe;
    /** Whether the solve records gradients: states are then recorded tensors. */
    final boolean taped;
    /** +1 forwards in time, −1 backwards. */
    final double direction;
    /** Number of state components. */
    final int n;
    /** The current time. */
    double t;
    /** Whether t is a discontinuity of f, so that f is evaluated just after it. */
    boolean afterJump;
    /** The current state: the buffer of {@link #yT} when taped, an owned array otherwise. */
    double[] y;
    /** The current state as a recorded tensor (taped solves only). */
    Tensor yT;
    /** The attempted step's proposed state, like {@link #y}. */
    double[] y1;
    /** The proposed state as a recorded tensor (taped solves only). */
    Tensor y1T;
    /** The attempted step's local error estimate. */
    final double[] err;

    Stepper(FieldEvaluator fe, boolean taped, double direction) {
        this.fe = fe;
        this.taped = taped;
        this.direction = direction;
        this.n = fe.size();
        this.y = new double[n];
        this.y1 = new double[n];
        this.err = new double[n];
    }

    /** The engine of the options' method. */
    static Stepper create(SolveOptions options, VectorField f, FieldEvaluator field, boolean taped, double direction) {
        StiffMethod stiff = options.stiffMethod();
        if (stiff == null) {
            return new ExplicitRungeKutta(options.coefficients(), field, taped, direction);
        }
        Linearization lin = new Linearization(f, field, options.stiffOptions(), direction, taped);
        return stiff.isRosenbrock()
                ? new RosenbrockStepper(stiff, lin, field, taped, direction)
                : new EsdirkStepper(stiff, lin, field, taped, direction, options);
    }

    /** @return whether {@link #errorNorm} is available */
    abstract boolean adaptive();

    /** @return k with error ~ h^k (controller exponent and initial step) */
    abstract int errorOrder();

    /** @return the solve records gradients (states are recorded tensors) */
    final boolean taped() {
        return taped;
    }

    /**
     * Sets the state at t; f(t, z) is evaluated when first needed, or taken from {@code f0}.
     *
     * @param afterJump evaluate f just after t (t is a discontinuity of f)
     */
    abstract void start(double t, Tensor z, Tensor f0, boolean afterJump);

    /** @return the current state (raw view) */
    final double[] state() {
        return y;
    }

    /** @return the current state as a tensor (recorded when taped) */
    final Tensor stateTensor() {
        return taped ? yT : Tensor.fromArray(y, fe.shape());
    }

    /** @return f at the current state (raw view), evaluating it if needed */
    abstract double[] derivative();

    /**
     * Attempts the step from the current (t, y) to t1 = t + h.
     *
     * @param t1 the exact end time (t + h, or a landing time)
     * @param endsAtJump t1 is a discontinuity of f: stages at t1 see it from the left
     * @param wantError compute the error estimate
     */
    abstract void attempt(double h, double t1, boolean endsAtJump, boolean wantError);

    /** @return the proposed state at t1 (raw view) */
    final double[] proposed() {
        return y1;
    }

    /** @return the proposed state as a tensor (recorded when taped) */
    final Tensor proposedTensor() {
        return taped ? y1T : Tensor.fromArray(y1, fe.shape());
    }

    /** @return the scaled error norm of the attempted step */
    double errorNorm(ErrorNorm norm, double[] scale) {
        return norm.norm(err, scale);
    }

    /** Interpolates the attempted step at time s in [t, t1] into out[offset ..]. */
    abstract void interpolate(double s, double[] out, int offset);

    /** Interpolates as a tensor (recorded when taped). */
    abstract Tensor interpolateTensor(double s);

    /** @return the degree of the step's interpolating polynomial */
    abstract int denseDegree();

    /**
     * Writes the step's interpolant as polynomial coefficients in θ = (s - t)/h:
     * y(θ) = out[0..n) + θ out[n..2n) + θ² out[2n..3n) + ..., of length (degree + 1)·n.
     */
    abstract void denseCoefficients(double[] out);

    /** Advances to the proposed state. */
    abstract void accept(boolean endsAtJump);

    /** Number of evaluations of f so far (including {@link #evaluateAt}). */
    long evaluations() {
        return fe.count();
    }

    /** f(t, z) without recording, for the initial step selection; counted. */
    void evaluateAt(double t, double[] z, double[] out) {
        fe.evaluate(t, z, out);
    }

    /**
     * Why the last {@link #attempt} produced no step (a stiff method's Newton iteration failed or its
     * iteration matrix was singular), or null when it produced one. The loop then retries with a
     * smaller step and, when the step underflows, throws {@link #failureException}.
     */
    String failure() {
        return null;
    }

    /** The typed exception for a failure that shrinking the step could not cure. */
    SolverException failureException(double t, double h, String detail) {
        return new StepSizeUnderflowException(t, h, failure() + "; " + detail);
    }

    /** @return Jacobian evaluations so far (stiff methods) */
    long jacobianEvaluations() {
        return 0;
    }

    /** @return LU factorizations so far (stiff methods) */
    long luDecompositions() {
        return 0;
    }

    /** @return Newton iterations so far (ESDIRK methods) */
    long newtonIterations() {
        return 0;
    }

    /** Frees what the engine holds beyond its arrays (a stiff method's linearization); the solve has ended. */
    void release() {
    }

    /**
     * Takes z as the state at t: the recorded tensor itself when taped, a copy otherwise. Engines call
     * it from {@link #start} and reset their own caches.
     */
    final void setState(double t, Tensor z, boolean afterJump) {
        this.t = t;
        this.afterJump = afterJump;
        if (taped) {
            yT = z;
            y = z.buffer();
        } else {
            System.arraycopy(z.buffer(), 0, y, 0, n);
        }
    }

    /**
     * A derivative computed elsewhere (f(t, z) known at {@link #start}): its own buffer when taped
     * (the caller keeps the tensor), else copied into {@code dest}.
     *
     * @return the array that now holds it
     */
    final double[] adopt(Tensor f, double[] dest) {
        if (taped) {
            return f.buffer();
        }
        System.arraycopy(f.buffer(), 0, dest, 0, n);
        return dest;
    }

    /** The time f is evaluated at for the current state: just after t when t is a jump time. */
    final double startTime() {
        return afterJump ? Math.nextAfter(t, direction * Double.POSITIVE_INFINITY) : t;
    }

    /** Makes the proposed state the current one (the arrays swap roles when not taped). */
    final void advanceToProposed() {
        if (taped) {
            yT = y1T;
            y = y1;
        } else {
            double[] swap = y;
            y = y1;
            y1 = swap;
        }
    }
}
