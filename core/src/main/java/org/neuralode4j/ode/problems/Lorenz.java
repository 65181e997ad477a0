package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.ANY;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The Lorenz system x' = σ(y − x), y' = x(ρ − z) − y, z' = xy − βz with σ = 10, ρ = 28, β = 8/3,
 * from (1, 1, 1): a chaotic attractor (E. N. Lorenz, "Deterministic nonperiodic flow", J. Atmos.
 * Sci. 20 (1963) 130–141).
 */
final class Lorenz {
    static final Problem PROBLEM = Problem.builder("lorenz")
            .description("Lorenz system x' = sigma (y - x), y' = x (rho - z) - y, z' = x y - beta z; chaotic")
            .reference("Lorenz, Deterministic nonperiodic flow, J. Atmos. Sci. 20 (1963)")
            .states("x", "y", "z").y0(1, 1, 1).span(0, 25)
            .parameter("sigma", 10, "", "Prandtl number", ANY)
            .parameter("rho", 28, "", "Rayleigh number ratio", ANY)
            .parameter("beta", 8.0 / 3, "", "geometric factor", ANY)
            .factory(p -> Dynamics.of(field(p.get("sigma"), p.get("rho"), p.get("beta"))))
            .build();

    private Lorenz() {
    }

    static ArrayVectorField field(double sigma, double rho, double beta) {
        return (t, z, dz) -> {
            double x = z[0];
            double y = z[1];
            double w = z[2];
            dz[0] = sigma * (y - x);
            dz[1] = x * (rho - w) - y;
            dz[2] = x * y - beta * w;
        };
    }
}
