package org.neuralode4j.ode;

import org.neuralode4j.ode.tableau.ButcherTableau;

/**
 * DOP853's seventh-order continuous extension (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.6
 * and II.10; the code dop853.f, subroutine CONTD8; the same 30-digit numbers as scipy's
 * {@code dop853_coefficients.py}). It needs f1 = f(t1, y1), which the engine evaluates anyway as the
 * next step's first stage, and three extra stages, evaluated only for steps that are interpolated:
 * steps holding an output time, every step when the dense solution is kept or events are checked
 * (3 more evaluations per such step, as in DOP853 and Hipparchus).
 *
 * <p>With Δy = y1 - y0 and the vectors F0 = Δy, F1 = h f0 - Δy, F2 = 2Δy - h (f1 + f0),
 * F3..F6 = h Σ_j D_mj K_j over the sixteen extended stages K = (k_1..k_12, f1, k_14, k_15, k_16):
 *
 * <pre>
 *   y(θ) = y0 + θ(F0 + (1-θ)(F1 + θ(F2 + (1-θ)(F3 + θ(F4 + (1-θ)(F5 + θ F6))))))
 * </pre>
 *
 * <p>The tableau package does not yet describe extra dense-output stages, so this data lives with
 * the engine; {@link #matches} recognizes the DOP853 tableau by its coefficients.
 */
final class Dop853Dense {
    private Dop853Dense() {
    }

    private static final double[] C12 = {
        0.0, 0.526001519587677318785587544488e-01, 0.789002279381515978178381316732e-01,
        0.118350341907227396726757197510, 0.281649658092772603273242802490, 0.333333333333333333333333333333,
        0.25, 0.307692307692307692307692307692, 0.651282051282051282051282051282, 0.6,
        0.857142857142857142857142857142, 1.0};

    private static final double[] EXTRA_C = {0.1, 0.2, 0.777777777777777777777777777778};

    /** Coefficients of the extra stages over (k_1..k_12, f1, k_14, k_15) (zero-based columns 0..14). */
    private static final double[][] EXTRA_A = new double[3][];

    /** D[m][j], m = 0..3 (powers F3..F6), j = 0..15 over the extended stages. */
    private static final double[][] D = new double[4][16];

    static {
        double[] a14 = new double[13];
        a14[0] = 5.61675022830479523392909219681e-2;
        a14[6] = 2.53500210216624811088794765333e-1;
        a14[7] = -2.46239037470802489917441475441e-1;
        a14[8] = -1.24191423263816360469010140626e-1;
        a14[9] = 1.5329179827876569731206322685e-1;
        a14[10] = 8.20105229563468988491666602057e-3;
        a14[11] = 7.56789766054569976138603589584e-3;
        a14[12] = -8.298e-3;
        double[] a15 = new double[14];
        a15[0] = 3.18346481635021405060768473261e-2;
        a15[5] = 2.83009096723667755288322961402e-2;
        a15[6] = 5.35419883074385676223797384372e-2;
        a15[7] = -5.49237485713909884646569340306e-2;
        a15[10] = -1.08347328697249322858509316994e-4;
        a15[11] = 3.82571090835658412954920192323e-4;
        a15[12] = -3.40465008687404560802977114492e-4;
        a15[13] = 1.41312443674632500278074618366e-1;
        double[] a16 = new double[15];
        a16[0] = -4.28896301583791923408573538692e-1;
        a16[5] = -4.69762141536116384314449447206;
        a16[6] = 7.68342119606259904184240953878;
        a16[7] = 4.06898981839711007970213554331;
        a16[8] = 3.56727187455281109270669543021e-1;
        a16[12] = -1.39902416515901462129418009734e-3;
        a16[13] = 2.9475147891527723389556272149;
        a16[14] = -9.15095847217987001081870187138;
        EXTRA_A[0] = a14;
        EXTRA_A[1] = a15;
        EXTRA_A[2] = a16;

        double[][] d = D;
        d[0][0] = -0.84289382761090128651353491142e1;
        d[0][5] = 0.56671495351937776962531783590;
        d[0][6] = -0.30689499459498916912797304727e1;
        d[0][7] = 0.23846676565120698287728149680e1;
        d[0][8] = 0.21170345824450282767155149946e1;
        d[0][9] = -0.87139158377797299206789907490;
        d[0][10] = 0.22404374302607882758541771650e1;
        d[0][11] = 0.63157877876946881815570249290;
        d[0][12] = -0.88990336451333310820698117400e-1;
        d[0][13] = 0.18148505520854727256656404962e2;
        d[0][14] = -0.91946323924783554000451984436e1;
        d[0][15] = -0.44360363875948939664310572000e1;

        d[1][0] = 0.10427508642579134603413151009e2;
        d[1][5] = 0.24228349177525818288430175319e3;
        d[1][6] = 0.16520045171727028198505394887e3;
        d[1][7] = -0.37454675472269020279518312152e3;
        d[1][8] = -0.22113666853125306036270938578e2;
        d[1][9] = 0.77334326684722638389603898808e1;
        d[1][10] = -0.30674084731089398182061213626e2;
        d[1][11] = -0.93321305264302278729567221706e1;
        d[1][12] = 0.15697238121770843886131091075e2;
        d[1][13] = -0.31139403219565177677282850411e2;
        d[1][14] = -0.93529243588444783865713862664e1;
        d[1][15] = 0.35816841486394083752465898540e2;

        d[2][0] = 0.19985053242002433820987653617e2;
        d[2][5] = -0.38703730874935176555105901742e3;
        d[2][6] = -0.18917813819516756882830838328e3;
        d[2][7] = 0.52780815920542364900561016686e3;
        d[2][8] = -0.11573902539959630126141871134e2;
        d[2][9] = 0.68812326946963000169666922661e1;
        d[2][10] = -0.10006050966910838403183860980e1;
        d[2][11] = 0.77771377980534432092869265740;
        d[2][12] = -0.27782057523535084065932004339e1;
        d[2][13] = -0.60196695231264120758267380846e2;
        d[2][14] = 0.84320405506677161018159903784e2;
        d[2][15] = 0.11992291136182789328035130030e2;

        d[3][0] = -0.25693933462703749003312586129e2;
        d[3][5] = -0.15418974869023643374053993627e3;
        d[3][6] = -0.23152937917604549567536039109e3;
        d[3][7] = 0.35763911791061412378285349910e3;
        d[3][8] = 0.93405324183624310003907691704e2;
        d[3][9] = -0.37458323136451633156875139351e2;
        d[3][10] = 0.10409964950896230045147246184e3;
        d[3][11] = 0.29840293426660503123344363579e2;
        d[3][12] = -0.43533456590011143754432175058e2;
        d[3][13] = 0.96324553959188282948394950600e2;
        d[3][14] = -0.39177261675615439165231486172e2;
        d[3][15] = -0.14972683625798562581422125276e3;
    }

    /** Whether the tableau is DOP853 (12 stages with DOP853's nodes and weights). */
    static boolean matches(ButcherTableau t) {
        if (t.stages() != 12 || t.order() != 8) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (Math.abs(t.c(i) - C12[i]) > 1e-15) {
                return false;
            }
        }
        return Math.abs(t.b(0) - 5.42937341165687622380535766363e-2) < 1e-15
                && Math.abs(t.b(5) - 4.45031289275240888144113950566) < 1e-14;
    }

    /**
     * The interpolant over (y0, y1, h k_0..h k_11, h f1, h x_0..h x_2), expanded in powers of θ from
     * the nested form above.
     */
    static Interpolant interpolant() {
        int s = 12;
        // basis polynomials of F0..F6: θ, θ(1-θ), θ²(1-θ), θ²(1-θ)², θ³(1-θ)², θ³(1-θ)³, θ⁴(1-θ)³
        int[][] powers = {{1, 0}, {1, 1}, {2, 1}, {2, 2}, {3, 2}, {3, 3}, {4, 3}};
        double[][] basis = new double[7][];
        for (int i = 0; i < 7; i++) {
            basis[i] = monomialTimesOneMinus(powers[i][0], powers[i][1]);
        }
        int inputs = 3 + s + 3;
        double[][] poly = new double[inputs][];
        for (int j = 0; j < inputs; j++) {
            poly[j] = new double[8];
        }
        poly[Interpolant.Y0][0] = 1;
        // F0 = y1 - y0
        addScaled(poly[Interpolant.Y1], basis[0], 1);
        addScaled(poly[Interpolant.Y0], basis[0], -1);
        // F1 = h f0 - (y1 - y0)
        addScaled(poly[2], basis[1], 1);
        addScaled(poly[Interpolant.Y1], basis[1], -1);
        addScaled(poly[Interpolant.Y0], basis[1], 1);
        // F2 = 2 (y1 - y0) - h f1 - h f0
        addScaled(poly[Interpolant.Y1], basis[2], 2);
        addScaled(poly[Interpolant.Y0], basis[2], -2);
        addScaled(poly[2 + s], basis[2], -1);
        addScaled(poly[2], basis[2], -1);
        // F3..F6 = h Σ_j D[m][j] K_j with K = (k_0..k_11, f1, x_0..x_2): input index 2 + j
        for (int m = 0; m < 4; m++) {
            for (int j = 0; j < 16; j++) {
                if (D[m][j] != 0) {
                    addScaled(poly[2 + j], basis[3 + m], D[m][j]);
                }
            }
        }
        double[][] extraA = new double[3][];
        for (int i = 0; i < 3; i++) {
            extraA[i] = EXTRA_A[i].clone();
        }
        return new Interpolant(s, poly, 7, EXTRA_C.clone(), extraA);
    }

    /** Power coefficients of θ^a (1-θ)^b. */
    private static double[] monomialTimesOneMinus(int a, int b) {
        double[] p = new double[a + b + 1];
        double binom = 1;
        for (int i = 0; i <= b; i++) {
            p[a + i] = (i % 2 == 0 ? 1 : -1) * binom;
            binom = binom * (b - i) / (i + 1);
        }
        return p;
    }

    private static void addScaled(double[] target, double[] p, double scale) {
        for (int i = 0; i < p.length; i++) {
            target[i] += scale * p[i];
        }
    }
}
