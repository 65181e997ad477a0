package org.neuralode4j.ode.problems;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The true dynamics of torchdiffeq's ode_demo, the standard neural-ODE demonstration (R. T. Q. Chen,
 * Y. Rubanova, J. Bettencourt, D. Duvenaud, "Neural ordinary differential equations", NeurIPS
 * 2018; torchdiffeq examples/ode_demo.py): dy/dt = (y∘y∘y)·A with A = [[−0.1, 2], [−2, −0.1]],
 * i.e. x' = −0.1x³ − 2y³, y' = 2x³ − 0.1y³, from (2, 0) on [0, 25] (REFERENCE.md).
 */
final class Spiral {
    static final Problem PROBLEM = Problem.builder("spiral")
            .description("cubic spiral of torchdiffeq's ode_demo: x' = -0.1 x^3 - 2 y^3, y' = 2 x^3 - 0.1 y^3")
            .reference("Chen, Rubanova, Bettencourt, Duvenaud, Neural ODEs, NeurIPS 2018 (torchdiffeq ode_demo)")
            .states("x", "y").y0(2, 0).span(0, 25)
            .factory(p -> Dynamics.of(field()))
            .build();

    private Spiral() {
    }

    static ArrayVectorField field() {
        return (t, z, dz) -> {
            double x3 = z[0] * z[0] * z[0];
            double y3 = z[1] * z[1] * z[1];
            dz[0] = -0.1 * x3 - 2.0 * y3;
            dz[1] = 2.0 * x3 - 0.1 * y3;
        };
    }
}
