package org.neuralode4j.testing;

import java.util.List;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * A field seen only through {@link VectorField#apply} and {@link VectorField#parameters}: whatever
 * faster interfaces the wrapped field implements (array VJPs, declared Jacobian structure) are
 * hidden, so a solve takes the generic, taped path. Tests compare the fast paths against it.
 *
 * @param f the wrapped field
 */
public record PlainField(VectorField f) implements VectorField {
    @Override
    public Tensor apply(double t, Tensor z) {
        return f.apply(t, z);
    }

    @Override
    public List<Tensor> parameters() {
        return f.parameters();
    }
}
