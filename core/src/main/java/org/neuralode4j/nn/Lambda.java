package org.neuralode4j.nn;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.neuralode4j.tensor.Tensor;

/**
 * A fixed, parameter-free transform written as a function of tensors, e.g. the cube of torchdiffeq's
 * spiral model: {@code new Lambda("cube", y -> y.pow(3))}. Gradients flow through whatever tensor
 * operations the function uses.
 */
public final class Lambda extends Module {
    private final String name;
    private final UnaryOperator<Tensor> fn;

    /**
     * @param name shown by {@link #toString()}
     * @param fn the transform; must not modify its argument
     */
    public Lambda(String name, UnaryOperator<Tensor> fn) {
        this.name = Objects.requireNonNull(name, "name");
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    public Tensor forward(Tensor x) {
        return fn.apply(x);
    }

    @Override
    protected String extraRepr() {
        return name;
    }
}
