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

    /**
     * The hidden layer's tanh outputs (rows × hidden, padded to whole vectors) and, for the spiral's
     * cubed input, the cube, for the narrow two-layer tanh networks of
     * {@link org.neuralode4j.tensor.NarrowMlp}; 0 for other perceptrons, −1 when the module is not a plain perceptron or the state's last dimension is not
     * its feature count.
     */
    @Override
    public int savedSize(int[] shape) {
        if (fused == null || shape.length == 0 || shape[shape.length - 1] != fused.inFeatures()
                || fused.outFeatures() != fused.inFeatures()) {
            return -1;
        }
        int rows = 1;
        for (int i = 0; i < shape.length - 1; i++) {
            rows *= shape[i];
        }
        return fused.savedSize(rows);
    }

    @Override
    public void evaluateSaving(double t, int n, double[] z, int zOff, double[] f, int fOff, double[] saved, int savedOff) {
        fused.forwardSaving(z, zOff, n / fused.inFeatures(), f, fOff, saved, savedOff);
    }

    /**
     * For the narrow tanh networks, VJPs from the saved activations with the parameters' gradients
     * summed in the kernels' layout; for other perceptrons, the default (the forward pass repeated).
     */
    @Override
    public VjpSum vjpSum() {
        if (fused == null || fused.savedSize(1) == 0) {
            return ArrayVjpField.super.vjpSum();
        }
        FusedMlp.SavedVjpSum sum = fused.vjpSum();
        int in = fused.inFeatures();
        return new VjpSum() {
            @Override
            public void vjp(double t, int n, double[] z, int zOff, double[] saved, int savedOff, double[] a, int aOff,
                            double[] gz, int gzOff) {
                sum.vjp(z, zOff, n / in, saved, savedOff, a, aOff, gz, gzOff);
            }

            @Override
            public void addTo(double[] gp, int gpOff) {
                sum.addTo(gp, gpOff);
            }
        };
    }
}
