package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.POSITIVE;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * Robertson's chemical kinetics y1' = −k1 y1 + k3 y2 y3, y2' = k1 y1 − k3 y2 y3 − k2 y2²,
 * y3' = k2 y2² with k1 = 0.04, k2 = 3e7, k3 = 1e4, from (1, 0, 0); y1 + y2 + y3 stays 1 (H. H.
 * Robertson, "The solution of a set of reaction rate equations", in J. Walsh (ed.), Numerical
 * Analysis: An Introduction, Academic Press, 1966, 178–182; Hairer &amp; Wanner, Solving Ordinary
 * Differential Equations II, 1996, §IV.1, ROBER). Very stiff: an explicit method needs about 10⁴
 * steps per unit of time once the transient is over. REFERENCE.md gives y(1e11).
 */
final class Robertson {
    static final Problem PROBLEM = Problem.builder("robertson")
            .description("Robertson's stiff chemical kinetics y1' = -k1 y1 + k3 y2 y3, y2' = k1 y1 - k3 y2 y3 - k2 y2^2, "
                    + "y3' = k2 y2^2; needs a stiff method and per-component atol (1e-8, 1e-14, 1e-8)")
            .reference("Robertson (1966), in Walsh (ed.), Numerical Analysis: An Introduction; Hairer & Wanner, "
                    + "Solving ODEs II (1996), ROBER")
            .states("y1", "y2", "y3").y0(1, 0, 0).span(0, 40)
            .parameter("k1", 0.04, "", "rate of reaction 1 (y1 -> y2)", POSITIVE)
            .parameter("k2", 3e7, "", "rate of reaction 2 (2 y2 -> y2 + y3)", POSITIVE)
            .parameter("k3", 1e4, "", "rate of reaction 3 (y2 + y3 -> y1 + y3)", POSITIVE)
            .factory(p -> Dynamics.of(field(p.get("k1"), p.get("k2"), p.get("k3"))))
            .build();

    private Robertson() {
    }

    static ArrayVectorField field(double k1, double k2, double k3) {
        return (t, z, dz) -> {
            double r1 = k1 * z[0];
            double r2 = k2 * z[1] * z[1];
            double r3 = k3 * z[1] * z[2];
            dz[0] = -r1 + r3;
            dz[1] = r1 - r3 - r2;
            dz[2] = r2;
        };
    }
}
