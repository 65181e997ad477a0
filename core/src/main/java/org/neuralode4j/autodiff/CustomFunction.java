package org.neuralode4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * An operation with a hand-written backward pass, recorded as a single {@link Node}.
 *
 * <p>The forward pass runs without recording (its intermediate operations leave nothing on the
 * tape); the backward pass receives the output gradient and returns one gradient per input. This is
 * how the adjoint sensitivity method is built (its forward is a solve without a tape, its backward
 * solves the adjoint ODE) and how fused kernels avoid one node per elementary operation. The backward
 * pass is recorded when the caller asked for a create-graph backward, so a backward written with
 * differentiable {@link Tensor} operations supports higher derivatives.
 *
 * <p>Subclasses keep per-call state in the {@link Context}, never in fields, so one instance may be
 * applied many times.
 */
public abstract class CustomFunction {

    /** Per-call state shared by a forward pass and its backward pass. */
    public static final class Context {
        private final List<Tensor> saved = new ArrayList<>();
        private final List<Object> objects = new ArrayList<>();
        private boolean[] needsInputGrad;
        private long extraBytes;

        /** Saves tensors for the backward pass (counted in the tape's memory accounting). */
        public void save(Tensor... tensors) {
            for (Tensor t : tensors) {
                saved.add(t);
                extraBytes += 8L * t.numel();
            }
        }

        /** The saved tensors in the order they were saved. */
        public List<Tensor> saved() {
            return saved;
        }

        /** Saves any object for the backward pass (not counted in memory accounting unless declared). */
        public void put(Object o) {
            objects.add(o);
        }

        /** The i-th object saved with {@link #put}. */
        @SuppressWarnings("unchecked")
        public <T> T get(int i) {
            return (T) objects.get(i);
        }

        /** Declares extra bytes held for the backward pass (e.g. checkpoints kept in plain arrays). */
        public void addBytes(long bytes) {
            extraBytes += bytes;
        }

        /** Whether input {@code i} requires a gradient; valid in backward. */
        public boolean needsInputGrad(int i) {
            return needsInputGrad != null && needsInputGrad[i];
        }
    }

    /** A name for error messages and graph inspection; the class's simple name by default. */
    protected String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? getClass().getName() : simple;
    }

    /**
     * Computes the output; runs without recording.
     *
     * @param inputs not modified
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * Gradients of the inputs given the gradient of the output.
     *
     * @return one entry per input, {@code null} where an input needs no gradient
     */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /**
     * Called once when the recorded node is released (after a backward pass that did not retain the
     * graph), so that a function that borrowed buffers for its backward pass can return them; never
     * called when the graph is simply dropped. Does nothing by default.
     */
    protected void release(Context ctx) {
    }

    /** Applies the function, recording one node when any input requires gradients. */
    public final Tensor apply(Tensor... inputs) {
        Context ctx = new Context();
        boolean record = Autodiff.shouldRecord(inputs);
        if (record) {
            ctx.needsInputGrad = new boolean[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                ctx.needsInputGrad[i] = inputs[i].requiresGrad();
            }
        }
        Tensor out = Autodiff.noGrad(() -> forward(ctx, inputs));
        if (!record) {
            return out;
        }
        Tensor result = out.detach();
        Autodiff.record(name(), result, new Backward() {
            @Override
            public Tensor[] apply(Tensor g) {
                return backward(ctx, g);
            }

            @Override
            public void release() {
                CustomFunction.this.release(ctx);
            }
        }, ctx.extraBytes, inputs);
        return result;
    }
}
