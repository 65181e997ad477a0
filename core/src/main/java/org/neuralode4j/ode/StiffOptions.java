package org.neuralode4j.ode;

import java.util.Locale;

/**
 * Settings of the stiff methods ({@link StiffMethod}): where the Jacobian comes from, whether batch
 * rows are independent, and the Newton iteration of the ESDIRK methods. Immutable; made with
 * {@link #builder()} and set with {@link SolveOptions.Builder#stiffOptions(StiffOptions)}. The
 * explicit methods ignore it.
 *
 * <h2>The Jacobian ∂f/∂z</h2>
 * In order of precedence:
 * <ol>
 *   <li>a {@link JacobianProvider} set here;</li>
 *   <li>the vector field's own block structure, when it is a {@link QuadratureTailField} and the
 *       solve does not record gradients (only the core block is then factored);</li>
 *   <li>the vector field itself, when it implements {@link JacobianProvider};</li>
 *   <li>{@link JacobianMode#REVERSE_MODE}: one evaluation of f on the tape and one vector–Jacobian
 *       product per row (n for a coupled state, D for a state [B, D] with independent rows, where
 *       every row's block is seeded at once); the default for fields written with tensors;</li>
 *   <li>{@link JacobianMode#FINITE_DIFFERENCE}: one evaluation of f per column (n, or D with
 *       independent rows) with Hairer's increments √(u·max(1e-5, |z_j|)); the default, and the
 *       only automatic choice, for an {@link ArrayVectorField}.</li>
 * </ol>
 * ∂f/∂t (Rosenbrock methods only) comes from the provider when it supplies it, else from a forward
 * difference in t (one evaluation per Jacobian), or is skipped for a field declared
 * {@link Builder#autonomous(boolean) autonomous}.
 *
 * <h2>Independent rows</h2>
 * For a state [B, D] whose rows never interact (a batch of independent trajectories, f applied row
 * by row), {@link Builder#independentRows(boolean)} makes the Jacobian block diagonal: B
 * factorizations of D×D instead of one of (BD)×(BD), and D vector–Jacobian products (or D
 * evaluations) per Jacobian instead of BD. Declaring it for a field whose rows do interact drops
 * the coupling from the Jacobian: a Rosenbrock method then loses accuracy, an ESDIRK method
 * converges more slowly.
 *
 * <h2>Newton (ESDIRK)</h2>
 * Simplified Newton iterations with the matrix I/(hγ) − J, J reused across stages and steps
 * (Hairer &amp; Wanner II, IV.8): an iteration stops when its contraction-based error estimate
 * η‖ΔZ‖ is at most {@code newtonKappa} (in the scaled error norm, where 1 is the tolerance), and is
 * abandoned when it diverges (rate ≥ 1) or would need more than {@code maxNewtonIterations}
 * iterations at its observed rate; then a stale Jacobian is refreshed, or a fresh one makes the
 * step fail and be retried with half the step size.
 */
public final class StiffOptions {

    /** How the Jacobian is computed when no {@link JacobianProvider} is available. */
    public enum JacobianMode {
        /** Reverse mode for tensor fields, finite differences for {@link ArrayVectorField}s. */
        AUTO,
        /** Rows by vector–Jacobian products on the autodiff tape (tensor fields only). */
        REVERSE_MODE,
        /** Columns by forward differences. */
        FINITE_DIFFERENCE
    }

    private static final StiffOptions DEFAULTS = builder().build();

    private final JacobianProvider jacobian;
    private final JacobianMode jacobianMode;
    private final boolean independentRows;
    private final boolean autonomous;
    private final int maxNewtonIterations;
    private final double newtonKappa;
    private final double jacobianRefreshRate;

    private StiffOptions(Builder b) {
        jacobian = b.jacobian;
        jacobianMode = b.jacobianMode;
        independentRows = b.independentRows;
        autonomous = b.autonomous;
        maxNewtonIterations = b.maxNewtonIterations;
        newtonKappa = b.newtonKappa;
        jacobianRefreshRate = b.jacobianRefreshRate;
    }

    /** @return the defaults: automatic Jacobian, coupled rows, non-autonomous, 10 iterations, κ = 0.01 */
    public static StiffOptions defaults() {
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

    /** @return the user's Jacobian, or null */
    public JacobianProvider jacobian() {
        return jacobian;
    }

    /** @return how the Jacobian is computed without a provider */
    public JacobianMode jacobianMode() {
        return jacobianMode;
    }

    /** @return whether the rows of a [B, D] state are declared independent */
    public boolean independentRows() {
        return independentRows;
    }

    /** @return whether f is declared independent of t (no ∂f/∂t) */
    public boolean autonomous() {
        return autonomous;
    }

    /** @return the largest number of Newton iterations per stage */
    public int maxNewtonIterations() {
        return maxNewtonIterations;
    }

    /** @return the Newton stopping tolerance κ, relative to the error tolerance */
    public double newtonKappa() {
        return newtonKappa;
    }

    /**
     * @return the convergence rate above which an accepted ESDIRK step asks for a fresh Jacobian at
     *     the next step
     */
    public double jacobianRefreshRate() {
        return jacobianRefreshRate;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "StiffOptions(jacobian=%s, independentRows=%s, autonomous=%s, "
                        + "maxNewtonIterations=%d, newtonKappa=%g)", jacobian != null ? "user" : jacobianMode,
                independentRows, autonomous, maxNewtonIterations, newtonKappa);
    }

    /** Collects stiff options. */
    public static final class Builder {
        private JacobianProvider jacobian;
        private JacobianMode jacobianMode = JacobianMode.AUTO;
        private boolean independentRows;
        private boolean autonomous;
        private int maxNewtonIterations = 10;
        private double newtonKappa = 0.01;
        private double jacobianRefreshRate = 0.2;

        private Builder() {
        }

        private Builder(StiffOptions o) {
            jacobian = o.jacobian;
            jacobianMode = o.jacobianMode;
            independentRows = o.independentRows;
            autonomous = o.autonomous;
            maxNewtonIterations = o.maxNewtonIterations;
            newtonKappa = o.newtonKappa;
            jacobianRefreshRate = o.jacobianRefreshRate;
        }

        /**
         * Sets a hand-written Jacobian (it wins over the mode and over a field that provides one).
         *
         * @param jacobian the provider, or null to compute the Jacobian automatically
         * @return this builder
         */
        public Builder jacobian(JacobianProvider jacobian) {
            this.jacobian = jacobian;
            return this;
        }

        /**
         * Sets how the Jacobian is computed without a provider.
         *
         * @param mode the mode; {@link JacobianMode#REVERSE_MODE} needs a field written with tensors
         * @return this builder
         */
        public Builder jacobianMode(JacobianMode mode) {
            this.jacobianMode = java.util.Objects.requireNonNull(mode, "jacobianMode");
            return this;
        }

        /**
         * Declares that the rows of a state [B, D] evolve independently (block-diagonal Jacobian).
         *
         * @param independent whether they do
         * @return this builder
         */
        public Builder independentRows(boolean independent) {
            this.independentRows = independent;
            return this;
        }

        /**
         * Declares that f does not depend on t, so the Rosenbrock methods skip ∂f/∂t.
         *
         * @param autonomous whether it does not
         * @return this builder
         */
        public Builder autonomous(boolean autonomous) {
            this.autonomous = autonomous;
            return this;
        }

        /**
         * Sets the largest number of Newton iterations per ESDIRK stage.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder maxNewtonIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxNewtonIterations = " + n + " is invalid: pass at least 1");
            }
            this.maxNewtonIterations = n;
            return this;
        }

        /**
         * Sets the Newton stopping tolerance κ (Hairer &amp; Wanner II, IV.8 suggest 0.01 to 0.1).
         *
         * @param kappa in (0, 1]
         * @return this builder
         */
        public Builder newtonKappa(double kappa) {
            if (!(kappa > 0 && kappa <= 1)) {
                throw new IllegalArgumentException("newtonKappa = " + kappa + " is invalid: pass a value in (0, 1], "
                        + "e.g. 0.01");
            }
            this.newtonKappa = kappa;
            return this;
        }

        /**
         * Sets the Newton convergence rate above which the next ESDIRK step refreshes the Jacobian.
         *
         * @param rate in [0, 1) (0 refreshes at every step)
         * @return this builder
         */
        public Builder jacobianRefreshRate(double rate) {
            if (!(rate >= 0 && rate < 1)) {
                throw new IllegalArgumentException("jacobianRefreshRate = " + rate + " is invalid: pass a value in "
                        + "[0, 1)");
            }
            this.jacobianRefreshRate = rate;
            return this;
        }

        /** @return the options */
        public StiffOptions build() {
            return new StiffOptions(this);
        }
    }
}
