package org.neuralode4j.sensitivity;

import java.util.List;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/** The bouncing-ball tests' field: state (h, v), h' = v, v' = −g, with g a trainable tensor of shape [1]. */
final class FallingBody {
    private FallingBody() {
    }

    /** The field, listing {@code gravity} as its only parameter. */
    static VectorField field(Tensor gravity) {
        return VectorField.withParameters(List.of(gravity), (t, z) -> Tensor.cat(0, z.slice(0, 1, 2), gravity.neg()));
    }
}
