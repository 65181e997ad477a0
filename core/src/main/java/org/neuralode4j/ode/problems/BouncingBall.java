package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.ANY;
import static org.neuralode4j.ode.problems.Parameter.Domain.POSITIVE;
import static org.neuralode4j.ode.problems.Parameter.Domain.UNIT_INTERVAL;

import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.EventAction;
import org.neuralode4j.tensor.Tensor;

/**
 * A ball bouncing on the floor, the classic hybrid system of event-location tests (L. F. Shampine,
 * S. Thompson, "Event location for ordinary differential equations", Comput. Math. Appl. 39 (2000)
 * 43–54; MATLAB's ballode). Height h and velocity v: h' = v, v' = −g; an impact when h falls to
 * r (the ball's radius) sets v ← −e·v. With REFERENCE.md's g = 9.8, h(0) = 10, v(0) = 0, r = 0.2,
 * e = 0.8 the k-th impact is at √2·(1 + 2 Σ_{j=1}^{k−1} 0.8^j): the first at √2, the tenth at
 * 11.209422.
 *
 * <p>The impacts accumulate at a finite time (√2 · 9 ≈ 12.73 s for the defaults). To integrate past
 * it, a rebound slower than {@value #REST_SPEED} m/s leaves the ball at rest on the floor: the state
 * becomes exactly (r, 0), where the field is zero.
 */
final class BouncingBall {
    /** Rebound speed below which the ball stays on the floor, in m/s. */
    static final double REST_SPEED = 1e-3;

    static final Problem PROBLEM = Problem.builder("bouncing-ball")
            .description("ball bouncing on the floor: h' = v, v' = -g; at impact (h falls to r) v <- -e v; "
                    + "rests on the floor once the rebound is slower than " + REST_SPEED + " m/s")
            .reference("Shampine & Thompson, Event location for ODEs, Comput. Math. Appl. 39 (2000)")
            .states("h", "v").y0(10, 0).span(0, 12)
            .parameter("g", 9.8, "m/s^2", "gravitational acceleration", POSITIVE)
            .parameter("r", 0.2, "m", "height of the ball's centre at impact (its radius)", ANY)
            .parameter("e", 0.8, "", "coefficient of restitution", UNIT_INTERVAL)
            .factory(p -> dynamics(p.get("g"), p.get("r"), p.get("e")))
            .build();

    private BouncingBall() {
    }

    static ArrayVectorField field(double g, double r) {
        return (t, z, dz) -> {
            boolean resting = z[1] == 0 && z[0] <= r;
            dz[0] = z[1];
            dz[1] = resting ? 0 : -g;
        };
    }

    /**
     * The impact: a falling crossing of g = (h − r) + max(v, 0)·(1 s), which equals h − r while the
     * ball falls and is positive while it rises, so its only sign change is the impact. With plain
     * h − r an impact could be missed: free fall is integrated exactly, so the steps grow until one
     * step spans a whole flight, and h − r, slightly negative just after the previous impact, may be
     * negative again at the next sub-interval end. The handler reverses and scales v, or lets the
     * ball rest.
     */
    static Event impact(double r, double e) {
        return Event.of((t, z) -> {
                    double[] s = z.toArray();
                    return s[0] - r + Math.max(s[1], 0) * 1.0;
                })
                .withDirection(Event.Direction.FALLING)
                .withHandler((t, z) -> {
                    double[] s = z.toArray();
                    double rebound = -e * s[1];
                    double[] next = rebound < REST_SPEED ? new double[] {r, 0} : new double[] {s[0], rebound};
                    return EventAction.resetState(Tensor.fromArray(next, z.shape()));
                });
    }

    static Dynamics dynamics(double g, double r, double e) {
        return Dynamics.of(field(g, r)).withEvents(impact(r, e));
    }
}
