package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.List;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A stiff problem with a small neural term 0.01·MLP(z) (2-H-2, tanh, seed 5) for the stiff adjoint
 * tests and {@link StiffAdjointCost}: the field, its trainable tensors, z0 (two rows, requiring
 * gradients) and the output times. Each factory builds fresh tensors, so every call starts with
 * zero gradients. Uses the public API only.
 *
 * @param field the vector field
 * @param trained the field's trainable tensors: the MLP's parameters, then the problem's own
 * @param z0 the initial states, one per row
 * @param times the output times
 */
record StiffNeuralProblem(VectorField field, List<Tensor> trained, Tensor z0, double[] times) {

    /**
     * dz/dt = A z + 0.01·MLP(z), A (trainable) with eigenvalues −1 and −1000, two rows started off
     * the slow manifold so that the fast mode has a transient; outputs at 0, 0.1, 0.3, 0.5.
     *
     * @param hidden the MLP's hidden width
     */
    static StiffNeuralProblem linearPlusMlp(int hidden) {
        Sequential mlp = Mlp.builder(2, 2).hidden(hidden).activation("tanh").seed(5).build();
        Tensor a = Tensor.of(new double[][] {{-1.0, 0.0}, {499.5, -1000.0}}).requiresGrad(true);
        List<Tensor> params = new ArrayList<>(mlp.parameters());
        params.add(a);
        VectorField f = VectorField.withParameters(params,
                (t, z) -> z.matmul(a.mT()).add(mlp.forward(t, z).mul(0.01)));
        Tensor z0 = Tensor.of(new double[][] {{1.0, 0.0}, {-0.6, 0.4}}).requiresGrad(true);
        return new StiffNeuralProblem(f, params, z0, new double[] {0, 0.1, 0.3, 0.5});
    }

    /**
     * Van der Pol with μ = 30 (trainable) plus 0.01·MLP(z), two rows started near the slow branch
     * (|x| ≈ 2), outputs every 0.05 over [0, 0.3].
     *
     * @param hidden the MLP's hidden width
     */
    static StiffNeuralProblem vanDerPolPlusMlp(int hidden) {
        Tensor mu = Tensor.of(30.0).requiresGrad(true);
        Sequential mlp = Mlp.builder(2, 2).hidden(hidden).activation("tanh").seed(5).build();
        List<Tensor> params = new ArrayList<>(mlp.parameters());
        params.add(mu);
        VectorField f = VectorField.withParameters(params, (t, y) -> {
            Tensor x = y.select(-1, 0);
            Tensor v = y.select(-1, 1);
            Tensor dv = mu.mul(x.square().neg().add(1)).mul(v).sub(x);
            return Tensor.stack(-1, v, dv).add(mlp.forward(t, y).mul(0.01));
        });
        // v = x / (μ(1 − x²)) puts each row near the slow branch
        Tensor z0 = Tensor.of(new double[][] {{2.0, -0.022}, {-1.9, 0.024}}).requiresGrad(true);
        return new StiffNeuralProblem(f, params, z0, new double[] {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3});
    }
}
