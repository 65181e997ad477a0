package org.neuralode4j.ode;

import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Calls the vector field, counts the calls and checks what comes back. Two paths: tensors (recorded
 * when the solve records gradients) and flat arrays (no tape; an {@link ArrayVectorField} is then
 * called directly on the solver's work arrays).
 */
final class FieldEvaluator {
    private final VectorField f;
    private final ArrayVectorField arrayField;
    private final int[] shape;
    private final int n;
    private long count;

    FieldEvaluator(VectorField f, int[] shape) {
        this.f = f;
        this.arrayField = f instanceof ArrayVectorField a ? a : null;
        this.shape = shape.clone();
        this.n = Shape.numel(shape);
    }

    /** @return the vector field */
    VectorField field() {
        return f;
    }

    long count() {
        return count;
    }

    int[] shape() {
        return shape;
    }

    int size() {
        return n;
    }

    /** f(t, z) on arrays, without recording. */
    void evaluate(double t, double[] z, double[] out) {
        count++;
        if (arrayField != null) {
            arrayField.evaluate(t, z, out);
            return;
        }
        Tensor r = f.apply(t, Tensor.fromArray(z, shape));
        check(r, t);
        System.arraycopy(r.buffer(), 0, out, 0, n);
    }

    /**
     * f(t, z) on arrays through {@link ArrayVjpField#evaluateSaving} (the field is this evaluator's),
     * keeping what its VJP needs at {@code savedOff} of {@code saved}; counted like any evaluation.
     */
    void evaluateSaving(ArrayVjpField field, double t, double[] z, double[] out, double[] saved, int savedOff) {
        count++;
        field.evaluateSaving(t, n, z, 0, out, 0, saved, savedOff);
    }

    /** f(t, z) on tensors (recorded when z or a parameter requires gradients). */
    Tensor evaluate(double t, Tensor z) {
        count++;
        Tensor r = f.apply(t, z);
        check(r, t);
        return r;
    }

    private void check(Tensor r, double t) {
        if (r == null) {
            throw new IllegalStateException("the vector field returned null at t = " + t
                    + "; it must return dz/dt as a tensor of shape " + Shape.format(shape));
        }
        boolean same = r.rank() == shape.length && r.numel() == n;
        for (int d = 0; same && d < shape.length; d++) {
            same = r.size(d) == shape[d];
        }
        if (!same) {
            throw new IllegalArgumentException("the vector field returned shape " + Shape.format(r.shape())
                    + " for a state of shape " + Shape.format(shape) + " at t = " + t
                    + "; dz/dt must have the state's shape");
        }
    }
}
