package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * f(t, z) and, when second derivatives are asked for, g = Jᵀa (J = ∂f/∂z) recorded on the tape at
 * one point (t, z, a) of the adjoint system, kept so that the exact derivatives of the augmented
 * dynamics (Chen et al. 2018, Alg. 1) come from reverse sweeps over the same graph: rows of J by
 * vector–Jacobian products, rows of ∂(Jᵀa)/∂z and the mixed products ∂/∂θ[(Jᵀa)·v] by sweeps over
 * the recorded backward pass (create-graph, second order).
 */
final class AdjointGraph {
    private final int[] shape;
    private final int n;
    private final ParameterSet params;
    private final Tensor z;
    private final Tensor fz;
    private final Tensor a;
    private Tensor jta;

    /**
     * @param z the state, length n; copied
     * @param a the adjoint, length n; copied
     */
    AdjointGraph(VectorField f, int[] shape, ParameterSet params, double t, double[] z, double[] a) {
        this.shape = shape.clone();
        this.n = z.length;
        this.params = params;
        this.z = Tensor.fromArray(z.clone(), shape).requiresGrad(true);
        this.a = Tensor.fromArray(a.clone(), shape);
        this.fz = Autodiff.enableGrad(() -> f.apply(t, this.z));
    }

    /** Jᵀa, recorded with its own backward graph (computed once). */
    private Tensor jacobianTransposeTimesA() {
        if (jta == null) {
            jta = fz.requiresGrad() ? Autodiff.grad(fz, new Tensor[] {z}, a, true, true)[0] : Tensor.zeros(shape);
        }
        return jta;
    }

    /**
     * Writes J = ∂f/∂z, one reverse sweep per row.
     *
     * @param out receives J, n×n row-major; modified
     */
    void jacobian(double[] out) {
        rows(fz, out);
    }

    /**
     * Writes ∂(Jᵀa)/∂z (the Hessian of aᵀf in z, symmetric), one sweep over the recorded backward
     * pass per row.
     *
     * @param out receives the n×n matrix row-major; modified
     */
    void hessian(double[] out) {
        rows(jacobianTransposeTimesA(), out);
    }

    private void rows(Tensor value, double[] out) {
        if (!value.requiresGrad()) {
            Arrays.fill(out, 0, n * n, 0.0);
            return;
        }
        Tensor seed = Tensor.zeros(shape);
        double[] s = seed.buffer();
        Tensor[] inputs = {z};
        for (int i = 0; i < n; i++) {
            s[i] = 1.0;
            double[] row = Autodiff.grad(value, inputs, seed, true, false)[0].buffer();
            s[i] = 0.0;
            System.arraycopy(row, 0, out, i * n, n);
        }
    }

    /**
     * The gradient of σ = (Jᵀa)·v_z + v_a·f with respect to z and θ, scaled: one reverse sweep, over
     * the recorded backward pass when v_z is given, a plain vector–Jacobian product seeded with v_a
     * otherwise.
     *
     * @param vz v_z, length n, or null for none; not modified
     * @param va v_a, length n, or null for none; not modified
     * @param outZ receives scale·∂σ/∂z (length n), or null when not wanted; modified
     * @param outTheta receives scale·∂σ/∂θ in the {@link ParameterSet} layout at {@code thetaOff}; modified
     */
    void mixedGradient(double[] vz, double[] va, double[] outZ, double[] outTheta, int thetaOff, double scale) {
        if (vz == null) {
            vectorJacobianProduct(va, outZ, outTheta, thetaOff, scale);
            return;
        }
        Tensor sigma = Autodiff.enableGrad(() -> {
            Tensor g = jacobianTransposeTimesA();
            Tensor acc = g.requiresGrad() ? g.mul(Tensor.fromArray(vz, shape)).sum() : null;
            if (va != null && fz.requiresGrad()) {
                Tensor term = fz.mul(Tensor.fromArray(va, shape)).sum();
                acc = acc == null ? term : acc.add(term);
            }
            return acc;
        });
        Tensor[] inputs = inputs(outZ != null);
        if (sigma == null || !sigma.requiresGrad()) {
            scatter(null, outZ, outTheta, thetaOff, scale);
            return;
        }
        scatter(Autodiff.grad(sigma, inputs, null, true, false), outZ, outTheta, thetaOff, scale);
    }

    /** v_aᵀ∂f/∂(z, θ), scaled: a vector–Jacobian product seeded with v_a, no extra node recorded. */
    private void vectorJacobianProduct(double[] va, double[] outZ, double[] outTheta, int thetaOff, double scale) {
        Tensor[] inputs = inputs(outZ != null);
        if (va == null || !fz.requiresGrad()) {
            scatter(null, outZ, outTheta, thetaOff, scale);
            return;
        }
        scatter(Autodiff.grad(fz, inputs, Tensor.fromArray(va, shape), true, false), outZ, outTheta, thetaOff, scale);
    }

    /** z (when wanted) followed by the parameters. */
    private Tensor[] inputs(boolean withZ) {
        int first = withZ ? 1 : 0;
        Tensor[] inputs = new Tensor[first + params.count()];
        if (withZ) {
            inputs[0] = z;
        }
        System.arraycopy(params.tensors(), 0, inputs, first, params.count());
        return inputs;
    }

    /** Writes scale·g into outZ and the parameter layout; zeros for g == null. */
    private void scatter(Tensor[] g, double[] outZ, double[] outTheta, int thetaOff, double scale) {
        if (g == null) {
            if (outZ != null) {
                Arrays.fill(outZ, 0, n, 0.0);
            }
            Arrays.fill(outTheta, thetaOff, thetaOff + params.size(), 0.0);
            return;
        }
        int first = outZ != null ? 1 : 0;
        int count = params.count();
        if (outZ != null) {
            double[] gz = g[0].buffer();
            for (int i = 0; i < n; i++) {
                outZ[i] = scale * gz[i];
            }
        }
        for (int k = 0; k < count; k++) {
            double[] gp = g[first + k].buffer();
            int off = thetaOff + params.offset(k);
            for (int i = 0; i < gp.length; i++) {
                outTheta[off + i] = scale * gp[i];
            }
        }
    }
}
