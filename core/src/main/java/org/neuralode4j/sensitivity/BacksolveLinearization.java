package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.ode.QuadratureTailField;
import org.neuralode4j.ode.VectorField;

/**
 * The exact linearization of the backsolve adjoint system (Chen et al. 2018, Alg. 1) at a point
 * [z, a, a_θ]: dz/dt = f, da/dt = −Jᵀa, da_θ/dt = −(∂f/∂θ)ᵀa, with J = ∂f/∂z. The core is [z, a]
 * and a_θ is a quadrature tail, so
 * <pre>
 *   J_c = [[J, 0], [−∂(Jᵀa)/∂z, −Jᵀ]],   J_tc·[v_z, v_a] = −∂/∂θ[(Jᵀa)·v_z + v_a·f],
 * </pre>
 * the second using that mixed partials commute (∂/∂z of (∂f/∂θ)ᵀa in direction v_z is
 * ∂/∂θ of (Jᵀa)·v_z): per product, one sweep over the recorded backward pass of Jᵀa seeded with
 * v_z and one vector–Jacobian product of f seeded with v_a (seeding both roots directly records
 * nothing, so the graph can be released whole). The Jacobian costs one create-graph sweep, n
 * first-order and n second-order sweeps, whatever the number of parameters. ∂/∂t is left to the
 * solver's difference in t (zero for an autonomous f).
 */
final class BacksolveLinearization implements QuadratureTailField.Linearized {
    private final AdjointGraph graph;
    private final double[] vz;
    private final double[] va;

    private BacksolveLinearization(AdjointGraph graph, int n) {
        this.graph = graph;
        this.vz = new double[n];
        this.va = new double[n];
    }

    /**
     * Linearizes at y = [z, a, a_θ].
     *
     * @param shape the shape of z (n elements)
     * @param coreJacobian receives J_c, 2n×2n row-major; modified
     */
    static BacksolveLinearization at(VectorField f, int[] shape, ParameterSet params, double t, double[] y,
                                     double[] coreJacobian) {
        int n = (y.length - params.size()) / 2;
        double[] z = Arrays.copyOfRange(y, 0, n);
        double[] a = Arrays.copyOfRange(y, n, 2 * n);
        AdjointGraph graph = new AdjointGraph(f, shape, params, t, z, a);
        double[] block = new double[n * n];
        int m = 2 * n;
        Arrays.fill(coreJacobian, 0, m * m, 0.0);
        graph.jacobian(block);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double jij = block[i * n + j];
                coreJacobian[i * m + j] = jij;             // ∂z'/∂z = J
                coreJacobian[(n + j) * m + n + i] = -jij;  // ∂a'/∂a = −Jᵀ
            }
        }
        graph.hessian(block);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                coreJacobian[(n + i) * m + j] = -block[i * n + j]; // ∂a'/∂z = −∂(Jᵀa)/∂z
            }
        }
        return new BacksolveLinearization(graph, n);
    }

    @Override
    public void tailProduct(double[] v, double[] out) {
        int n = vz.length;
        System.arraycopy(v, 0, vz, 0, n);
        System.arraycopy(v, n, va, 0, n);
        graph.mixedGradient(vz, va, null, out, 0, -1.0);
    }

    @Override
    public void release() {
        graph.release();
    }
}
