package org.neuralode4j.ode.tableau;

/**
 * DOP853, the explicit Runge–Kutta method of order 8 of Dormand and Prince with Hairer's 5th- and
 * 3rd-order error estimators ("order 8(5,3)"): twelve stages; the method of Hairer's code DOP853 and
 * of scipy's {@code DOP853}, registered here as {@code dopri8}.
 *
 * <p>Sources: P. J. Prince, J. R. Dormand, "High order embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 7 (1981) 67–75 (the family); Hairer, Nørsett, Wanner, <i>Solving
 * Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, Sections II.5 and II.10, and the
 * code DOP853 (dop853.f), from which the 30-digit coefficients below are taken (scipy's
 * {@code dop853_coefficients.py} carries the same numbers).
 *
 * <p>Error estimate: {@link ButcherTableau#errorWeights()} are Hairer's {@code ER} weights (the
 * fifth-order estimator err5 = y1 - ŷ5) and {@link ButcherTableau#secondaryErrorWeights()} are
 * b - b̂3 with Hairer's {@code BHH} weights b̂3 (nonzero on his stages 1, 9 and 12, indices 0, 8
 * and 11 here); see the latter
 * for the exact combination err = E5² / sqrt(E5² + 0.01 E3²).
 *
 * <p>FSAL: not declared. The twelfth stage has c = 1 but is not evaluated at y1; DOP853 evaluates
 * f(t0 + h, y1) once more after an accepted step (for its dense output and as the next first stage),
 * which an engine may do and reuse in the same way.
 *
 * <p>Dense output: none of its own here. DOP853's seventh-order continuous extension needs three
 * extra stages (16 in all) beyond that evaluation, which this data model does not describe yet;
 * {@link ButcherTableau#hasDenseOutput()} is false and an engine falls back to cubic Hermite
 * interpolation (local error O(h^4), i.e. dense order 3, so interpolated values are much less
 * accurate than the steps themselves).
 */
public final class Dopri8 {

    private static final double B1 = 5.42937341165687622380535766363e-2;
    private static final double B6 = 4.45031289275240888144113950566;
    private static final double B7 = 1.89151789931450038304281599044;
    private static final double B8 = -5.8012039600105847814672114227;
    private static final double B9 = 3.1116436695781989440891606237e-1;
    private static final double B10 = -1.52160949662516078556178806805e-1;
    private static final double B11 = 2.01365400804030348374776537501e-1;
    private static final double B12 = 4.47106157277725905176885569043e-2;

    private static final double BHH1 = 0.244094488188976377952755905512;
    private static final double BHH2 = 0.733846688281611857341361741547;
    private static final double BHH3 = 0.220588235294117647058823529412e-1;

    /** The tableau (12 stages; stage indices below are zero based). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("dopri8")
            .order(8)
            .c(0.0,
               0.526001519587677318785587544488e-1,
               0.789002279381515978178381316732e-1,
               0.118350341907227396726757197510,
               0.281649658092772603273242802490,
               0.333333333333333333333333333333,
               0.25,
               0.307692307692307692307692307692,
               0.651282051282051282051282051282,
               0.6,
               0.857142857142857142857142857142,
               1.0)
            .a(new double[0],
               new double[] {5.26001519587677318785587544488e-2},
               new double[] {1.97250569845378994544595329183e-2, 5.91751709536136983633785987549e-2},
               new double[] {2.95875854768068491816892993775e-2, 0.0, 8.87627564304205475450678981324e-2},
               new double[] {2.41365134159266685502369798665e-1, 0.0, -8.84549479328286085344864962717e-1,
                   9.24834003261792003115737966543e-1},
               new double[] {3.7037037037037037037037037037e-2, 0.0, 0.0, 1.70828608729473871279604482173e-1,
                   1.25467687566822425016691814123e-1},
               new double[] {3.7109375e-2, 0.0, 0.0, 1.70252211019544039314978060272e-1,
                   6.02165389804559606850219397283e-2, -1.7578125e-2},
               new double[] {3.70920001185047927108779319836e-2, 0.0, 0.0, 1.70383925712239993810214054705e-1,
                   1.07262030446373284651809199168e-1, -1.53194377486244017527936158236e-2,
                   8.27378916381402288758473766002e-3},
               new double[] {6.24110958716075717114429577812e-1, 0.0, 0.0, -3.36089262944694129406857109825,
                   -8.68219346841726006818189891453e-1, 2.75920996994467083049415600797e1,
                   2.01540675504778934086186788979e1, -4.34898841810699588477366255144e1},
               new double[] {4.77662536438264365890433908527e-1, 0.0, 0.0, -2.48811461997166764192642586468,
                   -5.90290826836842996371446475743e-1, 2.12300514481811942347288949897e1,
                   1.52792336328824235832596922938e1, -3.32882109689848629194453265587e1,
                   -2.03312017085086261358222928593e-2},
               new double[] {-9.3714243008598732571704021658e-1, 0.0, 0.0, 5.18637242884406370830023853209,
                   1.09143734899672957818500254654, -8.14978701074692612513997267357,
                   -1.85200656599969598641566180701e1, 2.27394870993505042818970056734e1,
                   2.49360555267965238987089396762, -3.0467644718982195003823669022},
               new double[] {2.27331014751653820792359768449, 0.0, 0.0, -1.05344954667372501984066689879e1,
                   -2.00087205822486249909675718444, -1.79589318631187989172765950534e1,
                   2.79488845294199600508499808837e1, -2.85899827713502369474065508674,
                   -8.87285693353062954433549289258, 1.23605671757943030647266201528e1,
                   6.43392746015763530355970484046e-1})
            .b(B1, 0.0, 0.0, 0.0, 0.0, B6, B7, B8, B9, B10, B11, B12)
            .errorWeights(5,
                    0.1312004499419488073250102996e-1, 0.0, 0.0, 0.0, 0.0,
                    -0.1225156446376204440720569753e1, -0.4957589496572501915214079952,
                    0.1664377182454986536961530415e1, -0.3503288487499736816886487290,
                    0.3341791187130174790297318841, 0.8192320648511571246570742613e-1,
                    -0.2235530786388629525884427845e-1)
            .secondaryErrorWeights(B1 - BHH1, 0.0, 0.0, 0.0, 0.0, B6, B7, B8, B9 - BHH2, B10, B11, B12 - BHH3)
            .build();

    private Dopri8() {
    }
}
