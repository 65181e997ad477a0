package org.neuralode4j.ode.stiff;

import org.neuralode4j.ode.tableau.TableauArrays;

/**
 * Butcher tableau of an ESDIRK method: a diagonally implicit Runge&ndash;Kutta method whose first
 * stage is explicit (a<sub>1j</sub> = 0) and whose other stages share one diagonal entry
 * a<sub>ii</sub> = &gamma;. Immutable; array accessors return copies.
 *
 * <h2>One step</h2>
 * <pre>
 *   Y_1 = y0,   F_i = f(t0 + c_i h, Y_i),
 *   Y_i = y0 + h sum_{j&lt;i} a_ij F_j + h &gamma; F_i           (i &ge; 2, implicit in Y_i)
 *   y1  = y0 + h sum_i b_i F_i,    y1hat = y0 + h sum_i bhat_i F_i,    err = y1 - y1hat
 * </pre>
 * Each implicit stage is a nonlinear system solved by simplified Newton iterations with the single
 * matrix I - h&gamma;J (one {@link DenseLu} factorization per step or per Jacobian update). Both
 * methods here are stiffly accurate (b = last row of A, so y1 = Y_s) and their first stage is
 * explicit, so F_s is the next step's F_1 (FSAL).
 *
 * <h2>Dense output</h2>
 * The Kv&aelig;rn&oslash; methods have no dedicated continuous extension; like diffrax (its
 * {@code ThirdOrderHermitePolynomialInterpolation}) and OrdinaryDiffEq.jl, we use cubic Hermite
 * interpolation of (y0, f(t0, y0), y1, f(t1, y1)), whose derivatives are F_1 and F_s: see
 * {@link CubicHermite}. Its local error is O(h<sup>4</sup>), i.e. dense order 3.
 *
 * <p>Stage predictors (initial guesses for the Newton iterations) are an engine concern and not
 * part of this data.
 */
public final class EsdirkTableau {

    /**
     * Kv&aelig;rn&oslash;'s 3(2) method: 4 stages, order 3, embedded order 2 (stage 3, itself
     * stiffly accurate), L-stable, stiffly accurate. A. Kv&aelig;rn&oslash;, <i>Singly diagonally
     * implicit Runge&ndash;Kutta methods with an explicit first stage</i>, BIT 44 (2004) 489&ndash;502.
     * All coefficients are closed forms in &gamma;, the root near 0.4359 of
     * 6&gamma;&sup3; - 18&gamma;&sup2; + 9&gamma; - 1 = 0 (which makes the method L-stable), evaluated
     * here in double precision; diffrax and OrdinaryDiffEq.jl use &gamma; rounded to 10 digits.
     */
    public static final EsdirkTableau KVAERNO3 = kvaerno3();

    /**
     * Kv&aelig;rn&oslash;'s 5(4) method: 7 stages, order 5, embedded order 4 (stage 6, itself stiffly
     * accurate), L-stable, stiffly accurate, &gamma; = 0.26. Kv&aelig;rn&oslash;, BIT 44 (2004);
     * coefficients as in diffrax's {@code kvaerno5.py} and OrdinaryDiffEq.jl's
     * {@code Kvaerno5Tableau} (17 significant digits); c_i are the row sums of A.
     */
    public static final EsdirkTableau KVAERNO5 = kvaerno5();

    private final String name;
    private final int stages;
    private final int order;
    private final int embeddedOrder;
    private final double gamma;
    private final double[][] a;
    private final double[] b;
    private final double[] bHat;
    private final double[] c;

    private EsdirkTableau(String name, int order, int embeddedOrder, double[][] a, double[] b, double[] bHat) {
        this.name = name;
        this.stages = b.length;
        if (stages < 2) {
            throw new IllegalArgumentException(name + ": an ESDIRK method needs at least 2 stages, got " + stages);
        }
        this.order = order;
        this.embeddedOrder = embeddedOrder;
        if (a.length != stages || bHat.length != stages) {
            throw new IllegalArgumentException(name + ": A has " + a.length + " rows, b " + stages
                    + " entries, bhat " + bHat.length + " entries; they must agree");
        }
        this.a = new double[stages][stages];
        for (int i = 0; i < stages; i++) {
            if (a[i].length > stages) {
                throw new IllegalArgumentException(name + ": A row " + i + " is too long");
            }
            for (int j = 0; j < a[i].length; j++) {
                if (j > i && a[i][j] != 0.0) {
                    throw new IllegalArgumentException(name + ": A(" + i + ", " + j + ") must be zero");
                }
                this.a[i][j] = a[i][j];
            }
        }
        for (int j = 0; j < stages; j++) {
            if (this.a[0][j] != 0.0) {
                throw new IllegalArgumentException(name + ": the first stage must be explicit");
            }
        }
        this.gamma = this.a[1][1];
        for (int i = 1; i < stages; i++) {
            if (this.a[i][i] != gamma) {
                throw new IllegalArgumentException(name + ": diagonal entries 2..s must all equal gamma = " + gamma);
            }
        }
        this.b = b.clone();
        this.bHat = bHat.clone();
        this.c = new double[stages];
        for (int i = 0; i < stages; i++) {
            double sum = 0.0;
            for (int j = 0; j <= i; j++) {
                sum += this.a[i][j];
            }
            c[i] = sum;
        }
    }

    /**
     * Builds a tableau; the stage times c_i are the row sums of A.
     *
     * @param name          display name
     * @param order         order of b
     * @param embeddedOrder order of bhat
     * @param a             lower-triangular A including the diagonal (ragged rows allowed), first row
     *                      zero, a_ii = &gamma; for i &ge; 2; not modified
     * @param b             weights; not modified
     * @param bHat          embedded weights; not modified
     * @return the tableau
     */
    public static EsdirkTableau of(String name, int order, int embeddedOrder, double[][] a, double[] b,
            double[] bHat) {
        return new EsdirkTableau(name, order, embeddedOrder, a, b, bHat);
    }

    /** @return the method's name */
    public String name() {
        return name;
    }

    /** @return the number of stages s, including the explicit first one */
    public int stages() {
        return stages;
    }

    /** @return the order of b */
    public int order() {
        return order;
    }

    /** @return the order of the embedded weights bhat */
    public int embeddedOrder() {
        return embeddedOrder;
    }

    /** @return the order of the dense output (cubic Hermite: 3) */
    public int denseOrder() {
        return 3;
    }

    /** @return the diagonal coefficient &gamma;; the Newton matrix is I - h&gamma;J */
    public double gamma() {
        return gamma;
    }

    /** @return a copy of A, s&times;s lower triangular including the diagonal */
    public double[][] a() {
        return TableauArrays.copyRows(a);
    }

    /**
     * @param i row (stage), 0-based
     * @param j column, 0-based
     * @return a_ij
     */
    public double a(int i, int j) {
        return a[i][j];
    }

    /** @return a copy of the weights b */
    public double[] b() {
        return b.clone();
    }

    /**
     * @param i stage, 0-based
     * @return b_i
     */
    public double b(int i) {
        return b[i];
    }

    /** @return a copy of the embedded weights bhat */
    public double[] bHat() {
        return bHat.clone();
    }

    /** @return a copy of the error weights b - bhat: err = h sum (b_i - bhat_i) F_i */
    public double[] errorWeights() {
        return TableauArrays.difference(b, bHat);
    }

    /** @return a copy of the stage times c_i (row sums of A) */
    public double[] c() {
        return c.clone();
    }

    /**
     * @param i stage, 0-based
     * @return c_i
     */
    public double c(int i) {
        return c[i];
    }

    /** @return whether b equals the last row of A, so y1 = Y_s */
    public boolean isStifflyAccurate() {
        for (int j = 0; j < stages; j++) {
            if (b[j] != a[stages - 1][j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether F_s = f(t0 + h, y1), reusable as the next step's F_1: stiffly accurate with
     *         c_s = 1 (to rounding of the row sum)
     */
    public boolean isFsal() {
        return isStifflyAccurate() && Math.abs(c[stages - 1] - 1.0) <= 1e-14;
    }

    @Override
    public String toString() {
        return name + " (ESDIRK, " + stages + " stages, order " + order + "(" + embeddedOrder + "), gamma=" + gamma
                + ")";
    }

    private static EsdirkTableau kvaerno3() {
        // Kvaerno (2004): every coefficient is a closed form in gamma.
        double g = 0.43586652150845899941601945;
        double a31 = (-4 * g * g + 6 * g - 1) / (4 * g);
        double a32 = (-2 * g + 1) / (4 * g);
        double a41 = (6 * g - 1) / (12 * g);
        double a42 = -1 / ((24 * g - 12) * g);
        double a43 = (-6 * g * g + 6 * g - 1) / (6 * g - 3);
        double[][] a = {
            {0},
            {g, g},
            {a31, a32, g},
            {a41, a42, a43, g},
        };
        double[] b = {a41, a42, a43, g};
        double[] bHat = {a31, a32, g, 0};
        return new EsdirkTableau("Kvaerno3", 3, 2, a, b, bHat);
    }

    private static EsdirkTableau kvaerno5() {
        double g = 0.26;
        double[] row6 = {0.13855640231268224, 0, -0.04245337201752043, 0.02446657898003141, 0.61943039072480676, g};
        double[] row7 = {0.13659751177640291, 0, -0.05496908796538376, -0.04118626728321046, 0.62993304899016403,
            0.06962479448202728, g};
        double[][] a = {
            {0},
            {g, g},
            {0.13, 0.84033320996790809, g},
            {0.22371961478320505, 0.47675532319799699, -0.06470895363112615, g},
            {0.16648564323248321, 0.10450018841591720, 0.03631482272098715, -0.13090704451073998, g},
            row6,
            row7,
        };
        double[] bHat = {row6[0], row6[1], row6[2], row6[3], row6[4], row6[5], 0};
        return new EsdirkTableau("Kvaerno5", 5, 4, a, row7, bHat);
    }
}
