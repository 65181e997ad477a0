package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.NON_NEGATIVE;
import static org.neuralode4j.ode.problems.Parameter.Domain.POSITIVE;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The damped pendulum θ'' = −(g/ℓ) sin θ − c θ' as θ' = ω, ω' = −(g/ℓ) sin θ − c ω, from (1, 0)
 * (e.g. Strogatz, Nonlinear Dynamics and Chaos, 2nd ed., 2015, §6.7). Without damping the energy
 * ω²/2 − (g/ℓ) cos θ is conserved; with damping it decays.
 */
final class Pendulum {
    static final Problem PROBLEM = Problem.builder("pendulum")
            .description("damped pendulum theta' = omega, omega' = -(g/length) sin(theta) - damping omega")
            .reference("Strogatz, Nonlinear Dynamics and Chaos (2015), 6.7")
            .states("theta", "omega").y0(1, 0).span(0, 20)
            .parameter("g", 9.81, "m/s^2", "gravitational acceleration", POSITIVE)
            .parameter("length", 1, "m", "pendulum length", POSITIVE)
            .parameter("damping", 0.1, "1/s", "damping coefficient", NON_NEGATIVE)
            .factory(p -> Dynamics.of(field(p.get("g") / p.get("length"), p.get("damping"))))
            .build();

    private Pendulum() {
    }

    static ArrayVectorField field(double omega2, double damping) {
        return (t, z, dz) -> {
            dz[0] = z[1];
            dz[1] = -omega2 * Math.sin(z[0]) - damping * z[1];
        };
    }
}
