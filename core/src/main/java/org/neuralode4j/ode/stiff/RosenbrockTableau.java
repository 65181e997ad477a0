package org.neuralode4j.ode.stiff;

import java.util.Arrays;
import org.neuralode4j.ode.tableau.TableauArrays;

/**
 * Coefficients of a Rosenbrock (linearly implicit Runge&ndash;Kutta) method in the
 * implementation-friendly <em>transformed</em> form of Hairer &amp; Wanner, <i>Solving Ordinary
 * Differential Equations II</i>, 2nd ed., Sect. IV.7, eqs. (7.23)&ndash;(7.25), plus the stiff-aware
 * dense output of the Rodas family. Immutable; array accessors return copies.
 *
 * <h2>One step</h2>
 * For y' = f(t, y), a step of size h from (t0, y0) with J = &part;f/&part;y(t0, y0),
 * f<sub>t</sub> = &part;f/&part;t(t0, y0) and W = I/(h&gamma;) - J computes, for i = 1..s,
 * <pre>
 *   W u_i = f(t0 + c_i h, y0 + sum_{j&lt;i} a_ij u_j) + sum_{j&lt;i} (C_ij / h) u_j + h d_i f_t
 *   y1    = y0 + sum_i m_i u_i                                   (order p)
 *   err   = sum_i e_i u_i                                        (y1 - y1hat, local error estimate)
 *   y1hat = y0 + sum_i (m_i - e_i) u_i                           (embedded, order p^)
 * </pre>
 * One LU factorization of W serves all stages ({@link DenseLu}). Java indices are 0-based:
 * {@code a(i, j)} is a<sub>i+1,j+1</sub> of the paper.
 *
 * <h2>Relation to the standard form</h2>
 * Hairer &amp; Wanner write the method (IV.7.4) with increments k_i, coefficients &alpha;<sub>ij</sub>
 * (j &lt; i), &gamma;<sub>ij</sub> (j &le; i, &gamma;<sub>ii</sub> = &gamma;) and weights b_i:
 * <pre>
 *   (I - h&gamma; J) k_i = h f(t0 + &alpha;_i h, y0 + sum_{j&lt;i} &alpha;_ij k_j) + &gamma;_i h^2 f_t + h J sum_{j&lt;i} &gamma;_ij k_j
 *   y1 = y0 + sum_i b_i k_i,   &alpha;_i = sum_{j&lt;i} &alpha;_ij,   &gamma;_i = sum_{j&le;i} &gamma;_ij
 * </pre>
 * With &Gamma; = (&gamma;<sub>ij</sub>) and u = &Gamma; k (u_i = sum_j &gamma;_ij k_j), eq. (7.25) gives
 * <pre>
 *   (a_ij) = (&alpha;_ij) &Gamma;^-1,   (C_ij) = diag(1/&gamma;) - &Gamma;^-1,   (m_i) = (b_i) &Gamma;^-1,
 *   c_i = &alpha;_i,   d_i = &gamma;_i,
 * </pre>
 * and back: &Gamma; = (I/&gamma; - C)<sup>-1</sup>, &alpha; = a&Gamma;, b = m&Gamma;. The order
 * conditions of HW Table IV.7.1 are stated for the standard form with
 * &beta;<sub>ij</sub> = &alpha;<sub>ij</sub> + &gamma;<sub>ij</sub>; the tests verify them on
 * coefficients recovered this way.
 *
 * <h2>Dense output</h2>
 * With R = {@link #denseRows()} rows of the matrix H, the vectors z_r = sum_i H_ri u_i give, for
 * &theta; in [0, 1],
 * <pre>
 *   y(t0 + &theta;h) = (1 - &theta;) y0 + &theta; (y1 + (1 - &theta;)(z_1 + &theta; z_2 + ... + &theta;^{R-1} z_R)).
 * </pre>
 * This is the interpolant of Hairer's {@code rodas.f} (R = 2) and of OrdinaryDiffEq.jl's Rodas
 * family (R = 2 for order 4, R = 3 for Rodas5P): it matches y0 and y1 exactly and is built from the
 * stages alone, with no extra evaluation of f. Rosenbrock23's own quadratic interpolant
 * (Shampine &amp; Reichelt 1997) fits the same formula with R = 1.
 */
public final class RosenbrockTableau {

    /**
     * Rodas5P: 8 stages, order 5 with an embedded order-4 solution, L-stable and stiffly accurate,
     * dense output of order 4 from 3 H rows. G. Steinebach, <i>Construction of Rosenbrock&ndash;Wanner method
     * Rodas5P and numerical benchmarks within the Julia Differential Equations package</i>, BIT
     * Numer. Math. 63 (2023) 27. Coefficients as in OrdinaryDiffEq.jl's {@code Rodas5PTableau}
     * (cross-checked against diffrax's {@code rodas5p.py}).
     */
    public static final RosenbrockTableau RODAS5P = rodas5P();

    /**
     * Rodas4: 6 stages, order 4 with an embedded order-3 solution, L-stable and stiffly accurate,
     * dense output of order 3. Hairer &amp; Wanner, <i>Solving ODEs II</i>, Sect. VI.4, coefficients
     * of {@code rodas.f} (METH = 1).
     */
    public static final RosenbrockTableau RODAS4 = rodas4();

    /**
     * Rosenbrock23, the modified Rosenbrock triple of MATLAB's {@code ode23s}: L. F. Shampine and
     * M. W. Reichelt, <i>The MATLAB ODE Suite</i>, SIAM J. Sci. Comput. 18 (1997) 1&ndash;22,
     * Sect. 4.1. Order 2 (L-stable, advanced solution), error estimated against an order-3 companion
     * from a third stage at (t0 + h, y1) that doubles as the next step's first evaluation (FSAL);
     * quadratic dense output of order 2. Coefficients derived here from d = 1/(2 + &radic;2),
     * e32 = 6 + &radic;2. The third stage carries h&middot;d&middot;f_t as in SR97 (&gamma;_3 = -d,
     * consistent with the row sums of &Gamma;), which keeps the companion of order 3 on
     * non-autonomous problems.
     */
    public static final RosenbrockTableau ROSENBROCK23 = rosenbrock23();

    private final String name;
    private final int stages;
    private final int order;
    private final int embeddedOrder;
    private final int denseOrder;
    private final double gamma;
    private final double[][] a;
    private final double[][] cm;
    private final double[] c;
    private final double[] d;
    private final double[] m;
    private final double[] e;
    private final double[][] dense;

    private RosenbrockTableau(String name, int order, int embeddedOrder, int denseOrder, double gamma,
            double[][] a, double[][] cm, double[] c, double[] d, double[] m, double[] e, double[][] h) {
        this.name = name;
        this.stages = c.length;
        this.order = order;
        this.embeddedOrder = embeddedOrder;
        this.denseOrder = denseOrder;
        this.gamma = gamma;
        this.a = square(a, stages, "a");
        this.cm = square(cm, stages, "C");
        this.c = vector(c, stages, "c");
        this.d = vector(d, stages, "d");
        this.m = vector(m, stages, "m");
        this.e = vector(e, stages, "e");
        this.dense = new double[h.length][];
        for (int r = 0; r < h.length; r++) {
            this.dense[r] = vector(h[r], stages, "H row " + r);
        }
        if (!(gamma > 0)) {
            throw new IllegalArgumentException(name + ": gamma must be positive, got " + gamma);
        }
    }

    /**
     * Builds a tableau from transformed coefficients (see the class documentation). Ragged or square
     * lower-triangular input is accepted for {@code a} and {@code cMatrix}: row i needs i entries.
     *
     * @param name          display name
     * @param order         order p of y1
     * @param embeddedOrder order of the embedded solution y1 - err
     * @param denseOrder    order q of the dense output (local error O(h^{q+1}))
     * @param gamma         diagonal &gamma; &gt; 0
     * @param a             a_ij, j &lt; i (s rows); not modified
     * @param cMatrix       C_ij, j &lt; i (s rows); not modified
     * @param c             stage times c_i (s entries); not modified
     * @param d             &gamma;_i for the f_t term (s entries); not modified
     * @param m             solution weights m_i; not modified
     * @param errorWeights  e_i with err = sum e_i u_i; not modified
     * @param denseMatrix   H, R rows of s entries (R may be 0: no dense output); not modified
     * @return the tableau
     */
    public static RosenbrockTableau of(String name, int order, int embeddedOrder, int denseOrder, double gamma,
            double[][] a, double[][] cMatrix, double[] c, double[] d, double[] m, double[] errorWeights,
            double[][] denseMatrix) {
        return new RosenbrockTableau(name, order, embeddedOrder, denseOrder, gamma, a, cMatrix, c, d, m,
                errorWeights, denseMatrix);
    }

    /** @return the method's name, e.g. "Rodas5P" */
    public String name() {
        return name;
    }

    /** @return the number of stages s (linear solves per step) */
    public int stages() {
        return stages;
    }

    /** @return the order p of the advanced solution y1 */
    public int order() {
        return order;
    }

    /** @return the order of the embedded solution y1 - err used for error control */
    public int embeddedOrder() {
        return embeddedOrder;
    }

    /** @return the order q of the dense output: its local error is O(h^{q+1}) */
    public int denseOrder() {
        return denseOrder;
    }

    /** @return the diagonal coefficient &gamma;; the iteration matrix is I/(h&gamma;) - J */
    public double gamma() {
        return gamma;
    }

    /** @return a copy of (a_ij), s&times;s, zero on and above the diagonal */
    public double[][] a() {
        return TableauArrays.copyRows(a);
    }

    /**
     * @param i row (stage), 0-based
     * @param j column, 0-based
     * @return a_ij, zero for j &ge; i
     */
    public double a(int i, int j) {
        return a[i][j];
    }

    /** @return a copy of (C_ij), s&times;s, zero on and above the diagonal */
    public double[][] cMatrix() {
        return TableauArrays.copyRows(cm);
    }

    /**
     * @param i row (stage), 0-based
     * @param j column, 0-based
     * @return C_ij, zero for j &ge; i
     */
    public double cMatrix(int i, int j) {
        return cm[i][j];
    }

    /** @return a copy of the stage times c_i = &alpha;_i (stage i evaluates f at t0 + c_i h) */
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

    /** @return a copy of d_i = &gamma;_i, the weights of h f_t in the stage right-hand sides */
    public double[] d() {
        return d.clone();
    }

    /**
     * @param i stage, 0-based
     * @return d_i
     */
    public double d(int i) {
        return d[i];
    }

    /** @return a copy of the solution weights m_i: y1 = y0 + sum m_i u_i */
    public double[] m() {
        return m.clone();
    }

    /**
     * @param i stage, 0-based
     * @return m_i
     */
    public double m(int i) {
        return m[i];
    }

    /** @return a copy of the error weights e_i: err = y1 - y1hat = sum e_i u_i */
    public double[] errorWeights() {
        return e.clone();
    }

    /**
     * @param i stage, 0-based
     * @return e_i
     */
    public double errorWeight(int i) {
        return e[i];
    }

    /** @return a copy of the embedded weights m_i - e_i: y1hat = y0 + sum (m_i - e_i) u_i */
    public double[] embeddedWeights() {
        return TableauArrays.difference(m, e);
    }

    /** @return the number R of rows of the dense-output matrix H */
    public int denseRows() {
        return dense.length;
    }

    /** @return a copy of H, R&times;s */
    public double[][] denseMatrix() {
        return TableauArrays.copyRows(dense);
    }

    /**
     * @param r dense row, 0-based
     * @param i stage, 0-based
     * @return H_ri
     */
    public double denseMatrix(int r, int i) {
        return dense[r][i];
    }

    /**
     * @return whether the last stage evaluates f at (t0 + h, y1), so that evaluation can be reused
     *         as the first one of the next step (true for Rosenbrock23)
     */
    public boolean isFsal() {
        int s = stages - 1;
        if (c[s] != 1.0 || m[s] != 0.0) {
            return false;
        }
        for (int j = 0; j < s; j++) {
            if (a[s][j] != m[j]) {
                return false;
            }
        }
        return true;
    }

    // ---- allocation-free kernels on plain arrays -------------------------------------------------

    /**
     * Argument of stage i: out = y0 + sum_{j&lt;i} a_ij u_j.
     *
     * @param i   stage, 0-based
     * @param y0  state at t0; not modified
     * @param u   stage vectors, {@code u[j]} for j &lt; i are read; not modified
     * @param out <b>modified</b>: the stage argument; may be the same array as y0
     */
    public void stageArgument(int i, double[] y0, double[][] u, double[] out) {
        int n = out.length;
        if (out != y0) {
            System.arraycopy(y0, 0, out, 0, n);
        }
        for (int j = 0; j < i; j++) {
            double aij = a[i][j];
            if (aij != 0.0) {
                double[] uj = u[j];
                for (int k = 0; k < n; k++) {
                    out[k] += aij * uj[k];
                }
            }
        }
    }

    /**
     * Right-hand side of stage i: out = f_i + sum_{j&lt;i} (C_ij / h) u_j + h d_i f_t. The stage
     * vector is then u_i = W<sup>-1</sup> out with W = I/(h&gamma;) - J.
     *
     * @param i   stage, 0-based
     * @param h   step size
     * @param fi  f at the stage time and argument; not modified
     * @param ft  &part;f/&part;t at (t0, y0), or {@code null} for an autonomous problem; not modified
     * @param u   stage vectors, {@code u[j]} for j &lt; i are read; not modified
     * @param out <b>modified</b>: the right-hand side; may be the same array as fi
     */
    public void stageRhs(int i, double h, double[] fi, double[] ft, double[][] u, double[] out) {
        int n = out.length;
        if (out != fi) {
            System.arraycopy(fi, 0, out, 0, n);
        }
        for (int j = 0; j < i; j++) {
            double cij = cm[i][j] / h;
            if (cij != 0.0) {
                double[] uj = u[j];
                for (int k = 0; k < n; k++) {
                    out[k] += cij * uj[k];
                }
            }
        }
        if (ft != null && d[i] != 0.0) {
            double hd = h * d[i];
            for (int k = 0; k < n; k++) {
                out[k] += hd * ft[k];
            }
        }
    }

    /**
     * Advanced solution: out = y0 + sum m_i u_i.
     *
     * @param y0  not modified
     * @param u   the s stage vectors; not modified
     * @param out <b>modified</b>; may be the same array as y0
     */
    public void solution(double[] y0, double[][] u, double[] out) {
        combine(y0, m, u, out);
    }

    /**
     * Local error estimate: out = sum e_i u_i (= y1 - y1hat).
     *
     * @param u   the s stage vectors; not modified
     * @param out <b>modified</b>
     */
    public void errorEstimate(double[][] u, double[] out) {
        combine(null, e, u, out);
    }

    /**
     * Dense-output vectors: out[r] = sum_i H_ri u_i for r &lt; R.
     *
     * @param u   the s stage vectors; not modified
     * @param out <b>modified</b>: R arrays of the state length
     */
    public void denseVectors(double[][] u, double[][] out) {
        for (int r = 0; r < dense.length; r++) {
            combine(null, dense[r], u, out[r]);
        }
    }

    /**
     * Evaluates the dense output y(t0 + &theta;h) = (1-&theta;) y0 + &theta;(y1 + (1-&theta;)
     * sum_r &theta;^{r-1} z_r).
     *
     * @param theta position in the step, normally in [0, 1]
     * @param y0    state at t0; not modified
     * @param y1    state at t0 + h; not modified
     * @param z     the R dense vectors from {@link #denseVectors}; not modified
     * @param out   <b>modified</b>: the interpolated state; must not alias y0, y1 or z
     */
    public void interpolate(double theta, double[] y0, double[] y1, double[][] z, double[] out) {
        int n = out.length;
        int rows = dense.length;
        double s1 = 1.0 - theta;
        for (int k = 0; k < n; k++) {
            double p = 0.0;
            for (int r = rows - 1; r >= 0; r--) {
                p = p * theta + z[r][k];
            }
            out[k] = s1 * y0[k] + theta * (y1[k] + s1 * p);
        }
    }

    /**
     * Evaluates the time derivative of the dense output, dy/dt at t0 + &theta;h.
     *
     * @param theta position in the step
     * @param step  step size h
     * @param y0    not modified
     * @param y1    not modified
     * @param z     the R dense vectors; not modified
     * @param out   <b>modified</b>: the derivative; must not alias the inputs
     */
    public void interpolateDerivative(double theta, double step, double[] y0, double[] y1, double[][] z,
            double[] out) {
        int n = out.length;
        int rows = dense.length;
        double s1 = 1.0 - theta;
        for (int k = 0; k < n; k++) {
            double p = 0.0;
            double dp = 0.0;
            for (int r = rows - 1; r >= 0; r--) {
                dp = dp * theta + p;
                p = p * theta + z[r][k];
            }
            // d/dθ [θ y1 + (1-θ) y0 + θ(1-θ) p(θ)]
            out[k] = (y1[k] - y0[k] + (1.0 - 2.0 * theta) * p + theta * s1 * dp) / step;
        }
    }

    @Override
    public String toString() {
        return name + " (Rosenbrock, " + stages + " stages, order " + order + "(" + embeddedOrder + "), dense order "
                + denseOrder + ", gamma=" + gamma + ")";
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static void combine(double[] y0, double[] w, double[][] u, double[] out) {
        int n = out.length;
        if (y0 == null) {
            Arrays.fill(out, 0.0);
        } else if (y0 != out) {
            System.arraycopy(y0, 0, out, 0, n);
        }
        for (int i = 0; i < w.length; i++) {
            double wi = w[i];
            if (wi != 0.0) {
                double[] ui = u[i];
                for (int k = 0; k < n; k++) {
                    out[k] += wi * ui[k];
                }
            }
        }
    }

    private static double[][] square(double[][] lower, int s, String what) {
        if (lower.length != s) {
            throw new IllegalArgumentException(what + ": expected " + s + " rows, got " + lower.length);
        }
        double[][] r = new double[s][s];
        for (int i = 0; i < s; i++) {
            if (lower[i].length < i) {
                throw new IllegalArgumentException(what + ": row " + i + " needs " + i + " entries, got "
                        + lower[i].length);
            }
            for (int j = 0; j < lower[i].length; j++) {
                if (j >= i && lower[i][j] != 0.0) {
                    throw new IllegalArgumentException(what + ": entry (" + i + ", " + j
                            + ") must be zero (strictly lower triangular)");
                }
                if (j < i) {
                    r[i][j] = lower[i][j];
                }
            }
        }
        return r;
    }

    private static double[] vector(double[] v, int s, String what) {
        if (v.length != s) {
            throw new IllegalArgumentException(what + ": expected " + s + " entries, got " + v.length);
        }
        return v.clone();
    }

    // ---- coefficients ----------------------------------------------------------------------------

    private static RosenbrockTableau rodas5P() {
        double gamma = 0.21193756319429014;
        double[] last = {-7.502846399306121, 2.561846144803919, -11.627539656261098, -0.18268767659942256,
            0.030198172008377946};
        double[][] a = {
            {},
            {3.0},
            {2.849394379747939, 0.45842242204463923},
            {-6.954028509809101, 2.489845061869568, -10.358996098473584},
            {2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641},
            last,
            append(last, 1.0),
            append(last, 1.0, 1.0),
        };
        double[][] cm = {
            {},
            {-14.155112264123755},
            {-17.97296035885952, -2.859693295451294},
            {147.12150275711716, -1.41221402718213, 71.68940251302358},
            {165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306},
            {24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471},
            {30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
                -28.087943162872662},
            {37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
                -54.66780262877968, -9.48861652309627},
        };
        double[] c = {0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1, 1, 1};
        double[] d = {gamma, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069,
            0, 0, 0};
        double[][] h = {
            {25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204,
                0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493},
            {-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796,
                20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372},
            {11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643,
                -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722},
        };
        // Stiffly accurate: y1 = (argument of stage 8) + u_8, and err = u_8.
        double[] m = append(last, 1.0, 1.0, 1.0);
        double[] e = {0, 0, 0, 0, 0, 0, 0, 1};
        return new RosenbrockTableau("Rodas5P", 5, 4, 4, gamma, a, cm, c, d, m, e, h);
    }

    private static RosenbrockTableau rodas4() {
        double gamma = 0.25;
        double[] last = {1.221224509226641, 6.019134481288629, 12.53708332932087, -0.6878860361058950};
        double[][] a = {
            {},
            {1.544},
            {0.9466785280815826, 0.2557011698983284},
            {3.314825187068521, 2.896124015972201, 0.9986419139977817},
            last,
            append(last, 1.0),
        };
        double[][] cm = {
            {},
            {-5.6688},
            {-2.430093356833875, -0.2063599157091915},
            {-0.1073529058151375, -9.594562251023355, -20.47028614809616},
            {7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160},
            {8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054},
        };
        double[] c = {0, 0.386, 0.21, 0.63, 1, 1};
        double[] d = {gamma, -0.1043, 0.1035, -0.03620000000000023, 0, 0};
        double[][] h = {
            {10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0},
            {-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0},
        };
        double[] m = append(last, 1.0, 1.0);
        double[] e = {0, 0, 0, 0, 0, 1};
        return new RosenbrockTableau("Rodas4", 4, 3, 3, gamma, a, cm, c, d, m, e, h);
    }

    private static RosenbrockTableau rosenbrock23() {
        // ode23s in the standard form: gamma = d, alpha21 = 1/2, alpha31 = 0, alpha32 = 1,
        // gamma21 = -d, gamma31 = d(e32 - 2), gamma32 = -e32 d, b = (0, 1, 0) (order 2),
        // order-3 companion bhat = (1/6, 2/3, 1/6), dense y0 + [θ(1-θ) k1 + θ(θ-2d) k2] / (1-2d)
        // with k_i = K_i / h. Then Gamma^-1 = (1/d) [[1,0,0],[1,1,0],[2,e32,1]] and (IV.7.25) gives:
        double dd = 1.0 / (2.0 + Math.sqrt(2.0));
        double e32 = 6.0 + Math.sqrt(2.0);
        double inv = 1.0 / dd;
        double[][] a = {{}, {0.5 * inv}, {inv, inv}};
        double[][] cm = {{}, {-inv}, {-2.0 * inv, -e32 * inv}};
        double[] c = {0, 0.5, 1};
        double[] d = {dd, 0, -dd};
        double[] m = {inv, inv, 0};
        // SR97's estimate (h/6)(k1 - 2k2 + k3) is y1hat - y1; our err is y1 - y1hat, hence the sign.
        double[] e = {-inv / 6.0, -(e32 - 2.0) * inv / 6.0, -inv / 6.0};
        double[][] h = {{0, -inv / (1.0 - 2.0 * dd), 0}};
        return new RosenbrockTableau("Rosenbrock23", 2, 3, 2, dd, a, cm, c, d, m, e, h);
    }

    private static double[] append(double[] head, double... tail) {
        double[] r = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }
}
