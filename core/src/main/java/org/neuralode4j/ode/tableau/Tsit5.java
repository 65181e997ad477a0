package org.neuralode4j.ode.tableau;

/**
 * Tsitouras' 5(4) pair: seven stages, FSAL, fifth-order solution with a fourth-order embedded
 * one, and Tsitouras' fourth-order continuous extension. Julia's recommended default
 * ({@code Tsit5}).
 *
 * <p>Source: Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column
 * simplifying assumption", Comput. Math. Appl. 62 (2011) 770–775. The paper prints the
 * coefficients to about 16 digits. The values here are the extended-precision ones of
 * OrdinaryDiffEq.jl ({@code Tsit5ConstantCache} for non-machine float types, and
 * {@code Tsit5Interp}), written to about 31 significant digits and rounded to double by the
 * compiler, so each coefficient is the double nearest to its extended-precision value.
 *
 * <p>Note: the coefficients were deliberately not taken from torchdiffeq's {@code tsit5}; do not use
 * its tableau as a reference for these.
 *
 * <p>Dense output: the paper's b_i(θ), quartic polynomials (b7(θ) = 2.5 θ² (θ - 1)(θ - 0.6),
 * b6(θ) = -34.87… θ² (θ - 1.2)(θ - 2/3), …), stored expanded in powers of θ.
 */
public final class Tsit5 {

    private static final double C5 = 0.9800255409045096857298102862870;

    /** The tableau; e = b - b̂ (OrdinaryDiffEq.jl's {@code btilde} is b̂ - b, the opposite sign). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("tsit5")
            .order(5)
            .c(0.0, 0.161, 0.327, 0.9, C5, 1.0, 1.0)
            .a(new double[0],
               new double[] {0.161},
               new double[] {-0.008480655492356988544426874250230, 0.3354806554923569885444268742502},
               new double[] {2.897153057105493432130432594193, -6.359448489975074843148159912384,
                   4.362295432869581411017727318191},
               new double[] {5.325864828439256604428877920841, -11.74888356406282787774717033979,
                   7.495539342889836208304604784564, -0.09249506636175524925650207933207},
               new double[] {5.861455442946420028659251486983, -12.92096931784710929170611868178,
                   8.159367898576158643180400794539, -0.07158497328140099722453054252583,
                   -0.02826905039406838290900305721271},
               new double[] {0.09646076681806522951816731316513, 1.0 / 100, 0.4798896504144995747752495322906,
                   1.379008574103741893192274821857, -3.290069515436080679901047585711,
                   2.324710524099773982415355918399})
            .b(0.09646076681806522951816731316513, 1.0 / 100, 0.4798896504144995747752495322906,
                    1.379008574103741893192274821857, -3.290069515436080679901047585711,
                    2.324710524099773982415355918399, 0.0)
            .errorWeights(4,
                    0.001780011052225771443378550607540, 0.0008164344596567469032236360633547,
                    -0.007880878010261996010314727672526, 0.1447110071732629075371651479726,
                    -0.5823571654525552250199376106520, 0.4580821059291869466616365188326, -1.0 / 66)
            .fsal()
            .denseOutput(4,
                    new double[] {1.0, -2.763706197274825911336735930481, 2.913255461821912743750680993068,
                        -1.0530884977290216},
                    new double[] {0.0, 0.13169999999999999727, -0.22339999999999999818, 0.1017},
                    new double[] {0.0, 3.930296236894751528506874467098, -5.941033872131504734702492025895,
                        2.490627285651252793},
                    new double[] {0.0, -12.41107716693367698373438154069, 30.33818863028232159817299036918,
                        -16.54810288924490272},
                    new double[] {0.0, 37.50931341651103919496903965335, -88.17890489476640110142766935412,
                        47.37952196281928122},
                    new double[] {0.0, -27.89652628919728780594826314460, 65.09189467479367152629021928717,
                        -34.87065786149660974},
                    new double[] {0.0, 1.5, -4.0, 2.5})
            .build();

    private Tsit5() {
    }
}
