package org.neuralode4j.ode.tableau;

/**
 * The Heun–Euler pair 2(1): Heun's second-order method ({@link Heun2}) with the forward Euler
 * step as the embedded first-order solution. The simplest adaptive method; torchdiffeq calls it
 * {@code adaptive_heun}.
 *
 * <p>Source: K. Heun, Z. Math. Phys. 45 (1900) 23–38 (the method). Embedding the Euler step is
 * the standard lowest-order instance of the embedded formulas of Hairer, Nørsett, Wanner,
 * <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, Section II.4.
 */
public final class HeunEuler {

    /** The tableau: c = (0, 1), a21 = 1, b = (1/2, 1/2), b̂ = (1, 0), so e = (-1/2, 1/2). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("heun-euler")
            .order(2)
            .c(0.0, 1.0)
            .a(new double[0],
               new double[] {1.0})
            .b(1.0 / 2, 1.0 / 2)
            .errorWeights(1, -1.0 / 2, 1.0 / 2)
            .build();

    private HeunEuler() {
    }
}
