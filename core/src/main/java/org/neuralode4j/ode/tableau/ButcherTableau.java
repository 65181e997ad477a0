package org.neuralode4j.ode.tableau;

import java.util.Arrays;
import java.util.Objects;

/**
 * The coefficients of an explicit Runge–Kutta method: its Butcher tableau, optionally with an
 * embedded error estimator and a continuous extension (dense output).
 *
 * <p>For a step of size {@code h} from {@code (t0, y0)} the method computes the stages
 *
 * <pre>
 *   k_i = f(t0 + c_i h, y0 + h Σ_{j&lt;i} a_ij k_j),   i = 0 … s-1
 *   y1  = y0 + h Σ_i b_i k_i
 *   err = h Σ_i e_i k_i                              (e = {@link #errorWeights()} = b - b̂)
 *   y(t0 + θh) ≈ y0 + h Σ_i b_i(θ) k_i                ({@link #denseWeights(double, double[])})
 * </pre>
 *
 * <p>Instances are immutable and thread-safe. Every array accessor returns a fresh defensive copy,
 * so an engine should read the arrays once when it is set up; the indexed accessors
 * ({@link #c(int)}, {@link #a(int, int)}, {@link #b(int)}) read without copying. Stage indices
 * are zero based throughout: stage 0 is the first stage, {@code c(0) == 0}.
 *
 * <p>Instances are made with {@link #builder(String)}, which validates the data. The methods that
 * ship with the library are listed by {@link ExplicitTableaus}.
 */
public final class ButcherTableau {

    private final String name;
    private final int order;
    private final int embeddedOrder;
    private final double[] c;
    private final double[][] a;
    private final double[] b;
    private final double[] errorWeights;
    private final double[] secondaryErrorWeights;
    private final boolean fsal;
    private final int denseOrder;
    /** dense[i][k] is the coefficient of θ^(k+1) in b_i(θ); null without dense output. */
    private final double[][] dense;

    private ButcherTableau(Builder builder) {
        this.name = builder.name;
        this.order = builder.order;
        this.embeddedOrder = builder.embeddedOrder;
        this.c = builder.c;
        this.a = builder.a;
        this.b = builder.b;
        this.errorWeights = builder.errorWeights;
        this.secondaryErrorWeights = builder.secondaryErrorWeights;
        this.fsal = builder.fsal;
        this.denseOrder = builder.denseOrder;
        this.dense = builder.dense;
    }

    /**
     * Starts a builder for a tableau.
     *
     * @param name the method's short name, as used by {@link ExplicitTableaus#byName(String)}
     * @return a new, empty builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The method's short name, e.g. {@code "dopri5"}.
     *
     * @return the name given to the builder
     */
    public String name() {
        return name;
    }

    /**
     * The classical order p of the propagated solution {@code y1}: the local error is O(h^(p+1)).
     *
     * @return the order, at least 1
     */
    public int order() {
        return order;
    }

    /**
     * The order of the embedded solution {@code ŷ1 = y0 + h Σ (b_i - e_i) k_i}.
     *
     * @return the embedded order, or 0 when the method has no error estimate
     */
    public int embeddedOrder() {
        return embeddedOrder;
    }

    /**
     * The number of stages s, i.e. of evaluations of f per step (one fewer after the first step for
     * an {@linkplain #fsal() FSAL} method).
     *
     * @return the number of stages, at least 1
     */
    public int stages() {
        return c.length;
    }

    /**
     * The nodes.
     *
     * @return a copy of c, of length {@link #stages()}
     */
    public double[] c() {
        return c.clone();
    }

    /**
     * One node, without copying.
     *
     * @param i the stage index, 0 ≤ i &lt; s
     * @return c_i
     */
    public double c(int i) {
        return c[i];
    }

    /**
     * The Runge–Kutta matrix as a ragged, strictly lower triangular array.
     *
     * @return a deep copy of a, with {@code a()[i].length == i}
     */
    public double[][] a() {
        return TableauArrays.copyRows(a);
    }

    /**
     * One coefficient of the Runge–Kutta matrix, without copying.
     *
     * @param i the stage index, 0 ≤ i &lt; s
     * @param j the index of an earlier stage, 0 ≤ j &lt; i
     * @return a_ij
     * @throws ArrayIndexOutOfBoundsException if j ≥ i (the upper triangle is not stored)
     */
    public double a(int i, int j) {
        return a[i][j];
    }

    /**
     * The weights of the propagated solution.
     *
     * @return a copy of b, of length {@link #stages()}
     */
    public double[] b() {
        return b.clone();
    }

    /**
     * One weight, without copying.
     *
     * @param i the stage index, 0 ≤ i &lt; s
     * @return b_i
     */
    public double b(int i) {
        return b[i];
    }

    /**
     * Whether the method carries an embedded error estimate.
     *
     * @return {@code errorWeights() != null}
     */
    public boolean hasErrorEstimate() {
        return errorWeights != null;
    }

    /**
     * The error weights e = b - b̂: the local error estimate of a step is
     * {@code err = h Σ_i e_i k_i = y1 - ŷ1}. The embedded solution ŷ1 has order
     * {@link #embeddedOrder()}, so err is O(h^(embeddedOrder + 1)).
     *
     * <p>For {@code dopri8} (DOP853) these are the weights of the fifth-order estimator; see
     * {@link #secondaryErrorWeights()} for how Hairer's code combines it with a third-order one.
     *
     * @return a copy of e, of length {@link #stages()}, or null for a fixed-step method
     */
    public double[] errorWeights() {
        return errorWeights == null ? null : errorWeights.clone();
    }

    /**
     * The weights of a second error estimator, for methods whose error norm combines two
     * estimators; null for every method here except {@code dopri8} (DOP853).
     *
     * <p><b>DOP853.</b> With {@code e5 = }{@link #errorWeights()} and {@code e3 =} these weights,
     * both estimators are formed from the same stages, {@code err5 = h Σ_i e5_i k_i} (= y1 minus a
     * fifth-order solution) and {@code err3 = h Σ_i e3_i k_i} (= y1 minus a third-order solution).
     * Hairer's code (dop853.f, and scipy's {@code DOP853}) scales each component by
     * {@code sk_j = atol_j + rtol_j · max(|y0_j|, |y1_j|)} and takes root-mean-square norms over the
     * n components,
     *
     * <pre>
     *   E5 = sqrt( (1/n) Σ_j (err5_j / sk_j)² ),   E3 = sqrt( (1/n) Σ_j (err3_j / sk_j)² ),
     *   err = E5² / sqrt( E5² + 0.01 · E3² )           (err = 0 when E5 = E3 = 0),
     * </pre>
     *
     * and accepts the step when err ≤ 1. (dop853.f computes the same quantity from the unscaled
     * sums of squares S5 = n·E5² and S3 = n·E3² as {@code |h|·S5·sqrt(1/(n·(S5 + 0.01·S3)))}, with
     * its sums formed without the factor h, which it applies at the end.) The combined estimate
     * behaves like E5 when E5 dominates and like 10·E5²/E3 otherwise, i.e. like O(h^8) for small
     * h, which is why DOP853 uses the exponent 1/8 in its step-size control.
     *
     * @return a copy of the secondary weights, of length {@link #stages()}, or null
     */
    public double[] secondaryErrorWeights() {
        return secondaryErrorWeights == null ? null : secondaryErrorWeights.clone();
    }

    /**
     * Whether the method is "first same as last": its last stage is evaluated at
     * {@code (t0 + h, y1)} ({@code c[s-1] = 1}, {@code a[s-1] = b}, {@code b[s-1] = 0}), so after an
     * accepted step it equals the first stage of the next step and can be reused.
     *
     * @return true for an FSAL method
     */
    public boolean fsal() {
        return fsal;
    }

    /**
     * Whether the method has its own continuous extension. Without one an engine should fall back
     * to cubic Hermite interpolation between (y0, f0) and (y1, f1).
     *
     * @return true when {@link #denseWeights(double, double[])} may be called
     */
    public boolean hasDenseOutput() {
        return dense != null;
    }

    /**
     * The order q of the continuous extension: for every θ in [0, 1],
     * {@code y0 + h Σ b_i(θ) k_i - y(t0 + θh) = O(h^(q+1))}.
     *
     * @return the dense order, or 0 without dense output
     */
    public int denseOrder() {
        return denseOrder;
    }

    /**
     * The degree in θ of the dense-output polynomials b_i(θ).
     *
     * @return the degree, or 0 without dense output
     */
    public int denseDegree() {
        return dense == null ? 0 : dense[0].length;
    }

    /**
     * The dense-output polynomials as coefficients: {@code b_i(θ) = Σ_k P[i][k] θ^(k+1)} (there is
     * no constant term, since b_i(0) = 0).
     *
     * @return a deep copy of P, of size {@code stages() × denseDegree()}, or null without dense
     *     output
     */
    public double[][] denseCoefficients() {
        return dense == null ? null : TableauArrays.copyRows(dense);
    }

    /**
     * Evaluates the dense-output weights: fills {@code out[i] = b_i(θ)} so that
     * {@code y(t0 + θh) ≈ y0 + h Σ_i out[i] k_i}. At θ = 1 the weights equal b (to rounding). θ
     * outside [0, 1] extrapolates the polynomial; it is allowed but its accuracy is not claimed.
     *
     * @param theta the fraction of the step, normally in [0, 1]; not modified
     * @param out receives the s weights; modified (every entry is overwritten)
     * @throws IllegalStateException if the method has no dense output
     * @throws IllegalArgumentException if {@code out.length != stages()}
     */
    public void denseWeights(double theta, double[] out) {
        if (dense == null) {
            throw new IllegalStateException(name + " has no dense output of its own; use Hermite");
        }
        if (out.length != c.length) {
            throw new IllegalArgumentException(name + ": denseWeights needs an output array of length "
                    + c.length + ", got " + out.length);
        }
        for (int i = 0; i < dense.length; i++) {
            double[] p = dense[i];
            double v = 0.0;
            for (int k = p.length - 1; k >= 0; k--) {
                v = (v + p[k]) * theta;
            }
            out[i] = v;
        }
    }

    /**
     * A one-line summary, e.g. {@code dopri5: 7 stages, order 5(4), FSAL, dense order 4}.
     *
     * @return a human-readable description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(": ").append(stages())
                .append(stages() == 1 ? " stage, order " : " stages, order ").append(order);
        if (errorWeights != null) {
            sb.append('(').append(embeddedOrder).append(')');
        }
        if (fsal) {
            sb.append(", FSAL");
        }
        if (dense != null) {
            sb.append(", dense order ").append(denseOrder);
        }
        return sb.toString();
    }

    /**
     * Collects and validates the data of a {@link ButcherTableau}. Arrays are copied when set, so
     * the caller may reuse them. Validation happens in {@link #build()}.
     */
    public static final class Builder {
        private final String name;
        private int order;
        private int embeddedOrder;
        private double[] c;
        private double[][] a;
        private double[] b;
        private double[] errorWeights;
        private double[] secondaryErrorWeights;
        private boolean fsal;
        private int denseOrder;
        private double[][] dense;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("tableau name must not be blank");
            }
            this.name = name;
        }

        /**
         * Sets the order of the propagated solution.
         *
         * @param order the classical order, at least 1
         * @return this builder
         */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        /**
         * Sets the nodes.
         *
         * @param c the s nodes; copied, not modified; not null
         * @return this builder
         */
        public Builder c(double... c) {
            this.c = Objects.requireNonNull(c, "c").clone();
            return this;
        }

        /**
         * Sets the Runge–Kutta matrix, either ragged ({@code a[i].length == i}) or square
         * ({@code a[i].length == s} with zeros on and above the diagonal).
         *
         * @param a the matrix; copied (to ragged form), not modified
         * @return this builder
         */
        public Builder a(double[]... a) {
            this.a = TableauArrays.copyRows(Objects.requireNonNull(a, "a"));
            return this;
        }

        /**
         * Sets the weights of the propagated solution.
         *
         * @param b the s weights; copied, not modified; not null
         * @return this builder
         */
        public Builder b(double... b) {
            this.b = Objects.requireNonNull(b, "b").clone();
            return this;
        }

        /**
         * Sets the embedded error estimator.
         *
         * @param embeddedOrder the order of the embedded solution b̂ = b - e, at least 1
         * @param e the error weights e = b - b̂; copied, not modified
         * @return this builder
         */
        public Builder errorWeights(int embeddedOrder, double... e) {
            this.embeddedOrder = embeddedOrder;
            this.errorWeights = Objects.requireNonNull(e, "errorWeights").clone();
            return this;
        }

        /**
         * Sets the weights of a second error estimator (see
         * {@link ButcherTableau#secondaryErrorWeights()}).
         *
         * @param e the s weights; copied, not modified
         * @return this builder
         */
        public Builder secondaryErrorWeights(double... e) {
            this.secondaryErrorWeights = Objects.requireNonNull(e, "secondaryErrorWeights").clone();
            return this;
        }

        /**
         * Declares the method FSAL; {@link #build()} checks that {@code c[s-1] == 1},
         * {@code a[s-1][j] == b[j]} exactly and {@code b[s-1] == 0}.
         *
         * @return this builder
         */
        public Builder fsal() {
            this.fsal = true;
            return this;
        }

        /**
         * Sets the continuous extension as polynomial coefficients:
         * {@code b_i(θ) = Σ_k p[i][k] θ^(k+1)}.
         *
         * @param denseOrder the order q of the extension, at least 1
         * @param p s rows of equal length (the degree); copied, not modified
         * @return this builder
         */
        public Builder denseOutput(int denseOrder, double[]... p) {
            this.denseOrder = denseOrder;
            this.dense = TableauArrays.copyRows(Objects.requireNonNull(p, "dense output"));
            return this;
        }

        /**
         * Validates the data and makes the tableau.
         *
         * @return the immutable tableau
         * @throws IllegalArgumentException naming the method and the offending entry when a length,
         *     the triangular shape, a value (non-finite), an order or the FSAL property is wrong
         */
        public ButcherTableau build() {
            require(order >= 1, "order must be at least 1, got " + order);
            require(c != null && a != null && b != null, "c, a and b must all be set");
            int s = c.length;
            require(s >= 1, "needs at least one stage");
            requireFinite("c", c);
            require(a.length == s, "a has " + a.length + " rows but c has " + s + " entries");
            a = lowerTriangle(a, s);
            require(b.length == s, "b has " + b.length + " entries but there are " + s + " stages");
            requireFinite("b", b);
            if (errorWeights != null) {
                require(errorWeights.length == s,
                        "errorWeights has " + errorWeights.length + " entries but there are " + s + " stages");
                requireFinite("errorWeights", errorWeights);
                require(embeddedOrder >= 1, "embeddedOrder must be at least 1, got " + embeddedOrder);
            }
            if (secondaryErrorWeights != null) {
                require(errorWeights != null, "secondaryErrorWeights given without errorWeights");
                require(secondaryErrorWeights.length == s, "secondaryErrorWeights has "
                        + secondaryErrorWeights.length + " entries but there are " + s + " stages");
                requireFinite("secondaryErrorWeights", secondaryErrorWeights);
            }
            if (fsal) {
                checkFsal(s);
            }
            if (dense != null) {
                checkDense(s);
            }
            return new ButcherTableau(this);
        }

        private double[][] lowerTriangle(double[][] rows, int s) {
            double[][] ragged = new double[s][];
            for (int i = 0; i < s; i++) {
                double[] row = rows[i];
                require(row != null, "a[" + i + "] is null");
                require(row.length == i || row.length == s, "a[" + i + "] has " + row.length
                        + " entries; expected " + i + " (ragged) or " + s + " (square)");
                for (int j = i; j < row.length; j++) {
                    require(row[j] == 0.0, "a[" + i + "][" + j + "] = " + row[j]
                            + " but an explicit method needs a strictly lower triangular matrix");
                }
                ragged[i] = Arrays.copyOf(row, i);
                requireFinite("a[" + i + "]", ragged[i]);
            }
            return ragged;
        }

        private void checkFsal(int s) {
            int last = s - 1;
            require(s >= 2, "an FSAL method needs at least two stages");
            require(c[last] == 1.0, "FSAL requires c[" + last + "] = 1, got " + c[last]);
            require(b[last] == 0.0, "FSAL requires b[" + last + "] = 0, got " + b[last]);
            for (int j = 0; j < last; j++) {
                require(a[last][j] == b[j], "FSAL requires a[" + last + "][" + j + "] = b[" + j + "] = " + b[j]
                        + ", got " + a[last][j]);
            }
        }

        private void checkDense(int s) {
            require(denseOrder >= 1, "denseOrder must be at least 1, got " + denseOrder);
            require(dense.length == s, "dense output has " + dense.length + " rows but there are " + s + " stages");
            int degree = dense[0] == null ? 0 : dense[0].length;
            require(degree >= 1, "dense output polynomials need degree at least 1");
            for (int i = 0; i < s; i++) {
                require(dense[i] != null && dense[i].length == degree,
                        "dense output row " + i + " must have " + degree + " coefficients like row 0");
                requireFinite("dense output row " + i, dense[i]);
                double atOne = 0.0;
                double scale = Math.abs(b[i]);
                for (double p : dense[i]) {
                    atOne += p;
                    scale += Math.abs(p);
                }
                require(Math.abs(atOne - b[i]) <= 1e-12 * Math.max(1.0, scale), "dense output b_" + i
                        + "(1) = " + atOne + " differs from b[" + i + "] = " + b[i]);
            }
        }

        private void requireFinite(String what, double[] values) {
            for (int i = 0; i < values.length; i++) {
                require(Double.isFinite(values[i]), what + "[" + i + "] is not finite: " + values[i]);
            }
        }

        private void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException("tableau " + name + ": " + message);
            }
        }
    }
}
