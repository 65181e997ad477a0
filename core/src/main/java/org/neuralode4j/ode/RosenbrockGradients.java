package org.neuralode4j.ode;

import java.util.ArrayList;
import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.ode.stiff.BlockDiagonalLu;
import org.neuralode4j.tensor.Tensor;

/**
 * The recorded operations that make a taped stiff step differentiable (direct backpropagation):
 * the stage solve x = W⁻¹ r with W = I/(hγ) − J, the Jacobian J(z, θ) itself, and the implicit
 * ESDIRK stage. Their backward passes run on plain arrays and are not differentiable again (no
 * create-graph gradients through a stiff solve).
 */
final class RosenbrockGradients {
    private RosenbrockGradients() {
    }

    /** A taped step's iteration matrix W, factored lazily for the backward pass. */
    static final class StepMatrix {
        private final double[] w;
        private final int blocks;
        private final int dim;
        private BlockDiagonalLu lu;

        StepMatrix(Linearization lin) {
            this.w = lin.matrixCopy();
            this.blocks = lin.blocks;
            this.dim = lin.dim;
        }

        StepMatrix(double[] w, int blocks, int dim) {
            this.w = w;
            this.blocks = blocks;
            this.dim = dim;
        }

        /** Solves Wᵀ x = b in place. */
        void solveTranspose(double[] x) {
            if (lu == null) {
                lu = new BlockDiagonalLu(blocks, dim);
                lu.factor(w);
            }
            lu.solveTranspose(x, x);
        }
    }

    /**
     * x = W⁻¹ r with the step's current factorization, recorded with inputs (r, J). Backward:
     * r̄ = W⁻ᵀ x̄ and, since dW = −dJ, J̄ = r̄ xᵀ (block by block).
     */
    static Tensor solve(StepMatrix m, Tensor rhs, Tensor jac, Linearization lin) {
        Tensor out = Tensor.zeros(rhs.shape());
        double[] x = out.buffer();
        System.arraycopy(rhs.buffer(), 0, x, 0, x.length);
        lin.solve(x);
        if (!(rhs.requiresGrad() || jac.requiresGrad()) || !Tape.current().isRecording()) {
            return out;
        }
        int blocks = m.blocks;
        int dim = m.dim;
        return Autodiff.record("stiff_stage_solve", out, g -> {
            double[] rb = g.buffer().clone();
            m.solveTranspose(rb);
            Tensor jb = null;
            if (jac.requiresGrad()) {
                jb = Tensor.zeros(jac.shape());
                double[] j = jb.buffer();
                int dd = dim * dim;
                for (int b = 0; b < blocks; b++) {
                    for (int i = 0; i < dim; i++) {
                        double ri = rb[b * dim + i];
                        int row = b * dd + i * dim;
                        for (int k = 0; k < dim; k++) {
                            j[row + k] = ri * x[b * dim + k];
                        }
                    }
                }
            }
            return new Tensor[] {Tensor.fromArray(rb, rhs.shape()), jb};
        }, rhs, jac);
    }

    /**
     * The step's Jacobian (the values in {@code lin.jac}) as a tensor [B·D·D] recorded with inputs
     * z and the parameters of f that require gradients. Backward: with fresh leaves, the rows
     * ∇_z f_r(t, z) are recomputed by autodiff with a recorded graph, and the gradients of
     * Σ_r ⟨J̄_r, ∇_z f_r⟩ with respect to z and the parameters are the second-derivative terms
     * ∂J/∂z and ∂J/∂θ contracted with J̄.
     */
    static Tensor jacobian(Linearization lin, FieldEvaluator fe, double t, Tensor z) {
        Tensor value = Tensor.fromArray(lin.jac, lin.jac.length);
        VectorField f = fe.field();
        List<Tensor> ins = new ArrayList<>();
        ins.add(z);
        for (Tensor p : f.parameters()) {
            if (p.requiresGrad()) {
                ins.add(p);
            }
        }
        Tensor[] inputs = ins.toArray(new Tensor[0]);
        if (!Autodiff.shouldRecord(inputs)) {
            return value;
        }
        int blocks = lin.blocks;
        int dim = lin.dim;
        int[] shape = fe.shape();
        double[] zv = z.buffer().clone();
        return Autodiff.record("stiff_jacobian", value, g -> {
            double[] jb = g.buffer();
            Tensor leaf = Tensor.fromArray(zv, shape).requiresGrad(true);
            Tensor[] targets = inputs.clone();
            targets[0] = leaf;
            return Autodiff.enableGrad(() -> {
                Tensor out = f.apply(t, leaf);
                if (!out.requiresGrad()) {
                    return new Tensor[inputs.length];
                }
                Tensor total = null;
                int dd = dim * dim;
                for (int r = 0; r < dim; r++) {
                    Tensor seed = Tensor.zeros(shape);
                    Tensor weight = Tensor.zeros(shape);
                    double[] sd = seed.buffer();
                    double[] wt = weight.buffer();
                    for (int b = 0; b < blocks; b++) {
                        sd[b * dim + r] = 1.0;
                        System.arraycopy(jb, b * dd + r * dim, wt, b * dim, dim);
                    }
                    Tensor row = Autodiff.grad(out, new Tensor[] {leaf}, seed, true, true)[0];
                    if (!row.requiresGrad()) {
                        continue;
                    }
                    Tensor term = row.mul(weight).sum();
                    total = total == null ? term : total.add(term);
                }
                if (total == null) {
                    return new Tensor[inputs.length];
                }
                return Autodiff.grad(total, targets);
            });
        }, inputs);
    }

    /**
     * An implicit ESDIRK stage Y = base + P(θ) with P = hγ f(t, Y*) evaluated at the converged
     * Newton value Y* (which is the output's value), recorded with inputs (base, P). By the implicit
     * function theorem dY = M⁻¹ (d base + dP|_Y) with M = I − hγ J(t, Y*), so the backward pass
     * hands λ = M⁻ᵀ Ȳ to both inputs; J(t, Y*) is computed there by reverse mode.
     */
    static Tensor implicitStage(Tensor base, Tensor p, double[] yStar, double t, double hg, Linearization lin,
                                FieldEvaluator fe) {
        Tensor out = Tensor.fromArray(yStar, base.shape());
        if (!(base.requiresGrad() || p.requiresGrad()) || !Tape.current().isRecording()) {
            return out;
        }
        double[] ys = out.buffer();
        int blocks = lin.blocks;
        int dim = lin.dim;
        return Autodiff.record("esdirk_implicit_stage", out, g -> {
            double[] w = new double[blocks * dim * dim];
            Linearization.reverseMode(fe.field(), fe, t, ys, blocks, dim, w);
            int dd = dim * dim;
            double diag = 1.0 / hg;
            for (int i = 0; i < w.length; i++) {
                w[i] = -w[i];
            }
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < dim; i++) {
                    w[b * dd + i * dim + i] += diag;
                }
            }
            double[] lambda = g.buffer().clone();
            new StepMatrix(w, blocks, dim).solveTranspose(lambda);
            for (int i = 0; i < lambda.length; i++) {
                lambda[i] *= diag;
            }
            Tensor l = Tensor.fromArray(lambda, base.shape());
            return new Tensor[] {base.requiresGrad() ? l : null, p.requiresGrad() ? l : null};
        }, base, p);
    }
}
