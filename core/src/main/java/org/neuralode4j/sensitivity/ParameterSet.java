package org.neuralode4j.sensitivity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.neuralode4j.tensor.Tensor;

/**
 * The distinct parameters of a vector field that require gradients, laid out one after another in
 * the adjoint's a_θ channels: each parameter appears once however often f reads it.
 */
final class ParameterSet {
    private final Tensor[] tensors;
    private final int[] offsets;
    private final int size;

    ParameterSet(List<Tensor> parameters) {
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Tensor> kept = new ArrayList<>();
        for (Tensor p : parameters) {
            if (p.requiresGrad() && seen.add(p)) {
                kept.add(p);
            }
        }
        tensors = kept.toArray(new Tensor[0]);
        offsets = new int[tensors.length];
        int off = 0;
        for (int i = 0; i < tensors.length; i++) {
            offsets[i] = off;
            off += tensors[i].numel();
        }
        size = off;
    }

    /** The parameters, in layout order. */
    Tensor[] tensors() {
        return tensors;
    }

    /** The inputs of a gradient node: {@code z0} followed by these parameters, in order. */
    Tensor[] inputsAfter(Tensor z0) {
        Tensor[] inputs = new Tensor[1 + tensors.length];
        inputs[0] = z0;
        System.arraycopy(tensors, 0, inputs, 1, tensors.length);
        return inputs;
    }

    /** Number of parameters (tensors). */
    int count() {
        return tensors.length;
    }

    /** Total number of scalar parameters P. */
    int size() {
        return size;
    }

    /** Start of parameter i in the flat layout. */
    int offset(int i) {
        return offsets[i];
    }

    /**
     * Whether the layout is exactly {@code fieldParameters}: every parameter requires gradients and
     * appears once, in this order, so that a field's flat parameter layout
     * ({@link org.neuralode4j.ode.ArrayVjpField#evaluateVjp}) is this one.
     */
    boolean isExactly(List<Tensor> fieldParameters) {
        if (fieldParameters.size() != tensors.length) {
            return false;
        }
        for (int i = 0; i < tensors.length; i++) {
            if (fieldParameters.get(i) != tensors[i]) {
                return false;
            }
        }
        return true;
    }

    /** Cuts a flat vector (starting at {@code from}) into tensors of the parameters' shapes. */
    Tensor[] unflatten(double[] flat, int from) {
        Tensor[] out = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            double[] part = java.util.Arrays.copyOfRange(flat, from + offsets[i], from + offsets[i] + tensors[i].numel());
            out[i] = Tensor.fromArray(part, tensors[i].shape());
        }
        return out;
    }
}
