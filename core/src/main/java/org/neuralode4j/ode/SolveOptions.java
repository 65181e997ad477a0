package org.neuralode4j.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.ExplicitTableaus;

/**
 * How to solve: the method (explicit Runge–Kutta or stiff, see {@link StiffMethod}), tolerances, step limits, times to land on, the error norm and step
 * controller, dense output, per-sample batches and events. Immutable; made with {@link #builder()}
 * and changed with {@link #toBuilder()}. Every setter checks its argument and says what to change.
 *
 * <p>Defaults: dopri5, rtol 1e-7, atol 1e-9 (torchdiffeq's), Hairer–Nørsett–Wanner initial step,
 * no minimum step, no maximum step, at most 100 000 attempted steps, RMS norm, Hairer's PI
 * controller, no dense output, one coupled system for a batch, event tolerance 1e-12, events
 * checked at 10 sub-intervals per step, {@link StiffOptions#defaults()} for the stiff methods.
 */
public final class SolveOptions {
    /** The method used when none is set. */
    public static final String DEFAULT_METHOD = "dopri5";
    private static final SolveOptions DEFAULTS = builder().build();
    private static final double RTOL_FLOOR = 1e-15;

    private final ButcherTableau method;
    private final RkCoefficients coefficients;
    private final StiffMethod stiffMethod;
    private final StiffOptions stiffOptions;
    private final double rtol;
    private final double atol;
    private final double[] atolPerComponent;
    private final double firstStep;
    private final double minStep;
    private final double maxStep;
    private final int maxSteps;
    private final double stepSize;
    private final double[] stepTimes;
    private final double[] jumpTimes;
    private final ErrorNorm norm;
    private final StepController controller;
    private final boolean dense;
    private final boolean perSample;
    private final List<Event> events;
    private final double eventTolerance;
    private final int eventSubdivisions;
    private final OutputHook outputHook;

    private SolveOptions(Builder b) {
        method = b.method;
        coefficients = b.coefficients;
        stiffMethod = b.stiffMethod;
        stiffOptions = b.stiffOptions;
        rtol = b.rtol;
        atol = b.atol;
        atolPerComponent = b.atolPerComponent;
        firstStep = b.firstStep;
        minStep = b.minStep;
        maxStep = b.maxStep;
        maxSteps = b.maxSteps;
        stepSize = b.stepSize;
        stepTimes = b.stepTimes;
        jumpTimes = b.jumpTimes;
        norm = b.norm;
        controller = b.controller;
        dense = b.dense;
        perSample = b.perSample;
        events = List.copyOf(b.events);
        eventTolerance = b.eventTolerance;
        eventSubdivisions = b.eventSubdivisions;
        outputHook = b.outputHook;
    }

    /** @return the default options */
    public static SolveOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder with the default values */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @return the explicit method's tableau
     * @throws IllegalStateException when the method is a stiff one (see {@link #stiffMethod()})
     */
    public ButcherTableau method() {
        if (stiffMethod != null) {
            throw new IllegalStateException("the method " + stiffMethod.name() + " is a stiff method, not a Butcher "
                    + "tableau; use methodName() or stiffMethod()");
        }
        return method;
    }

    /** @return the method's name, explicit or stiff (e.g. "dopri5", "rodas5p") */
    public String methodName() {
        return stiffMethod != null ? stiffMethod.name() : method.name();
    }

    /** @return the stiff method, or null when the method is an explicit Runge–Kutta one */
    public StiffMethod stiffMethod() {
        return stiffMethod;
    }

    /** @return whether the method is a stiff one */
    public boolean isStiff() {
        return stiffMethod != null;
    }

    /** @return the settings of the stiff methods (ignored by explicit ones) */
    public StiffOptions stiffOptions() {
        return stiffOptions;
    }

    RkCoefficients coefficients() {
        return coefficients;
    }

    /** @return whether the method has an error estimate */
    boolean adaptiveMethod() {
        return stiffMethod != null || coefficients.adaptive;
    }

    /** @return the relative tolerance */
    public double rtol() {
        return rtol;
    }

    /** @return the scalar absolute tolerance (NaN when a per-component one is set) */
    public double atol() {
        return atolPerComponent == null ? atol : Double.NaN;
    }

    /** @return a copy of the per-component absolute tolerance, or null when it is scalar */
    public double[] atolPerComponent() {
        return atolPerComponent == null ? null : atolPerComponent.clone();
    }

    /** @return the first step's magnitude, or empty for the automatic choice */
    public OptionalDouble firstStep() {
        return Double.isNaN(firstStep) ? OptionalDouble.empty() : OptionalDouble.of(firstStep);
    }

    /** @return the smallest step the error control may ask for (0: only the time resolution limits) */
    public double minStep() {
        return minStep;
    }

    /** @return the largest step magnitude */
    public double maxStep() {
        return maxStep;
    }

    /** @return the largest number of attempted (accepted + rejected) steps */
    public int maxSteps() {
        return maxSteps;
    }

    /** @return the fixed step size, or empty for adaptive stepping */
    public OptionalDouble stepSize() {
        return Double.isNaN(stepSize) ? OptionalDouble.empty() : OptionalDouble.of(stepSize);
    }

    /** @return a copy of the times every step sequence must land on */
    public double[] stepTimes() {
        return stepTimes.clone();
    }

    /** @return a copy of the discontinuity times of f (landed on, f evaluated afresh after) */
    public double[] jumpTimes() {
        return jumpTimes.clone();
    }

    /** @return the error norm */
    public ErrorNorm norm() {
        return norm;
    }

    /** @return the step-size controller */
    public StepController controller() {
        return controller;
    }

    /** @return whether the solution keeps a {@link DenseSolution} */
    public boolean dense() {
        return dense;
    }

    /** @return whether every batch row is integrated with its own step size */
    public boolean perSample() {
        return perSample;
    }

    /** @return the events, in index order */
    public List<Event> events() {
        return events;
    }

    /** @return the time tolerance to which event roots are located */
    public double eventTolerance() {
        return eventTolerance;
    }

    /** @return the number of equal sub-intervals of each step at whose ends event functions are checked */
    public int eventSubdivisions() {
        return eventSubdivisions;
    }

    boolean fixedStep() {
        return !Double.isNaN(stepSize);
    }

    /** @return the impulse applied at interior output times, or {@code null} */
    public OutputHook outputHook() {
        return outputHook;
    }

    double[] stepTimesRef() {
        return stepTimes;
    }

    double[] jumpTimesRef() {
        return jumpTimes;
    }

    /** Fills the absolute tolerance per component; refuses a per-component one of the wrong length. */
    void fillAtol(double[] out) {
        if (atolPerComponent == null) {
            Arrays.fill(out, atol);
        } else if (atolPerComponent.length != out.length) {
            throw new IllegalArgumentException("atol has " + atolPerComponent.length + " components but the state has "
                    + out.length + " elements; pass one atol per state element (in row-major order) or a scalar atol");
        } else {
            System.arraycopy(atolPerComponent, 0, out, 0, out.length);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SolveOptions(method=%s, rtol=%g, atol=%s, %s)", methodName(), rtol,
                atolPerComponent == null ? Double.toString(atol) : Arrays.toString(atolPerComponent),
                fixedStep() ? "stepSize=" + stepSize : "adaptive");
    }

    /** Collects options; {@link #build()} checks the combination. */
    public static final class Builder {
        private ButcherTableau method;
        private RkCoefficients coefficients;
        private StiffMethod stiffMethod;
        private StiffOptions stiffOptions = StiffOptions.defaults();
        private double rtol = 1e-7;
        private double atol = 1e-9;
        private double[] atolPerComponent;
        private double firstStep = Double.NaN;
        private double minStep = 0;
        private double maxStep = Double.POSITIVE_INFINITY;
        private int maxSteps = 100_000;
        private double stepSize = Double.NaN;
        private double[] stepTimes = new double[0];
        private double[] jumpTimes = new double[0];
        private ErrorNorm norm = ErrorNorm.RMS;
        private StepController controller = PIController.hairer();
        private boolean dense;
        private boolean perSample;
        private final List<Event> events = new ArrayList<>();
        private double eventTolerance = 1e-12;
        private int eventSubdivisions = 10;
        private OutputHook outputHook;

        private Builder() {
            method(DEFAULT_METHOD);
        }

        private Builder(SolveOptions o) {
            method = o.method;
            coefficients = o.coefficients;
            stiffMethod = o.stiffMethod;
            stiffOptions = o.stiffOptions;
            rtol = o.rtol;
            atol = o.atol;
            atolPerComponent = o.atolPerComponent;
            firstStep = o.firstStep;
            minStep = o.minStep;
            maxStep = o.maxStep;
            maxSteps = o.maxSteps;
            stepSize = o.stepSize;
            stepTimes = o.stepTimes;
            jumpTimes = o.jumpTimes;
            norm = o.norm;
            controller = o.controller;
            dense = o.dense;
            perSample = o.perSample;
            events.addAll(o.events);
            eventTolerance = o.eventTolerance;
            eventSubdivisions = o.eventSubdivisions;
            outputHook = o.outputHook;
        }

        /**
         * Sets the method by name.
         *
         * @param name one of {@link ExplicitTableaus#names()} or {@link StiffMethod#names()}
         *     (rodas5p, rodas4, rosenbrock23, kvaerno3, kvaerno5)
         * @return this builder
         * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
         */
        public Builder method(String name) {
            StiffMethod stiff = StiffMethod.find(name);
            if (stiff != null) {
                return method(stiff);
            }
            String key = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
            if (key == null || !ExplicitTableaus.names().contains(key)) {
                throw new IllegalArgumentException("unknown method '" + name + "'; valid names: explicit "
                        + String.join(", ", ExplicitTableaus.names()) + "; stiff " + String.join(", ",
                        StiffMethod.names()));
            }
            return method(ExplicitTableaus.byName(key));
        }

        /**
         * Sets a stiff method (a registered one or one built from any Rosenbrock or ESDIRK tableau).
         *
         * @param stiff the method
         * @return this builder
         */
        public Builder method(StiffMethod stiff) {
            this.stiffMethod = Objects.requireNonNull(stiff, "method");
            return this;
        }

        /**
         * Sets the settings of the stiff methods: the Jacobian, independent rows, Newton.
         *
         * @param stiffOptions the settings
         * @return this builder
         */
        public Builder stiffOptions(StiffOptions stiffOptions) {
            this.stiffOptions = Objects.requireNonNull(stiffOptions, "stiffOptions");
            return this;
        }

        /**
         * Sets the method by tableau (any explicit tableau, including user-made ones).
         *
         * @param tableau the tableau
         * @return this builder
         */
        public Builder method(ButcherTableau tableau) {
            Objects.requireNonNull(tableau, "method");
            stiffMethod = null;
            if (tableau != method) {
                method = tableau;
                coefficients = new RkCoefficients(tableau);
            }
            return this;
        }

        /**
         * Sets the relative tolerance.
         *
         * @param rtol at least 0 (0 means absolute error control only)
         * @return this builder
         */
        public Builder rtol(double rtol) {
            if (!(rtol >= 0) || !Double.isFinite(rtol)) {
                throw new IllegalArgumentException("rtol = " + rtol + " is invalid: pass a finite relative tolerance "
                        + ">= 0, e.g. rtol(1e-6)");
            }
            if (rtol > 0 && rtol < RTOL_FLOOR) {
                throw new IllegalArgumentException("rtol = " + rtol + " is below what double precision can deliver; "
                        + "pass rtol >= " + RTOL_FLOOR + " (or 0 with atol > 0)");
            }
            this.rtol = rtol;
            return this;
        }

        /**
         * Sets a scalar absolute tolerance.
         *
         * @param atol at least 0
         * @return this builder
         */
        public Builder atol(double atol) {
            if (!(atol >= 0) || !Double.isFinite(atol)) {
                throw new IllegalArgumentException("atol = " + atol + " is invalid: pass a finite absolute tolerance "
                        + ">= 0, e.g. atol(1e-9)");
            }
            this.atol = atol;
            this.atolPerComponent = null;
            return this;
        }

        /**
         * Sets one absolute tolerance per state element (row-major), e.g. for Robertson's problem.
         *
         * @param atol the tolerances, each at least 0; copied
         * @return this builder
         */
        public Builder atol(double... atol) {
            if (atol.length == 0) {
                throw new IllegalArgumentException("atol: pass at least one value (one per state element, or a scalar)");
            }
            for (int i = 0; i < atol.length; i++) {
                if (!(atol[i] >= 0) || !Double.isFinite(atol[i])) {
                    throw new IllegalArgumentException("atol[" + i + "] = " + atol[i] + " is invalid: every absolute "
                            + "tolerance must be finite and >= 0");
                }
            }
            if (atol.length == 1) {
                return atol(atol[0]);
            }
            this.atolPerComponent = atol.clone();
            return this;
        }

        /**
         * Sets the magnitude of the first step (the direction comes from the times).
         *
         * @param h positive and finite
         * @return this builder
         */
        public Builder firstStep(double h) {
            this.firstStep = positive("firstStep", h, "the direction comes from the times");
            return this;
        }

        /** Returns to the automatic first step (Hairer–Nørsett–Wanner). */
        public Builder automaticFirstStep() {
            this.firstStep = Double.NaN;
            return this;
        }

        /**
         * Sets the smallest step the error control may ask for; below it the solve fails with a
         * {@link StepSizeUnderflowException}. Steps shortened to land on a time are exempt.
         *
         * @param h at least 0
         * @return this builder
         */
        public Builder minStep(double h) {
            if (!(h >= 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException("minStep = " + h + " is invalid: pass a finite magnitude >= 0");
            }
            this.minStep = h;
            return this;
        }

        /**
         * Sets the largest step magnitude.
         *
         * @param h positive (infinity for no limit)
         * @return this builder
         */
        public Builder maxStep(double h) {
            if (!(h > 0)) {
                throw new IllegalArgumentException("maxStep = " + h + " is invalid: pass a positive magnitude "
                        + "(Double.POSITIVE_INFINITY for no limit)");
            }
            this.maxStep = h;
            return this;
        }

        /**
         * Sets the largest number of attempted steps.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxSteps(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxSteps = " + n + " is invalid: pass at least 1");
            }
            this.maxSteps = n;
            return this;
        }

        /**
         * Integrates with fixed steps of this size (needed by fixed-step methods; with an adaptive
         * method the error estimate is then ignored). Steps are shortened to land on the end, the
         * step times and the jump times; output times come from dense output.
         *
         * @param h positive and finite (the direction comes from the times)
         * @return this builder
         */
        public Builder stepSize(double h) {
            this.stepSize = positive("stepSize", h, "the direction comes from the times");
            return this;
        }

        /** Returns to adaptive stepping. */
        public Builder adaptive() {
            this.stepSize = Double.NaN;
            return this;
        }

        /**
         * Sets times the steps must land on (the state stays continuous there).
         *
         * @param times finite values in any order; those outside the span are ignored; copied
         * @return this builder
         */
        public Builder stepTimes(double... times) {
            this.stepTimes = finiteSorted("stepTimes", times);
            return this;
        }

        /**
         * Sets the times where f is discontinuous: the steps land on them and f is evaluated afresh
         * just after (stages ending on such a time see it from the left).
         *
         * @param times finite values in any order; those outside the span are ignored; copied
         * @return this builder
         */
        public Builder jumpTimes(double... times) {
            this.jumpTimes = finiteSorted("jumpTimes", times);
            return this;
        }

        /**
         * Sets the error norm.
         *
         * @param norm e.g. {@link ErrorNorm#RMS} (default) or {@link ErrorNorm#MAX}
         * @return this builder
         */
        public Builder norm(ErrorNorm norm) {
            this.norm = Objects.requireNonNull(norm, "norm");
            return this;
        }

        /**
         * Sets the step-size controller.
         *
         * @param controller e.g. {@link PIController#hairer()} (default) or {@link IController#standard()}
         * @return this builder
         */
        public Builder controller(StepController controller) {
            this.controller = Objects.requireNonNull(controller, "controller");
            return this;
        }

        /**
         * Keeps a {@link DenseSolution} of the whole span in the solution.
         *
         * @param dense whether to keep it
         * @return this builder
         */
        public Builder dense(boolean dense) {
            this.dense = dense;
            return this;
        }

        /**
         * Integrates every row of a [B, ...] state with its own step size (and, through
         * {@link OdeSolver#solvePerSample}, its own output times) instead of as one coupled system.
         *
         * @param perSample whether to do so
         * @return this builder
         */
        public Builder perSample(boolean perSample) {
            this.perSample = perSample;
            return this;
        }

        /**
         * Adds events (their indices follow the order in which they are added).
         *
         * @param events the events
         * @return this builder
         */
        public Builder events(Event... events) {
            for (Event e : events) {
                this.events.add(Objects.requireNonNull(e, "event"));
            }
            return this;
        }

        /** Removes all events. */
        public Builder clearEvents() {
            this.events.clear();
            return this;
        }

        /**
         * Sets the time tolerance of event location.
         *
         * @param tol positive and finite
         * @return this builder
         */
        public Builder eventTolerance(double tol) {
            this.eventTolerance = positive("eventTolerance", tol, "it is an absolute time tolerance");
            return this;
        }

        /**
         * Sets how finely each step is checked for events: g is evaluated on the dense output at the
         * ends of this many equal sub-intervals of every accepted step, so that a sign change and
         * its reversal inside one step (a ball's whole flight in one long step) are not missed.
         *
         * @param n at least 1 (1 checks the step's ends only); 10 by default
         * @return this builder
         */
        public Builder eventSubdivisions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("eventSubdivisions = " + n + " is invalid: pass at least 1 "
                        + "(1 checks only the ends of each step)");
            }
            this.eventSubdivisions = n;
            return this;
        }

        /**
         * Sets an impulse applied at interior output times (see {@link OutputHook}); output times then
         * become landing times.
         *
         * @param hook the hook, or {@code null} for none
         * @return this builder
         */
        public Builder outputHook(OutputHook hook) {
            this.outputHook = hook;
            return this;
        }

        /**
         * Checks the combination and makes the options.
         *
         * @return the options
         * @throws IllegalArgumentException naming the conflicting settings and what to change
         */
        public SolveOptions build() {
            if (stiffMethod == null && !coefficients.adaptive && Double.isNaN(stepSize)) {
                List<String> adaptiveNames = new ArrayList<>();
                for (String n : ExplicitTableaus.names()) {
                    if (ExplicitTableaus.byName(n).embeddedOrder() > 0) {
                        adaptiveNames.add(n);
                    }
                }
                throw new IllegalArgumentException("method " + method.name() + " is fixed-step (it has no error "
                        + "estimate): give it a step size (SolveOptions stepSize, --step-size where a command has it), "
                        + "or choose an adaptive method: " + String.join(", ", adaptiveNames));
            }
            boolean atolZero = atolPerComponent == null ? atol == 0 : allZero(atolPerComponent);
            if (rtol == 0 && atolZero && Double.isNaN(stepSize)) {
                throw new IllegalArgumentException("rtol and atol are both 0, so no error is small enough: set rtol > 0 "
                        + "or atol > 0");
            }
            if (minStep > maxStep) {
                throw new IllegalArgumentException("minStep = " + minStep + " exceeds maxStep = " + maxStep
                        + ": lower minStep or raise maxStep");
            }
            if (!Double.isNaN(firstStep) && firstStep > maxStep) {
                throw new IllegalArgumentException("firstStep = " + firstStep + " exceeds maxStep = " + maxStep
                        + ": lower firstStep or raise maxStep");
            }
            return new SolveOptions(this);
        }

        private static boolean allZero(double[] v) {
            for (double x : v) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        private static double positive(String what, double h, String hint) {
            if (!(h > 0) || !Double.isFinite(h)) {
                throw new IllegalArgumentException(what + " = " + h + " is invalid: pass a positive finite magnitude ("
                        + hint + ")");
            }
            return h;
        }

        private static double[] finiteSorted(String what, double[] times) {
            double[] copy = times.clone();
            for (int i = 0; i < copy.length; i++) {
                if (!Double.isFinite(copy[i])) {
                    throw new IllegalArgumentException(what + "[" + i + "] = " + copy[i] + " is not finite; pass "
                            + "finite times");
                }
            }
            Arrays.sort(copy);
            return copy;
        }
    }
}
