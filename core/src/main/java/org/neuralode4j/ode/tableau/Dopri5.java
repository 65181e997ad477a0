package org.neuralode4j.ode.tableau;

/**
 * The Dormand–Prince 5(4) pair (RK5(4)7M, DOPRI5): seven stages, FSAL, fifth-order solution with
 * a fourth-order embedded one, and Shampine's fourth-order dense output. torchdiffeq's and
 * MATLAB's default ({@code dopri5}, {@code ode45}).
 *
 * <p>Sources: J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 6 (1980) 19–26 (the pair); L. F. Shampine, "Some practical Runge–Kutta
 * formulas", Math. Comp. 46 (1986) 135–150 (the continuous extension); Hairer, Nørsett, Wanner,
 * <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, Sections II.5–II.6
 * and the code DOPRI5.
 *
 * <p>Dense output: DOPRI5's {@code contd5} evaluates
 * y0 + θ(Δ + (1-θ)(h k1 - Δ + θ(2Δ - h k1 - h k7 + (1-θ) h Σ d_i k_i))) with Δ = y1 - y0 and
 * d = (-12715105075/11282082432, 0, 87487479700/32700410799, -10690763975/1880347072,
 * 701980252875/199316789632, -1453857185/822651844, 69997945/29380423). Expanding in powers of θ
 * gives the exact rational coefficients stored here (the same as scipy's {@code RK45.P}).
 */
public final class Dopri5 {

    /**
     * The tableau: c = (0, 1/5, 3/10, 4/5, 8/9, 1, 1), b = (35/384, 0, 500/1113, 125/192,
     * -2187/6784, 11/84, 0), b̂ = (5179/57600, 0, 7571/16695, 393/640, -92097/339200, 187/2100,
     * 1/40).
     */
    public static final ButcherTableau TABLEAU = pair("dopri5")
            .errorWeights(4,
                    71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40)
            .build();

    /**
     * The same fifth-order solution and dense output with Shampine's alternative fourth-order
     * embedded solution b̂ = (1951/21600, 0, 22642/50085, 451/720, -12231/42400, 649/6300, 1/60)
     * (Shampine 1986, Table 2 — the "DPS" pair), whose smaller error estimate allows somewhat larger
     * steps: the {@code dopri5} of torchdiffeq, registered here as {@code dopri5-shampine} so that a
     * comparison with it can run the same algorithm.
     */
    public static final ButcherTableau SHAMPINE_ESTIMATE = pair("dopri5-shampine")
            .errorWeights(4,
                    71.0 / 86400, 0.0, -142.0 / 50085, 71.0 / 2880, -5751.0 / 169600, 44.0 / 1575, -1.0 / 60)
            .build();

    /** Everything but the error weights: stages, fifth-order weights, FSAL and the dense output. */
    private static ButcherTableau.Builder pair(String name) {
        return ButcherTableau.builder(name)
            .order(5)
            .c(0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0)
            .a(new double[0],
               new double[] {1.0 / 5},
               new double[] {3.0 / 40, 9.0 / 40},
               new double[] {44.0 / 45, -56.0 / 15, 32.0 / 9},
               new double[] {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
               new double[] {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
               new double[] {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84})
            .b(35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0)
            .fsal()
            .denseOutput(4,
                    new double[] {1.0, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0,
                        -12715105075.0 / 11282082432.0},
                    new double[] {0.0, 0.0, 0.0, 0.0},
                    new double[] {0.0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0,
                        87487479700.0 / 32700410799.0},
                    new double[] {0.0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0,
                        -10690763975.0 / 1880347072.0},
                    new double[] {0.0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0,
                        701980252875.0 / 199316789632.0},
                    new double[] {0.0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0,
                        -1453857185.0 / 822651844.0},
                    new double[] {0.0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0,
                        69997945.0 / 29380423.0});
    }

    private Dopri5() {
    }
}
