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
    private Tensor[] jtaParams = new Tensor[0];

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

    /**
     * Jᵀa, recorded with its own backward graph (computed once). The create-graph sweep also records
     * the parameters' part (∂f/∂θ)ᵀa; it is kept only so that {@link #release} reaches every node
     * that sweep recorded.
     */
    private Tensor jacobianTransposeTimesA() {
        if (jta == null) {
            if (fz.requiresGrad()) {
                Tensor[] g = Autodiff.grad(fz, inputs(true), a, true, true);
                jta = g[0];
                jtaParams = Arrays.copyOfRange(g, 1, g.length);
            } else {
                jta = Tensor.zeros(shape);
            }
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
     * The gradient of σ = (Jᵀa)·v_z + v_a·f with respect to z and θ, scaled: a sweep over the
     * recorded backward pass of Jᵀa seeded with v_z, plus a vector–Jacobian product of f seeded with
     * v_a. Seeding the two roots directly records nothing, so the graph stays as
     * built and {@link #release} frees all of it.
     *
     * @param vz v_z, length n, or null for none; not modified
     * @param va v_a, length n, or null for none; not modified
     * @param outZ receives scale·∂σ/∂z (length n), or null when not wanted; modified
     * @param outTheta receives scale·∂σ/∂θ in the {@link ParameterSet} layout at {@code thetaOff}; modified
     */
    void mixedGradient(double[] vz, double[] va, double[] outZ, double[] outTheta, int thetaOff, double scale) {
        Tensor[] inputs = inputs(outZ != null);
        boolean written = false;
        if (vz != null) {
            Tensor g = jacobianTransposeTimesA();
            if (g.requiresGrad()) {
                scatter(Autodiff.grad(g, inputs, Tensor.fromArray(vz, shape), true, false), outZ, outTheta, thetaOff,
                        scale, false);
                written = true;
            }
        }
        if (va != null && fz.requiresGrad()) {
            scatter(Autodiff.grad(fz, inputs, Tensor.fromArray(va, shape), true, false), outZ, outTheta, thetaOff,
                    scale, written);
            written = true;
        }
        if (!written) {
            if (outZ != null) {
                Arrays.fill(outZ, 0, n, 0.0);
            }
            Arrays.fill(outTheta, thetaOff, thetaOff + params.size(), 0.0);
        }
    }

    /**
     * Frees the retained graph (f's and Jᵀa's nodes, their saved buffers and their share of the
     * tape's memory accounting) by one last sweep that does not retain it. No method may be called
     * afterwards.
     */
    void release() {
        Tensor root = Autodiff.enableGrad(() -> {
            Tensor r = fz.requiresGrad() ? fz.sum() : null;
            if (jta != null && jta.requiresGrad()) {
                r = r == null ? jta.sum() : r.add(jta.sum());
            }
            for (Tensor p : jtaParams) {
                if (p.requiresGrad()) {
                    r = r == null ? p.sum() : r.add(p.sum());
                }
            }
            return r;
        });
        if (root != null) {
            Autodiff.grad(root, new Tensor[] {z}, null, false, false);
        }
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

    /** Writes (or adds) scale·g into outZ and the parameter layout. */
    private void scatter(Tensor[] g, double[] outZ, double[] outTheta, int thetaOff, double scale, boolean add) {
        int first = outZ != null ? 1 : 0;
        if (outZ != null) {
            double[] gz = g[0].buffer();
            for (int i = 0; i < n; i++) {
                outZ[i] = (add ? outZ[i] : 0.0) + scale * gz[i];
            }
        }
        for (int k = 0; k < params.count(); k++) {
            double[] gp = g[first + k].buffer();
            int off = thetaOff + params.offset(k);
            for (int i = 0; i < gp.length; i++) {
                outTheta[off + i] = (add ? outTheta[off + i] : 0.0) + scale * gp[i];
            }
        }
    }
}
