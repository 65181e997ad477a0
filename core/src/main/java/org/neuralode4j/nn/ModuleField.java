package org.neuralode4j.nn;

import java.util.List;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.tensor.Tensor;

/**
 * A {@link Module} as the right-hand side of an ODE: dz/dt = module(t, z). Its parameters are the
 * module's, so the adjoint methods differentiate them. When the module is a plain multilayer
 * perceptron (a {@link Sequential} of linear layers and activations, or {@link SpiralOdeFunc}), the
 * field also offers the adjoint its vector–Jacobian products on raw arrays ({@link ArrayVjpField}).
 */
public final class ModuleField implements ArrayVjpField {
    private final Module module;
    private final FusedMlp fused;

    /** @param module computes dz/dt from z (and t, for modules that read it) */
    public ModuleField(Module module) {
        this.module = module;
        FusedMlp plan = module instanceof Sequential s ? s.fusedPlan()
                : module instanceof SpiralOdeFunc f ? f.fusedPlan() : null;
        // the flat gradient layout is the plan's parameter order, which must be parameters()'s
        this.fused = plan != null && sameTensors(plan.parameters(), module.parameters()) ? plan : null;
    }

    private static boolean sameTensors(List<Tensor> a, List<Tensor> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
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

    @Override
    public boolean hasArrayVjp() {
        return fused != null;
    }

    @Override
    public void evaluateVjp(double t, int n, double[] z, int zOff, double[] a, int aOff, double[] f, int fOff,
                            double[] gz, int gzOff, double[] gp, int gpOff, double scale) {
        if (fused == null) {
            throw new UnsupportedOperationException("evaluateVjp: " + module.getClass().getSimpleName()
                    + " is not a plain multilayer perceptron; differentiate it through apply");
        }
        int in = fused.inFeatures();
        if (n % in != 0 || fused.outFeatures() != in) {
            throw new IllegalArgumentException("evaluateVjp: a state of " + n + " elements does not fit a network from "
                    + in + " to " + fused.outFeatures() + " features");
        }
        fused.vjp(z, zOff, a, aOff, n / in, f, fOff, gz, gzOff, gp, gpOff, scale);
    }
}
