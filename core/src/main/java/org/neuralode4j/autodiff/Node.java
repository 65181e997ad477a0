package org.neuralode4j.autodiff;

import java.util.concurrent.atomic.AtomicLong;
import org.neuralode4j.tensor.Tensor;

/**
 * One recorded operation in the autodiff graph: its inputs, its backward rule and the bytes it
 * keeps alive. A tensor produced by a recorded operation points to its node ({@link Tensor#gradFn()}).
 *
 * <p>Nodes are numbered in creation order; since an operation's inputs always exist before it, the
 * numbering is a topological order, which is how {@link Autodiff#backward} schedules the pass. A
 * node is released after a backward pass unless the graph is retained; a released node refuses a
 * second backward with a clear message.
 */
public final class Node {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final long sequence;
    private final String op;
    private final long bytes;
    private final Tape tape;
    private Tensor[] inputs;
    private Backward backward;

    // The gradient waiting for this node during a backward pass (the engine's per-node slot, valid
    // only while the pass that wrote it is running; see Autodiff.propagate).
    long pendingPass;
    Tensor pending;
    /** The pending tensor was allocated by the engine, so it may be accumulated into in place. */
    boolean pendingOwned;

    Node(String op, Backward backward, Tensor[] inputs, long bytes, Tape tape) {
        this.sequence = SEQUENCE.incrementAndGet();
        this.op = op;
        this.backward = backward;
        this.inputs = inputs;
        this.bytes = bytes;
        this.tape = tape;
    }

    /** Creation order; larger numbers were recorded later. */
    public long sequence() {
        return sequence;
    }

    /** Name of the operation, e.g. {@code "matmul"}. */
    public String op() {
        return op;
    }

    /** Bytes of tensor data this node keeps alive (its inputs and output). */
    public long bytes() {
        return bytes;
    }

    /** True once a backward pass has released this node's saved tensors. */
    public boolean isReleased() {
        return backward == null;
    }

    Tensor[] inputs() {
        return inputs;
    }

    Backward backwardRule() {
        return backward;
    }

    Tensor[] runBackward(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward through '" + op + "' a second time: its graph was released "
                    + "by an earlier backward pass; pass retainGraph = true to the first backward to keep it");
        }
        Tensor[] grads = backward.apply(gradOutput);
        if (grads.length != inputs.length) {
            throw new IllegalStateException("backward rule of '" + op + "' returned " + grads.length
                    + " gradients for " + inputs.length + " inputs");
        }
        return grads;
    }

    void release() {
        if (backward != null) {
            backward.release();
            backward = null;
            inputs = null;
            tape.released(bytes);
        }
    }

    @Override
    public String toString() {
        return "Node(" + op + ", #" + sequence + (isReleased() ? ", released" : "") + ")";
    }
}
