package org.neuralode4j.ode.tableau;

/**
 * Ralston's third-order method (minimum local error bound), three stages, fixed step. Its stages
 * are the first three of {@link Bosh3}.
 *
 * <p>Source: A. Ralston, "Runge–Kutta methods with minimum error bounds", Math. Comp. 16 (1962)
 * 431–437.
 */
public final class Ralston3 {

    /** The tableau: c = (0, 1/2, 3/4), a21 = 1/2, a32 = 3/4, b = (2/9, 1/3, 4/9). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("ralston3")
            .order(3)
            .c(0.0, 1.0 / 2, 3.0 / 4)
            .a(new double[0],
               new double[] {1.0 / 2},
               new double[] {0.0, 3.0 / 4})
            .b(2.0 / 9, 1.0 / 3, 4.0 / 9)
            .build();

    private Ralston3() {
    }
}
