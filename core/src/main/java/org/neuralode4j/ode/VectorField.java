package org.neuralode4j.ode;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * The right-hand side of an ODE, dz/dt = f(t, z): any Java code over {@link Tensor}s (a network, a
 * circuit model with trainable L, C, R, or both added).
 *
 * <p>When the solution must be differentiated by backpropagation through the solver, f is written
 * with recorded tensor operations; the solver then records its own arithmetic too (see
 * {@link OdeSolver}). Without gradients the same code runs without any recording.
 *
 * <p>Contract: {@code apply} returns a tensor of z's shape and does not modify z. The solver owns
 * the z it passes; f must not keep a reference to it beyond the call.
 */
@FunctionalInterface
public interface VectorField {

    /**
     * Evaluates the vector field.
     *
     * @param t the time
     * @param z the state; not modified
     * @return dz/dt, of z's shape
     */
    Tensor apply(double t, Tensor z);

    /**
     * The leaf tensors (parameters) the field reads. The adjoint method differentiates with respect
     * to them; the solver also looks at them to decide whether it must record its arithmetic.
     *
     * @return the parameters; empty by default
     */
    default List<Tensor> parameters() {
        return List.of();
    }

    /**
     * {@code f} as a field that reads {@code parameters}, for a lambda, which cannot override
     * {@link #parameters()}: {@code VectorField.withParameters(List.of(k), (t, z) -> z.mul(k).neg())}.
     *
     * @param parameters the leaf tensors f reads (the list is copied)
     * @param f the right-hand side
     * @return a field evaluating f whose parameters are {@code parameters}
     */
    static VectorField withParameters(List<Tensor> parameters, VectorField f) {
        List<Tensor> read = List.copyOf(parameters);
        return new VectorField() {
            @Override
            public Tensor apply(double t, Tensor z) {
                return f.apply(t, z);
            }

            @Override
            public List<Tensor> parameters() {
                return read;
            }
        };
    }
}
