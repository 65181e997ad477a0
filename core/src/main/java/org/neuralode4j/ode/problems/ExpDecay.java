package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.ANY;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * Exponential decay y' = -k y, y(0) = 1, exact solution e^{-kt}: problem A1 of the DETEST set
 * (T. E. Hull, W. H. Enright, B. M. Fellen, A. E. Sedgwick, "Comparing numerical methods for
 * ordinary differential equations", SIAM J. Numer. Anal. 9 (1972) 603–637).
 */
final class ExpDecay {
    static final Problem PROBLEM = Problem.builder("exp-decay")
            .description("exponential decay y' = -k y; exact solution y0 exp(-k t)")
            .reference("DETEST problem A1: Hull, Enright, Fellen, Sedgwick, SIAM J. Numer. Anal. 9 (1972)")
            .states("y").y0(1).span(0, 5)
            .parameter("k", 1, "1/s", "decay rate", ANY)
            .factory(p -> Dynamics.of(field(p.get("k"))))
            .build();

    private ExpDecay() {
    }

    static ArrayVectorField field(double k) {
        return (t, z, dz) -> dz[0] = -k * z[0];
    }
}
