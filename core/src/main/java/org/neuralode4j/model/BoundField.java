package org.neuralode4j.model;

import java.util.List;
import org.neuralode4j.nn.Module;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A {@link Module} vector field with the inputs of one solve bound: f(t, z) = module(t, z, u(t)).
 * Lists the module's parameters, as the adjoint gradients require.
 */
final class BoundField implements VectorField {
    private final Module module;
    private final InputSource inputs;
    private final List<Tensor> parameters;

    /** @param inputs the bound inputs, or {@code null} when the module reads none */
    BoundField(Module module, InputSource inputs) {
        this.module = module;
        this.inputs = inputs;
        this.parameters = List.copyOf(module.parameters());
    }

    @Override
    public Tensor apply(double t, Tensor z) {
        Tensor time = Tensor.scalar(t);
        if (module instanceof DrivenField d) {
            return d.forward(time, z, inputs == null ? null : inputs.at(t, z.shape()));
        }
        return module.forward(time, z);
    }

    @Override
    public List<Tensor> parameters() {
        return parameters;
    }
}
