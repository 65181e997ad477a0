package org.neuralode4j.model;

import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * The state augmentation of Finlay et al. (2020): the state [..., n + 2] holds z and two
 * accumulators, and d/dt [z, r_K, r_J] = [f(t, z), ‖f‖², ‖εᵀ ∂f/∂z‖²] with the norms over the last
 * dimension (one accumulator pair per batch row) and a fixed probe ε of z's shape. Lists f's
 * parameters, so the adjoint gradients differentiate the regularizers too.
 *
 * <p>The Jacobian term needs a vector–Jacobian product inside f that is itself differentiable
 * (create-graph). Taking it with respect to the solver's z directly would walk the whole recorded
 * solve on every evaluation, so z is cut into a local leaf: {@link JacobianTerm} evaluates f and the
 * VJP on that leaf and its backward pass differentiates the local graph, joining the gradients
 * back to z and the parameters. The batch rows must not interact in f (true of every layer here),
 * otherwise εᵀ∂f/∂z mixes rows.
 */
final class RegularizedField implements VectorField {
    private final VectorField f;
    private final int n;
    private final boolean kinetic;
    private final Tensor probe;

    /**
     * @param n width of z (the last dimension of the state without the two accumulators)
     * @param probe ε of z's shape, or {@code null} for no Jacobian term
     */
    RegularizedField(VectorField f, int n, boolean kinetic, Tensor probe) {
        this.f = f;
        this.n = n;
        this.kinetic = kinetic;
        this.probe = probe;
    }

    @Override
    public Tensor apply(double t, Tensor s) {
        Tensor z = s.slice(-1, 0, n);
        if (probe != null) {
            List<Tensor> params = f.parameters();
            Tensor[] inputs = new Tensor[1 + params.size()];
            inputs[0] = z;
            for (int i = 0; i < params.size(); i++) {
                inputs[i + 1] = params.get(i);
            }
            if (Autodiff.shouldRecord(inputs)) {
                return new JacobianTerm(t).apply(inputs);
            }
            return Autodiff.noGrad(() -> local(t, z.detach().requiresGrad(true), false));
        }
        Tensor dz = f.apply(t, z);
        Tensor kin = kinetic ? dz.square().sum(-1, true) : Tensor.zerosLike(dz.slice(-1, 0, 1));
        return Tensor.cat(-1, dz, kin, Tensor.zerosLike(kin));
    }

    /**
     * [f, ‖f‖², ‖εᵀ∂f/∂z‖²] at a leaf z, recorded when {@code createGraph}.
     *
     * @param createGraph keep a differentiable graph (otherwise the VJP's graph is released)
     */
    private Tensor local(double t, Tensor zLeaf, boolean createGraph) {
        return Autodiff.enableGrad(() -> {
            Tensor dz = f.apply(t, zLeaf);
            Tensor vjp = dz.requiresGrad()
                    ? Autodiff.grad(dz, new Tensor[] {zLeaf}, probe, createGraph, createGraph)[0]
                    : Tensor.zerosLike(zLeaf);
            if (!createGraph) {
                dz = dz.detach();
            }
            Tensor kin = kinetic ? dz.square().sum(-1, true) : Tensor.zerosLike(dz.slice(-1, 0, 1));
            return Tensor.cat(-1, dz, kin, vjp.square().sum(-1, true));
        });
    }

    @Override
    public List<Tensor> parameters() {
        return f.parameters();
    }

    /**
     * One evaluation of the regularized field with the Jacobian term, as a node with inputs
     * (z, parameters…): its backward pass differentiates the local create-graph computation.
     */
    private final class JacobianTerm extends CustomFunction {
        private final double t;

        JacobianTerm(double t) {
            this.t = t;
        }

        @Override
        protected String name() {
            return "jacobianRegularizedField";
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            Tensor zLeaf = inputs[0].detach().requiresGrad(true);
            Tensor out = local(t, zLeaf, true);
            ctx.put(zLeaf);
            ctx.put(out);
            return out;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gradOutput) {
            Tensor zLeaf = ctx.get(0);
            Tensor out = ctx.get(1);
            List<Tensor> params = f.parameters();
            Tensor[] wrt = new Tensor[1 + params.size()];
            int[] slot = new int[wrt.length];
            int k = 0;
            wrt[k] = zLeaf;
            slot[k++] = 0;
            for (int i = 0; i < params.size(); i++) {
                if (ctx.needsInputGrad(i + 1)) {
                    wrt[k] = params.get(i);
                    slot[k++] = i + 1;
                }
            }
            boolean create = Tape.current().isRecording();
            Tensor[] g = out.requiresGrad()
                    ? Autodiff.grad(out, java.util.Arrays.copyOf(wrt, k), gradOutput, create, create)
                    : null;
            Tensor[] result = new Tensor[wrt.length];
            for (int j = 0; j < k; j++) {
                result[slot[j]] = g == null ? Tensor.zerosLike(wrt[j]) : g[j];
            }
            if (!ctx.needsInputGrad(0)) {
                result[0] = null;
            }
            return result;
        }
    }
}
