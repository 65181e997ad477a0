package org.neuralode4j.ode.tableau;

/**
 * The Cash–Karp 5(4) pair: six stages, not FSAL, fifth-order solution with a fourth-order
 * embedded one, no dense output. Numerical Recipes' {@code rkck}.
 *
 * <p>Source: J. R. Cash, A. H. Karp, "A variable order Runge–Kutta method for initial value
 * problems with rapidly varying right-hand sides", ACM Trans. Math. Softw. 16 (1990) 201–222.
 *
 * <p>Why a library that has dopri5 and tsit5 ships it: a step of an FSAL pair costs six new
 * evaluations only while the next step starts from the state this one ended with. A solve that
 * changes its state at many stop times — the adjoint pass adds ∂L/∂z(t_i) at every output time —
 * pays the seventh stage for the error estimate and a fresh first stage after the jump, seven a
 * step; this pair's estimate needs no stage at the new state, so it costs six a step everywhere.
 */
public final class CashKarp {

    /**
     * The tableau: c = (0, 1/5, 3/10, 3/5, 1, 7/8), b = (37/378, 0, 250/621, 125/594, 0, 512/1771),
     * b̂ = (2825/27648, 0, 18575/48384, 13525/55296, 277/14336, 1/4).
     */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("cashkarp")
            .order(5)
            .c(0.0, 1.0 / 5, 3.0 / 10, 3.0 / 5, 1.0, 7.0 / 8)
            .a(new double[0],
               new double[] {1.0 / 5},
               new double[] {3.0 / 40, 9.0 / 40},
               new double[] {3.0 / 10, -9.0 / 10, 6.0 / 5},
               new double[] {-11.0 / 54, 5.0 / 2, -70.0 / 27, 35.0 / 27},
               new double[] {1631.0 / 55296, 175.0 / 512, 575.0 / 13824, 44275.0 / 110592, 253.0 / 4096})
            .b(37.0 / 378, 0.0, 250.0 / 621, 125.0 / 594, 0.0, 512.0 / 1771)
            .errorWeights(4, -277.0 / 64512, 0.0, 6925.0 / 370944, -6925.0 / 202752, -277.0 / 14336, 277.0 / 7084)
            .build();

    private CashKarp() {
    }
}
