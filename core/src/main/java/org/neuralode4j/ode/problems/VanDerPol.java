package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.NON_NEGATIVE;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The Van der Pol oscillator x'' − μ(1 − x²)x' + x = 0 as x' = v, v' = μ(1 − x²)v − x (B. van der
 * Pol, "On relaxation-oscillations", Phil. Mag. 2 (1926) 978–992), from (2, 0). For μ = 1 a smooth
 * limit cycle of period about 6.66; for large μ relaxation oscillations and a stiff problem
 * (E. Hairer, G. Wanner, Solving Ordinary Differential Equations II, 2nd ed., 1996, §IV.1, VDPOL;
 * REFERENCE.md gives y(2000) for μ = 1000).
 */
final class VanDerPol {
    static final Problem PROBLEM = Problem.builder("van-der-pol")
            .description("Van der Pol oscillator x' = v, v' = mu (1 - x^2) v - x; stiff for large mu (e.g. 1000)")
            .reference("van der Pol, Phil. Mag. 2 (1926); Hairer & Wanner, Solving ODEs II (1996), VDPOL")
            .states("x", "v").y0(2, 0).span(0, 20)
            .parameter("mu", 1, "", "nonlinear damping strength", NON_NEGATIVE)
            .factory(p -> Dynamics.of(field(p.get("mu"))))
            .build();

    private VanDerPol() {
    }

    static ArrayVectorField field(double mu) {
        return (t, z, dz) -> {
            double x = z[0];
            double v = z[1];
            dz[0] = v;
            dz[1] = mu * (1 - x * x) * v - x;
        };
    }
}
