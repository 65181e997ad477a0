package org.neuralode4j.ode.tableau;

/**
 * The explicit (forward) Euler method, order 1, one stage, fixed step.
 *
 * <p>Source: L. Euler, <i>Institutionum calculi integralis</i>, vol. 1, 1768; see also E. Hairer,
 * S. P. Nørsett, G. Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer
 * 1993, Section I.7.
 */
public final class Euler {

    /** The tableau: c = (0), b = (1). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("euler")
            .order(1)
            .c(0.0)
            .a(new double[0])
            .b(1.0)
            .build();

    private Euler() {
    }
}
