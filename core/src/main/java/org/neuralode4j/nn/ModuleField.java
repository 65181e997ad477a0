package org.neuralode4j.nn;

import java.util.List;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A {@link Module} as the right-hand side of an ODE: dz/dt = module(t, z). Its parameters are the
 * module's, so the adjoint methods differentiate them.
 */
public final class ModuleField implements VectorField {
    private final Module module;

    /** @param module computes dz/dt from z (and t, for modules that read it) */
    public ModuleField(Module module) {
        this.module = module;
    }

    /** The wrapped module. */
    public Module module() {
        return module;
    }

    @Override
    public Tensor apply(double t, Tensor z) {
        return module.forward(t, z);
    }

    @Override
    public List<Tensor> parameters() {
        return module.parameters();
    }
}
