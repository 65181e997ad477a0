package org.neuralode4j.model;

import org.neuralode4j.nn.Module;
import org.neuralode4j.tensor.Tensor;

/**
 * A vector field that may read exogenous inputs: dz/dt = f(t, z, u(t)), as a {@link Module} (named
 * parameters, state dicts). {@link NeuralOde} evaluates the inputs' {@link InputSignal}s at t and
 * passes them as u; fields without inputs ({@link #inputDim()} 0) receive {@code null}.
 *
 * <p>Shapes: z is [..., D] (usually [B, D]), u is [..., U] with the same leading dimensions, t is a
 * single-element tensor; the result has z's shape.
 */
public abstract class DrivenField extends Module {

    /** Creates a field without parameters. */
    protected DrivenField() {
    }

    /** Number of input channels U the field reads (0: none). */
    public abstract int inputDim();

    /**
     * Evaluates dz/dt.
     *
     * @param t the time, a single-element tensor; not modified
     * @param z the state [..., D]; not modified
     * @param u the inputs [..., U] at t, or {@code null} when {@link #inputDim()} is 0; not modified
     * @return dz/dt of z's shape
     */
    public abstract Tensor forward(Tensor t, Tensor z, Tensor u);

    /**
     * The field without inputs.
     *
     * @throws IllegalStateException when the field reads inputs
     */
    @Override
    public Tensor forward(Tensor t, Tensor z) {
        if (inputDim() > 0) {
            throw new IllegalStateException(getClass().getSimpleName() + " reads " + inputDim() + " input channel"
                    + (inputDim() == 1 ? "" : "s") + ": call forward(t, z, u), or pass InputSignals to NeuralOde.forward");
        }
        return forward(t, z, null);
    }

    /** @throws IllegalStateException always: a vector field needs the time; call forward(t, z) */
    @Override
    public Tensor forward(Tensor z) {
        throw new IllegalStateException(getClass().getSimpleName() + " is a vector field: call forward(t, z) or "
                + "forward(t, z, u), not forward(z)");
    }

    /** Checks that u is present exactly when the field reads inputs and has the right width. */
    protected final void checkInputs(Tensor z, Tensor u) {
        int dim = inputDim();
        if (dim == 0) {
            if (u != null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " reads no inputs but was given u of "
                        + "shape " + java.util.Arrays.toString(u.shape()));
            }
            return;
        }
        if (u == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " reads " + dim + " input channels but "
                    + "was given none; pass InputSignals");
        }
        if (u.rank() != z.rank() || u.size(-1) != dim) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": inputs of shape "
                    + java.util.Arrays.toString(u.shape()) + " do not fit a state of shape "
                    + java.util.Arrays.toString(z.shape()) + " and " + dim + " input channels");
        }
    }
}
