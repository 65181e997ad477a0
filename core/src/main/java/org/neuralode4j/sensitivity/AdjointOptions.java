package org.neuralode4j.sensitivity;

import java.util.Objects;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.StepController;
import org.neuralode4j.ode.tableau.ButcherTableau;
import org.neuralode4j.ode.tableau.CashKarp;

/**
 * Settings of the backward (adjoint) solve; by default the forward solve's tolerances and an
 * automatically chosen method (see {@link #backwardMethod}).
 * Immutable; built with {@link #builder()}.
 */
public final class AdjointOptions {
    /** The default number of stored states of {@link Gradient#RECURSIVE_CHECKPOINT}. */
    public static final int DEFAULT_CHECKPOINTS = 32;

    private final String method;
    private final double rtol;
    private final double atol;
    private final boolean seminorm;
    private final int checkpointSegments;
    private final int checkpoints;
    private final int maxSteps;
    private final StepController controller;

    private AdjointOptions(Builder b) {
        this.method = b.method;
        this.rtol = b.rtol;
        this.atol = b.atol;
        this.seminorm = b.seminorm;
        this.checkpointSegments = b.checkpointSegments;
        this.checkpoints = b.checkpoints;
        this.maxSteps = b.maxSteps;
        this.controller = b.controller;
    }

    /** Defaults: the automatic backward method, the forward tolerances, seminorm on, no extra checkpoints. */
    public static AdjointOptions defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The backward method's name, or {@code null} for the automatic choice (see {@link #backwardMethod}). */
    public String method() {
        return method;
    }

    /**
     * How many output intervals a forward step must span, times rtol^(−2/15), before the automatic
     * backward method is bosh3 (see {@link #backwardMethod}).
     */
    static final double LOW_ORDER_SPACING = 1.8;

    /**
     * The method of a backward solve. An explicit choice wins. Otherwise:
     *
     * <ol>
     *   <li>bosh3 when the output times are so dense that even a third-order method meets the
     *   tolerance in about one step per output interval: the backward pass must land on every output
     *   time to add ∂L/∂z(t_i), so its steps are then dictated by the output spacing, and bosh3 (3
     *   evaluations a step, 4 with the restart after each jump) is cheaper than a fifth-order pair
     *   (6 a step for Cash–Karp). Only then: where bosh3 needs two or more steps per interval it
     *   costs more, and at five steps per interval (tight tolerances, moderately dense outputs) more
     *   than twice as much.
     *   <li>cashkarp ({@link org.neuralode4j.ode.tableau.CashKarp}) in place of a fifth-order FSAL
     *   pair (dopri5, dopri5-shampine, tsit5, or a user-built one): an FSAL step costs six new
     *   evaluations only while the next step starts from the state this one ended with; every landing
     *   on an output time, where the adjoint jumps, costs a seventh (the error estimate's stage at the
     *   old state, then a fresh first stage at the new one), while Cash–Karp's estimate uses its six
     *   stages only. Measured by the benchmark {@code BackwardPairComparison} (spiral model, 2 to 1001
     *   outputs, rtol 1e-6 and 1e-8, ADJOINT and CHECKPOINTED_ADJOINT; 36 cases): 3–33% fewer
     *   backward evaluations in every case, also with only two outputs, where its steps on the
     *   adjoint system are longer; gradient errors a median 1.005 times dopri5's, more than twice it in
     *   6 cases, at most 5.3 times (then 2.1 times DIRECT's error at that tolerance); on Lotka–Volterra,
     *   Van der Pol (μ = 5) and a damped linear system (12 cases) 2–26% fewer, errors 0.74–2.1 times.
     *   <li>otherwise the forward method.
     * </ol>
     *
     * <p>The bosh3 rule: forward steps span on average at least {@link #LOW_ORDER_SPACING}·rtol^(−2/15)
     * output intervals (about 11 at rtol 1e-6, 15 at 1e-7, 21 at 1e-8). A fifth-order pair's step
     * at tolerance rtol grows like rtol^(1/5), bosh3's like rtol^(1/3), so bosh3's step is a fraction
     * c·rtol^(2/15) of the forward step; c ≈ 0.37 measured on a damped rotation plus an MLP term
     * with 11 to 1001 outputs (dopri5 forward at rtol 1e-6 and 1e-8). Measured there against
     * dopri5 backwards, before the sixth session (automatic first step): 1001 outputs at rtol 1e-6, 4004 evaluations against 7001; 201 outputs at
     * rtol 1e-8 (4 intervals per forward step), 3219 against 1407, which an older rule (two
     * intervals per forward step) got wrong. With m bosh3 steps per interval it costs 3m + 1
     * evaluations there, Cash–Karp at one step 6, so bosh3 wins below m = 5/3; the spacing factor
     * 1.8 = 1/(0.37 · 1.5) takes m = 1.5 as the limit, the margin the rule had against dopri5
     * (1.7 steps against a break-even of 2; the factor was 1.6 then). The model assumes a fourth- or
     * fifth-order forward pair and relative error control, so a higher-order forward method (dopri8,
     * chosen for accuracy) keeps its own method backwards, and rtol 0 (absolute control) never
     * switches to bosh3.
     *
     * @param forward the forward options (fixed-step and stiff solves keep their method)
     * @param forwardSteps accepted forward steps
     * @param outputIntervals number of stop intervals of the backward pass (outputs, events, checkpoints)
     * @param backwardRtol the backward solve's relative tolerance
     */
    static String backwardMethod(String explicit, SolveOptions forward, long forwardSteps, int outputIntervals,
                                 double backwardRtol) {
        if (explicit != null) {
            return explicit;
        }
        if (!forward.stepSize().isEmpty() || forward.isStiff()) {
            return forward.methodName();
        }
        ButcherTableau tableau = forward.method();
        int order = tableau.order();
        if (order > 3 && order <= 5 && backwardRtol > 0
                && outputIntervals >= LOW_ORDER_SPACING * Math.pow(backwardRtol, -2.0 / 15) * Math.max(1, forwardSteps)) {
            return "bosh3";
        }
        if (order == 5 && tableau.fsal()) {
            return CashKarp.TABLEAU.name();
        }
        return forward.methodName();
    }

    /**
     * A builder of the backward solve's options, {@code backward} (from {@link #backwardOptions})
     * with the method of {@link #backwardMethod}. Where that is the method {@code backward} already
     * holds, its object is kept rather than looked up by name again, so a tableau the user built
     * (not in the registry) runs the backward pass too.
     */
    SolveOptions.Builder backwardBuilder(SolveOptions backward, SolveOptions forward, long forwardSteps,
                                         int outputIntervals) {
        String chosen = backwardMethod(method, forward, forwardSteps, outputIntervals, backward.rtol());
        SolveOptions.Builder b = backward.toBuilder();
        return chosen.equals(backward.methodName()) ? b : b.method(chosen);
    }

    /**
     * The first step of a backward solve over {@code span}, where neither the options (a first step
     * or a fixed step size, the user's or the forward solve's) set it: the average step the forward
     * solve took over the same span, at most the largest step allowed; {@code NaN} otherwise, which
     * keeps the automatic first step (Hairer, Nørsett &amp; Wanner's estimate, one evaluation).
     *
     * <p>Why: the backward pass lands on every output time, and the automatic estimate, made for an
     * unknown problem, starts far below the output spacing; the step controller then needs several
     * steps to grow to it. On the spiral recipe (200 trained iterations, 20 batches) the backward pass
     * took 12.4 steps and 75.4 evaluations for its 9 intervals, with this start 9.0 and 54 (one step
     * each); in the 48 Cash–Karp cases of the benchmark {@code BackwardPairComparison} it took 10% fewer
     * to 3.4% more evaluations (fewer in 40), the largest gains on short solves, where the start-up
     * steps weigh most.
     */
    static double firstStep(SolveOptions backward, double span, long forwardSteps) {
        if (backward.firstStep().isPresent() || backward.stepSize().isPresent() || forwardSteps <= 0
                || !(span > 0)) {
            return Double.NaN;
        }
        return Math.min(span / forwardSteps, backward.maxStep());
    }

    /** Whether the parameter-adjoint channels are left out of the error norm (Kidger, Chen &amp; Lyons 2021). */
    public boolean seminorm() {
        return seminorm;
    }

    /** The backward solve's step-size controller, or {@code null} for the forward solve's. */
    public StepController controller() {
        return controller;
    }

    /**
     * Extra equally spaced checkpoints for {@link Gradient#CHECKPOINTED_ADJOINT} (beyond the output
     * times); each also ends a segment of its backward pass, bounding the dense output held at once.
     */
    public int checkpointSegments() {
        return checkpointSegments;
    }

    /**
     * The most states {@link Gradient#RECURSIVE_CHECKPOINT} stores at once (the initial state
     * included); default {@link #DEFAULT_CHECKPOINTS}.
     */
    public int checkpoints() {
        return checkpoints;
    }

    /**
     * Options of the backward solve derived from the forward ones: method, tolerances, controller and
     * step limit replaced where this object sets them; stepTimes, events, dense output and hooks cleared.
     * The stiff options lose what describes f rather than the augmented system: a hand-written
     * Jacobian (of f, not of [z, a, a_θ], whose exact Jacobian the adjoint dynamics supply
     * themselves) and the autonomous flag (the interpolating layout depends on t through z(t)).
     */
    SolveOptions backwardOptions(SolveOptions forward) {
        SolveOptions.Builder b = forward.toBuilder().clearEvents().dense(false).outputHook(null).perSample(false)
                .stepTimes().stiffOptions(forward.stiffOptions().toBuilder().jacobian(null).autonomous(false).build());
        if (method != null) {
            b.method(method);
        }
        if (!Double.isNaN(rtol)) {
            b.rtol(rtol);
        }
        if (!Double.isNaN(atol)) {
            b.atol(atol);
        } else if (forward.atolPerComponent() != null) {
            b.atol(minimum(forward.atolPerComponent()));
        }
        if (maxSteps > 0) {
            b.maxSteps(maxSteps);
        }
        if (controller != null) {
            b.controller(controller);
        }
        return b.build();
    }

    private static double minimum(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    /** Builder of {@link AdjointOptions}. */
    public static final class Builder {
        private String method;
        private double rtol = Double.NaN;
        private double atol = Double.NaN;
        private boolean seminorm = true;
        private StepController controller;
        private int checkpointSegments;
        private int checkpoints = DEFAULT_CHECKPOINTS;
        private int maxSteps;

        private Builder() {
        }

        /**
         * Method of the backward solve (an explicit method name); default: automatic (the forward method,
         * except bosh3 when the output times are so dense for the tolerance that it needs about one
         * step per interval, and cashkarp in place of a fifth-order FSAL pair; see
         * {@link AdjointOptions#backwardMethod}).
         */
        public Builder method(String name) {
            this.method = name;
            return this;
        }

        /** Relative tolerance of the backward solve; default: the forward one. */
        public Builder rtol(double rtol) {
            if (!(rtol >= 0) || !Double.isFinite(rtol)) {
                throw new IllegalArgumentException("adjoint rtol = " + rtol + " is invalid: pass a finite value >= 0");
            }
            this.rtol = rtol;
            return this;
        }

        /** Absolute tolerance of the backward solve; default: the forward one. */
        public Builder atol(double atol) {
            if (!(atol >= 0) || !Double.isFinite(atol)) {
                throw new IllegalArgumentException("adjoint atol = " + atol + " is invalid: pass a finite value >= 0");
            }
            this.atol = atol;
            return this;
        }

        /** Whether to use the seminorm (default true) or the full RMS norm over the augmented state. */
        public Builder seminorm(boolean seminorm) {
            this.seminorm = seminorm;
            return this;
        }

        /** Extra equally spaced checkpoints for the checkpointed adjoint (default 0: output times only). */
        public Builder checkpointSegments(int segments) {
            if (segments < 0) {
                throw new IllegalArgumentException("checkpointSegments = " + segments + " must be >= 0");
            }
            this.checkpointSegments = segments;
            return this;
        }

        /**
         * The most states {@link Gradient#RECURSIVE_CHECKPOINT} stores at once, the initial state
         * included (c ≥ 1; default {@value AdjointOptions#DEFAULT_CHECKPOINTS}). Its backward pass then
         * advances steps the least possible number of times for N steps and c stored states
         * (Griewank &amp; Walther, "Algorithm 799: Revolve", ACM TOMS 26(1), 2000): N − 1 when c ≥ N − 1,
         * N(N − 1)/2 when c = 1, and r·N − C(c + r, r − 1) in general, r being the smallest number with
         * C(c + r, c) ≥ N (each step advanced at most r times). The default keeps memory independent
         * of N: 32 states reverse 561 steps advancing each at most twice, 6545 at most three times and
         * 58905 at most four times.
         */
        public Builder checkpoints(int c) {
            if (c < 1) {
                throw new IllegalArgumentException("checkpoints = " + c + " must be >= 1 (the initial state is one)");
            }
            this.checkpoints = c;
            return this;
        }

        /**
         * Step limit of the backward solve (for the checkpointed adjoint, of each output interval, as
         * its segments span several); default: the forward one.
         */
        public Builder maxSteps(int maxSteps) {
            if (maxSteps < 1) {
                throw new IllegalArgumentException("adjoint maxSteps = " + maxSteps + " must be >= 1");
            }
            this.maxSteps = maxSteps;
            return this;
        }

        /**
         * The step-size controller of the backward solve (default: the forward solve's). The backward
         * pass lands on every output time and restarts the adjoint there, which a smoothing PI
         * controller (e.g. {@link org.neuralode4j.ode.PIController#hairer()}) handles with fewer
         * rejections than the integral one.
         */
        public Builder controller(StepController controller) {
            this.controller = Objects.requireNonNull(controller, "controller");
            return this;
        }

        /** The options. */
        public AdjointOptions build() {
            return new AdjointOptions(this);
        }
    }
}
