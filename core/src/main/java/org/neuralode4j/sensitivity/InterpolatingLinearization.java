package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.ode.QuadratureTailField;

/**
 * The exact linearization of the interpolating adjoint system at a point [a, a_θ] and time t, with
 * z(t) read from the forward recomputation's dense output: da/dt = −J(t, z(t))ᵀa,
 * da_θ/dt = −(∂f/∂θ)ᵀa (Chen et al. 2018, Alg. 1). The core is [a], a_θ a quadrature tail:
 * <pre>
 *   J_c = −Jᵀ,   J_tc·v_a = −∂(v_a·f)/∂θ   (one vector–Jacobian product).
 * </pre>
 * The product runs on f's raw arrays when f offers them ({@link ArrayVjpField}), else on the tape.
 * The field depends on t through z(t), so the Rosenbrock methods' ∂/∂t is
 * <pre>
 *   ∂/∂t [a', a_θ'] = −∂/∂(z, θ) [(Jᵀa)·ż] + (explicit dependence of f on t),
 * </pre>
 * where ż is the derivative of the dense output itself: the exact derivative of the field the
 * solver integrates (piecewise smooth, like the interpolant). The first term is one sweep over the
 * recorded backward pass of Jᵀa, exact; the second is a forward difference in t at fixed z, the
 * same difference the solver takes for any non-autonomous field, and exactly zero when f does not
 * read t. A difference of the whole field in t would instead be off by about ½δ·‖∂²/∂t²‖, large
 * where z(t) has a fast transient.
 */
final class InterpolatingLinearization implements QuadratureTailField.Linearized {
    private static final double UROUND = Math.ulp(1.0);

    private final AdjointDynamics dynamics;
    private final AdjointGraph graph;
    private final double t;
    private final double[] z;
    private final double[] zDot;
    private final double[] y;
    private final double direction;
    private double[] scratch;

    private InterpolatingLinearization(AdjointDynamics dynamics, AdjointGraph graph, double t, double[] z,
                                       double[] zDot, double[] y, double direction) {
        this.dynamics = dynamics;
        this.graph = graph;
        this.t = t;
        this.z = z;
        this.zDot = zDot;
        this.y = y;
        this.direction = direction;
    }

    /**
     * Linearizes at y = [a, a_θ] and t.
     *
     * @param z z(t) from the dense output; kept
     * @param zDot the dense output's derivative at t; kept
     * @param direction the sign of the backward solve's time steps
     * @param coreJacobian receives −Jᵀ, n×n row-major; modified
     */
    static InterpolatingLinearization at(AdjointDynamics dynamics, double t, double[] z, double[] zDot, double[] y,
                                         double direction, double[] coreJacobian) {
        int n = z.length;
        AdjointGraph graph = new AdjointGraph(dynamics.field(), dynamics.shape(), dynamics.parameterSet(), t, z,
                Arrays.copyOfRange(y, 0, n));
        double[] jac = new double[n * n];
        graph.jacobian(jac);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                coreJacobian[j * n + i] = -jac[i * n + j];
            }
        }
        return new InterpolatingLinearization(dynamics, graph, t, z, zDot, y.clone(), direction);
    }

    @Override
    public void tailProduct(double[] v, double[] out) {
        ArrayVjpField raw = dynamics.rawVjp();
        if (raw != null) {
            if (scratch == null) {
                scratch = new double[z.length];
            }
            raw.evaluateVjp(t, z.length, z, 0, v, 0, null, 0, scratch, 0, out, 0, -1.0);
        } else {
            graph.mixedGradient(null, v, null, out, 0, -1.0);
        }
    }

    @Override
    public boolean timeDerivative(double[] f, double[] out) {
        int n = z.length;
        graph.mixedGradient(zDot, null, out, out, n, -1.0);
        double d = direction * Math.sqrt(UROUND * Math.max(1e-5, Math.abs(t)));
        double dt = (t + d) - t;
        double[] shifted = new double[f.length];
        dynamics.evaluateAtState(t + dt, z, y, shifted);
        double inv = 1.0 / dt;
        for (int i = 0; i < f.length; i++) {
            out[i] += (shifted[i] - f[i]) * inv;
        }
        return true;
    }

    @Override
    public void release() {
        graph.release();
    }
}
