package org.neuralode4j.ode.tableau;

/**
 * The Bogacki–Shampine 3(2) pair: four stages, FSAL, third-order solution with a second-order
 * embedded one, and the cubic Hermite interpolant as dense output. MATLAB's {@code ode23}, scipy's
 * {@code RK23}.
 *
 * <p>Source: P. Bogacki, L. F. Shampine, "A 3(2) pair of Runge–Kutta formulas", Appl. Math. Lett.
 * 2 (1989) 321–325. b = (2/9, 1/3, 4/9, 0), b̂ = (7/24, 1/4, 1/3, 1/8).
 *
 * <p>Dense output: the paper's "free" third-order interpolant is the cubic Hermite polynomial
 * through (y0, f0 = k1) and (y1, f1 = k4). Written in the stages it is
 * b_i(θ) = (3θ² - 2θ³) b_i + (θ - 2θ² + θ³) [i = 1] + (θ³ - θ²) [i = 4], i.e.
 * b1(θ) = θ - 4θ²/3 + 5θ³/9, b2(θ) = θ² - 2θ³/3, b3(θ) = 4θ²/3 - 8θ³/9, b4(θ) = -θ² + θ³.
 */
public final class Bosh3 {

    /** The tableau: c = (0, 1/2, 3/4, 1), e = b - b̂ = (-5/72, 1/12, 1/9, -1/8). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("bosh3")
            .order(3)
            .c(0.0, 1.0 / 2, 3.0 / 4, 1.0)
            .a(new double[0],
               new double[] {1.0 / 2},
               new double[] {0.0, 3.0 / 4},
               new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9})
            .b(2.0 / 9, 1.0 / 3, 4.0 / 9, 0.0)
            .errorWeights(2, -5.0 / 72, 1.0 / 12, 1.0 / 9, -1.0 / 8)
            .fsal()
            .denseOutput(3,
                    new double[] {1.0, -4.0 / 3, 5.0 / 9},
                    new double[] {0.0, 1.0, -2.0 / 3},
                    new double[] {0.0, 4.0 / 3, -8.0 / 9},
                    new double[] {0.0, -1.0, 1.0})
            .build();

    private Bosh3() {
    }
}
