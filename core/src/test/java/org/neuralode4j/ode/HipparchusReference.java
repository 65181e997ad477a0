package org.neuralode4j.ode;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/** Reference solutions from Hipparchus's DormandPrince853 at tight tolerance. */
final class HipparchusReference {
    private HipparchusReference() {
    }

    /** The state at every time (the first being the initial time), integrated segment by segment. */
    static double[][] solve(ArrayVectorField f, double[] y0, double[] times, double tol) {
        int n = y0.length;
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return n;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                double[] dy = new double[n];
                f.evaluate(t, y, dy);
                return dy;
            }
        };
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(0, Double.POSITIVE_INFINITY, tol, tol);
        double[][] out = new double[times.length][];
        out[0] = y0.clone();
        ODEState state = new ODEState(times[0], y0.clone());
        for (int i = 1; i < times.length; i++) {
            state = integrator.integrate(ode, state, times[i]);
            out[i] = state.getPrimaryState().clone();
        }
        return out;
    }
}
