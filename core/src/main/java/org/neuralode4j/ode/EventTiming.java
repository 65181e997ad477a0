package org.neuralode4j.ode;

import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;

/**
 * Makes a located event time differentiable when the solve records gradients. The root t_e of
 * g(t, z(t; θ), θ) = 0 moves with θ as dt_e/dθ = −(∂g/∂z·∂z/∂θ + ∂g/∂θ) / ġ with ġ = dg/dt along the
 * solution (implicit function theorem). This is attached to the graph without changing any value:
 * t_e ← t_e − (G − stop(G)) / ġ where G is the recorded g(t_e, z(t_e)); the state at the event becomes
 * z(t_e) + f(t_e, z(t_e))·(t_e − stop(t_e)), so that it moves with the event time too. A state that
 * restarts the integration at t_e gets the opposite shift, z⁺ − f(t_e, z⁺)·(t_e − stop(t_e)), because a
 * later start time delays the rest of the trajectory (Chen, Amos &amp; Nickel 2021, "Learning neural
 * event functions for ordinary differential equations").
 */
final class EventTiming {
    private EventTiming() {
    }

    /** The event time and state with their gradients attached: {timeTensor, state}. */
    static Tensor[] attach(EventFunction g, double te, Tensor ze, double t0, double t1, Stepper stepper,
                           FieldEvaluator field, int[] shape) {
        Tensor value = g.valueTensor(te, ze);
        if (!value.requiresGrad()) {
            return new Tensor[] {Tensor.scalar(te), ze};
        }
        double rate = rateAlongSolution(g, te, t0, t1, stepper, shape);
        if (!Double.isFinite(rate)) {
            throw new NonFiniteStateException(te, t1 - t0, "the event function's rate of change along the solution "
                    + "at the event is " + rate + ", so the event time's gradient is undefined");
        }
        if (rate == 0) {
            return new Tensor[] {Tensor.scalar(te), ze};
        }
        Tensor shift = value.sub(value.detach()).reshape().div(-rate);
        Tensor derivative = Autodiff.noGrad(() -> field.evaluate(te, ze.detach()));
        return new Tensor[] {shift.add(te), ze.add(derivative.mul(shift))};
    }

    /** z⁺ shifted so that the restarted trajectory moves with the event time. */
    static Tensor restart(Tensor next, Tensor timeTensor, double te, FieldEvaluator field) {
        if (!timeTensor.requiresGrad()) {
            return next;
        }
        Tensor derivative = Autodiff.noGrad(() -> field.evaluate(te, next.detach()));
        return next.sub(derivative.mul(timeTensor.sub(te)));
    }

    /** dg/dt along the step's interpolant, by a central difference inside the step. */
    private static double rateAlongSolution(EventFunction g, double te, double t0, double t1, Stepper stepper,
                                            int[] shape) {
        double lo = Math.min(t0, t1);
        double hi = Math.max(t0, t1);
        double delta = 1e-6 * (hi - lo);
        double a = Math.max(lo, te - delta);
        double b = Math.min(hi, te + delta);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] za = new double[n];
        double[] zb = new double[n];
        stepper.interpolate(a, za, 0);
        stepper.interpolate(b, zb, 0);
        double ga = g.value(a, Tensor.fromArray(za, shape));
        double gb = g.value(b, Tensor.fromArray(zb, shape));
        return (gb - ga) / (b - a);
    }
}
