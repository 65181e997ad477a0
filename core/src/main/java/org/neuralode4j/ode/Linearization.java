package org.neuralode4j.ode;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.stiff.BlockDiagonalLu;
import org.neuralode4j.tensor.Tensor;

/**
 * The linear algebra of the stiff engines: the Jacobian J = ∂f/∂z (from a {@link JacobianProvider},
 * reverse-mode autodiff or forward differences, see {@link StiffOptions}), ∂f/∂t, and the LU
 * factorization of the iteration matrix W = I/(hγ) − J, block diagonal with B blocks of D×D when the
 * rows of a [B, D] state are independent (B = 1, D = n otherwise). For a
 * {@link QuadratureTailField} outside a taped solve W is block lower triangular and only its core
 * block is factored (B = 1, D = the core size m; {@link TailStructure} solves the tail). Owns its
 * work arrays; one instance per solve.
 */
final class Linearization {
    private static final double UROUND = Math.ulp(1.0);

    private final VectorField f;
    private final FieldEvaluator fe;
    private final JacobianProvider provider;
    /** The block structure of a quadrature-tail field, or null for a dense W. */
    private final TailStructure tail;
    private final boolean reverse;
    private final boolean autonomous;
    private final double direction;
    final int n;
    final int blocks;
    final int dim;
    /** The Jacobian (its core block for a quadrature-tail field): B contiguous D×D row-major blocks. */
    final double[] jac;
    private final double[] w;
    private final BlockDiagonalLu lu;
    private final double[] zPert;
    private final double[] fPert;
    private final double[] delta;
    private long jacobians;
    private long lus;
    private double factoredHg = Double.NaN;

    /**
     * @param taped the solve records gradients: a {@link QuadratureTailField} is then linearized
     *     densely like any field, since the taped steps differentiate through a dense W
     */
    Linearization(VectorField f, FieldEvaluator fe, StiffOptions o, double direction, boolean taped) {
        this.f = f;
        this.fe = fe;
        this.direction = direction == 0 ? 1 : direction;
        this.n = fe.size();
        this.tail = o.jacobian() == null && !taped && f instanceof QuadratureTailField q ? new TailStructure(q, n) : null;
        int[] shape = fe.shape();
        this.blocks = tail == null && o.independentRows() && shape.length >= 2 ? shape[0] : 1;
        this.dim = tail != null ? tail.coreSize() : n / blocks;
        this.provider = o.jacobian() != null ? o.jacobian()
                : tail == null && f instanceof JacobianProvider p ? p : null;
        boolean arrayField = f instanceof ArrayVectorField;
        if (provider == null && tail == null && o.jacobianMode() == StiffOptions.JacobianMode.REVERSE_MODE
                && arrayField) {
            throw new IllegalArgumentException("JacobianMode.REVERSE_MODE needs a vector field written with Tensor "
                    + "operations, but this field is an ArrayVectorField; use FINITE_DIFFERENCE or AUTO, or supply "
                    + "a JacobianProvider");
        }
        this.reverse = provider == null && tail == null && !arrayField
                && o.jacobianMode() != StiffOptions.JacobianMode.FINITE_DIFFERENCE;
        this.autonomous = o.autonomous();
        this.jac = new double[blocks * dim * dim];
        this.w = new double[jac.length];
        this.lu = new BlockDiagonalLu(blocks, dim);
        this.zPert = new double[n];
        this.fPert = new double[n];
        this.delta = new double[blocks];
    }

    long jacobians() {
        return jacobians;
    }

    long lus() {
        return lus;
    }

    boolean autonomous() {
        return autonomous;
    }

    /** @return whether the time derivative comes from the user's provider (not differentiable) */
    boolean providedTimeDerivative() {
        return provider != null;
    }

    /**
     * Evaluates J at (t, y) into {@link #jac}; invalidates the factorization.
     *
     * @param y not modified
     * @param f0 f(t, y), used by finite differences; not modified
     */
    void evaluate(double t, double[] y, double[] f0) {
        jacobians++;
        factoredHg = Double.NaN;
        if (provider != null) {
            provider.jacobian(t, y, jac);
        } else if (tail != null) {
            tail.linearize(t, y, jac);
        } else if (reverse) {
            reverseMode(f, fe, t, y, blocks, dim, jac);
        } else {
            Autodiff.noGrad(() -> finiteDifferences(t, y, f0));
        }
    }

    /**
     * The Jacobian by reverse mode: f on the tape once, then one vector–Jacobian product per row
     * (per block row with independent rows, every block seeded at once).
     *
     * @param out receives B blocks of D×D; modified
     */
    static void reverseMode(VectorField f, FieldEvaluator fe, double t, double[] y, int blocks, int dim,
                            double[] out) {
        Tensor z = Tensor.fromArray(y, fe.shape()).requiresGrad(true);
        Tensor value = Autodiff.enableGrad(() -> fe.evaluate(t, z));
        if (!value.requiresGrad()) {
            Arrays.fill(out, 0.0);
            return;
        }
        Tensor seed = Tensor.zeros(fe.shape());
        double[] s = seed.buffer();
        Tensor[] inputs = {z};
        int dd = dim * dim;
        for (int r = 0; r < dim; r++) {
            for (int b = 0; b < blocks; b++) {
                s[b * dim + r] = 1.0;
            }
            double[] g = Autodiff.grad(value, inputs, seed, r < dim - 1, false)[0].buffer();
            for (int b = 0; b < blocks; b++) {
                s[b * dim + r] = 0.0;
                System.arraycopy(g, b * dim, out, b * dd + r * dim, dim);
            }
        }
    }

    /** Forward differences, one evaluation per column (per block column with independent rows). */
    private void finiteDifferences(double t, double[] y, double[] f0) {
        int dd = dim * dim;
        for (int j = 0; j < dim; j++) {
            System.arraycopy(y, 0, zPert, 0, n);
            for (int b = 0; b < blocks; b++) {
                int idx = b * dim + j;
                double yj = y[idx];
                double d = Math.sqrt(UROUND * Math.max(1e-5, Math.abs(yj)));
                zPert[idx] = yj + d;
                delta[b] = zPert[idx] - yj;
            }
            fe.evaluate(t, zPert, fPert);
            for (int b = 0; b < blocks; b++) {
                double inv = 1.0 / delta[b];
                int off = b * dim;
                for (int i = 0; i < dim; i++) {
                    jac[b * dd + i * dim + j] = (fPert[off + i] - f0[off + i]) * inv;
                }
            }
        }
    }

    /** The increment of the forward difference in t at t (Hairer's rodas.f), signed like the integration. */
    double timeIncrement(double t) {
        double d = direction * Math.sqrt(UROUND * Math.max(1e-5, Math.abs(t)));
        return (t + d) - t;
    }

    /**
     * ∂f/∂t at (t, y) by the provider, the quadrature-tail field's linearization (at the point of
     * the last {@link #evaluate}, which must be (t, y)) or a forward difference.
     *
     * @param ft receives ∂f/∂t; modified
     */
    void timeDerivative(double t, double[] y, double[] f0, double[] ft) {
        if (provider != null && provider.timeDerivative(t, y, ft)) {
            return;
        }
        if (tail != null && tail.timeDerivative(f0, ft)) {
            return;
        }
        double dt = timeIncrement(t);
        Autodiff.noGrad(() -> fe.evaluate(t + dt, y, ft));
        double inv = 1.0 / dt;
        for (int i = 0; i < n; i++) {
            ft[i] = (ft[i] - f0[i]) * inv;
        }
    }

    /**
     * Factors W = I/(hγ) − J unless it is already factored for this hγ and Jacobian.
     *
     * @return false when W is singular or not finite
     */
    boolean factor(double hg) {
        if (hg == factoredHg) {
            return true;
        }
        double diag = 1.0 / hg;
        int dd = dim * dim;
        for (int i = 0; i < jac.length; i++) {
            w[i] = -jac[i];
        }
        for (int b = 0; b < blocks; b++) {
            for (int i = 0; i < dim; i++) {
                w[b * dd + i * dim + i] += diag;
            }
        }
        lus++;
        boolean ok = lu.factor(w);
        factoredHg = ok ? hg : Double.NaN;
        return ok;
    }

    /** @return the hγ of the current factorization (NaN when none is valid) */
    double factoredHg() {
        return factoredHg;
    }

    /** @return where the last factorization failed, for messages */
    String singularWhere() {
        int b = lu.firstSingularBlock();
        return blocks == 1 ? "" : " (batch row " + b + ")";
    }

    /** Solves W x = b in place (x of the full state's length). */
    void solve(double[] x) {
        if (tail != null) {
            tail.solve(x, lu, factoredHg);
        } else {
            lu.solveInPlace(x);
        }
    }

    /** Frees what the field's linearization holds; called when the solve ends. */
    void release() {
        if (tail != null) {
            tail.release();
        }
    }

    /** @return the order of the factored blocks: n, D with independent rows, the core size m with a tail */
    int factoredOrder() {
        return dim;
    }

    /**
     * @return a copy of the current iteration matrix W (for a taped step's backward pass; taped
     *     solves never use the tail structure, so W is the full B·D×D matrix)
     */
    double[] matrixCopy() {
        if (tail != null) {
            throw new IllegalStateException("a quadrature-tail field's W is only factored by its core block; "
                    + "taped solves use the dense W");
        }
        return w.clone();
    }
}
