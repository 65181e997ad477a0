package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.POSITIVE;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The harmonic oscillator x'' = −ω²x as x' = v, v' = −ω²x from (1, 0): exact solution
 * x = cos ωt, v = −ω sin ωt (REFERENCE.md's non-stiff test problems, ω = 1).
 */
final class Harmonic {
    static final Problem PROBLEM = Problem.builder("harmonic")
            .description("harmonic oscillator x' = v, v' = -omega^2 x; exact solution x = cos(omega t) from (1, 0)")
            .reference("REFERENCE.md non-stiff test problems (x'' = -x)")
            .states("x", "v").y0(1, 0).span(0, 10)
            .parameter("omega", 1, "rad/s", "angular frequency", POSITIVE)
            .factory(p -> Dynamics.of(field(p.get("omega"))))
            .build();

    private Harmonic() {
    }

    static ArrayVectorField field(double omega) {
        double w2 = omega * omega;
        return (t, z, dz) -> {
            dz[0] = z[1];
            dz[1] = -w2 * z[0];
        };
    }
}
