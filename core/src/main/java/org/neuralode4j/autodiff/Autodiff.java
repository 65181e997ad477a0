package org.neuralode4j.autodiff;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation over {@link Tensor} operations.
 *
 * <p>Operations on tensors that require gradients are recorded as {@link Node}s while the calling
 * thread's {@link Tape} is recording. {@link #backward} walks the recorded graph from a root in
 * reverse creation order (a topological order), applying each node's {@link Backward} rule and
 * accumulating gradients into the leaves' {@link Tensor#grad()}. The functional forms {@link #grad}
 * and {@link #vjp} return gradients without touching any leaf, which is what the adjoint method uses
 * for the vector–Jacobian products of a vector field (Chen et al. 2018, "Neural Ordinary
 * Differential Equations", Sect. 2). With {@code createGraph} the backward pass is itself recorded,
 * so gradients can be differentiated again.
 */
public final class Autodiff {
    private Autodiff() {
    }

    /** True when the calling thread records and at least one of the tensors requires gradients. */
    public static boolean shouldRecord(Tensor a) {
        return a.requiresGrad() && Tape.current().isRecording();
    }

    /** True when the calling thread records and at least one of the tensors requires gradients. */
    public static boolean shouldRecord(Tensor a, Tensor b) {
        return (a.requiresGrad() || b.requiresGrad()) && Tape.current().isRecording();
    }

    /** True when the calling thread records and at least one of the tensors requires gradients. */
    public static boolean shouldRecord(Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                return Tape.current().isRecording();
            }
        }
        return false;
    }

    /**
     * Records an operation: binds a new node to {@code output} so that gradients flow to
     * {@code inputs} through {@code backward}. Call only when {@link #shouldRecord} is true.
     * Operation implementers outside the tensor package should prefer {@link CustomFunction}.
     *
     * @param output the freshly computed result; marked as requiring gradients (modified)
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor... inputs) {
        return record(op, output, backward, 0L, inputs);
    }

    /**
     * As {@link #record(String, Tensor, Backward, Tensor...)}, declaring {@code extraBytes} held by the
     * backward rule beyond the inputs and output (saved intermediate results, checkpoints).
     */
    public static Tensor record(String op, Tensor output, Backward backward, long extraBytes, Tensor... inputs) {
        long bytes = 8L * output.numel() + extraBytes;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] != output) {
                bytes += 8L * inputs[i].numel();
            }
        }
        Node node = Tape.current().record(op, backward, inputs.clone(), bytes);
        output.bindGradFn(node);
        return output;
    }

    /** Runs {@code body} without recording and returns its value. */
    public static <T> T noGrad(Supplier<T> body) {
        Tape tape = Tape.current();
        tape.pushNoGrad();
        try {
            return body.get();
        } finally {
            tape.popNoGrad();
        }
    }

    /** Runs {@code body} without recording. */
    public static void noGrad(Runnable body) {
        Tape tape = Tape.current();
        tape.pushNoGrad();
        try {
            body.run();
        } finally {
            tape.popNoGrad();
        }
    }

    /** A scope without recording, for try-with-resources: {@code try (var s = Autodiff.noGradScope()) {...}}. */
    public static Scope noGradScope() {
        Tape tape = Tape.current();
        tape.pushNoGrad();
        return tape::popNoGrad;
    }

    /** Runs {@code body} with recording on, even inside a no-grad scope. */
    public static <T> T enableGrad(Supplier<T> body) {
        Tape tape = Tape.current();
        int[] saved = new int[1];
        tape.pushGrad(saved);
        try {
            return body.get();
        } finally {
            tape.restore(saved[0]);
        }
    }

    /** A scope that restores the previous recording state when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Backpropagates from {@code root}, accumulating into the {@code grad} of every leaf that requires
     * gradients.
     *
     * @param seed gradient of the final scalar with respect to {@code root} (same shape as root);
     *             {@code null} is allowed only for a single-element root and means 1
     * @param retainGraph keep the graph so that a second backward pass through it works
     * @param createGraph record the backward pass itself so that gradients can be differentiated
     *                    (implies retainGraph: the recorded gradients refer to the forward graph)
     */
    public static void backward(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph) {
        run(root, seed, retainGraph || createGraph, createGraph, null);
    }

    /**
     * Gradients of {@code output} with respect to {@code inputs} (leaves or intermediate tensors),
     * without touching any leaf's {@code grad}; the graph is released afterwards.
     *
     * @return one gradient per input, of the input's shape; zeros where the output does not depend
     *         on an input
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(output, inputs, null, false, false);
    }

    /**
     * Gradients of {@code output} with respect to {@code inputs}, seeded with {@code seed}
     * (vector–Jacobian product), without touching any leaf's {@code grad}.
     *
     * @return one gradient per input, of the input's shape; zeros where the output does not depend
     *         on an input
     */
    public static Tensor[] grad(Tensor output, Tensor[] inputs, Tensor seed, boolean retainGraph,
                                boolean createGraph) {
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input of shape " + Shape.format(in.shape())
                        + " does not require gradients; call requiresGrad(true) on it before the forward computation");
            }
            captured.put(in, null);
        }
        if (output.requiresGrad()) {
            run(output, seed, retainGraph || createGraph, createGraph, captured);
        }
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = captured.get(inputs[i]);
            out[i] = g != null ? g : Tensor.zeros(inputs[i].shape());
        }
        return out;
    }

    /** The value of a function and the vector–Jacobian product of its inputs with a cotangent. */
    public record VjpResult(Tensor output, Tensor[] gradients) {
    }

    /**
     * Evaluates {@code f} at detached copies of {@code inputs} and returns f's output together with
     * cotangentᵀ·∂f/∂inputs. Leaves read inside {@code f} (parameters) are not touched.
     *
     * @param cotangent of the output's shape
     */
    public static VjpResult vjp(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor cotangent) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].detach().requiresGrad(true);
        }
        Tensor out = enableGrad(() -> f.apply(leaves));
        Shape.requireSame("vjp: cotangent vs output", cotangent.shape(), out.shape());
        Tensor[] grads = grad(out, leaves, cotangent, false, false);
        return new VjpResult(out.detach(), grads);
    }

    private static void run(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph,
                            Map<Tensor, Tensor> captured) {
        if (seed == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: the root has shape " + Shape.format(root.shape())
                        + "; backward without a seed gradient needs a single-element (scalar) root. "
                        + "Reduce it (e.g. sum or mean) or pass a seed of the root's shape");
            }
            seed = Tensor.onesLike(root);
        } else {
            Shape.requireSame("backward: seed vs root", seed.shape(), root.shape());
        }
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("backward: the root does not require gradients: no input of its "
                    + "computation had requiresGrad(true), or it was computed inside noGrad");
        }
        Tape tape = Tape.current();
        int[] saved = new int[1];
        if (createGraph) {
            tape.pushGrad(saved);
        } else {
            saved[0] = -1;
            tape.pushNoGrad();
        }
        try {
            propagate(root, seed, retainGraph, createGraph, captured);
        } finally {
            if (createGraph) {
                tape.restore(saved[0]);
            } else {
                tape.popNoGrad();
            }
        }
    }

    private static final AtomicLong PASSES = new AtomicLong();

    /**
     * The reverse sweep. Nodes are visited in decreasing creation order (a max-heap on
     * {@link Node#sequence()}, a topological order). A node's incoming gradient waits in the node
     * itself (a slot tagged with the pass's id) rather than in a map, and gradients arriving for the
     * same node are added in place once the engine owns the sum. Passes nest (the adjoint computes
     * vector–Jacobian products inside a backward pass); a node whose slot is held by another running
     * pass on this thread takes its gradient through a map instead, so nesting never mixes gradients.
     * Without a retained graph a node is released as soon as it has been visited: every gradient
     * for it has arrived by then.
     */
    private static void propagate(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph,
                                  Map<Tensor, Tensor> captured) {
        Tape tape = Tape.current();
        Pass pass = new Pass(PASSES.incrementAndGet(), tape, captured, createGraph);
        tape.beginPass(pass.id);
        try {
            pass.deliver(root, seed, false);
            while (pass.size > 0) {
                Node node = pass.poll();
                Tensor g = pass.take(node);
                Tensor[] inputs = node.inputs();
                Backward rule = node.backwardRule();
                if (inputs == null || rule == null) {
                    node.runBackward(g); // released: throws the explanatory error
                    continue;
                }
                if (rule instanceof ScaledBackward sb && !createGraph) {
                    for (int i = 0; i < inputs.length; i++) {
                        if (inputs[i].requiresGrad()) {
                            pass.deliverScaled(inputs[i], sb.coefficient(i), g);
                        }
                    }
                } else {
                    Tensor[] grads = node.runBackward(g);
                    for (int i = 0; i < inputs.length; i++) {
                        Tensor in = inputs[i];
                        if (grads[i] == null || !in.requiresGrad()) {
                            continue;
                        }
                        if (!grads[i].sameShape(in)) {
                            throw new IllegalStateException("backward rule of '" + node.op() + "' returned a gradient of "
                                    + "shape " + Shape.format(grads[i].shape()) + " for input " + i + " of shape "
                                    + Shape.format(in.shape()));
                        }
                        pass.deliver(in, grads[i], false);
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
        } finally {
            tape.endPass();
        }
    }

    /** One backward pass: its pending gradients and the queue of nodes still to visit. */
    private static final class Pass {
        final long id;
        final Tape tape;
        final Map<Tensor, Tensor> captured;
        final boolean createGraph;
        Node[] heap = new Node[16];
        int size;
        /** Gradients of nodes whose slot another running pass holds. */
        Map<Node, Tensor> overflow;
        Map<Node, Boolean> overflowOwned;

        Pass(long id, Tape tape, Map<Tensor, Tensor> captured, boolean createGraph) {
            this.id = id;
            this.tape = tape;
            this.captured = captured;
            this.createGraph = createGraph;
        }

        /** Adds g to t's gradient: captured for grad(), pending for t's node, or accumulated into a leaf. */
        void deliver(Tensor t, Tensor g, boolean owned) {
            if (captured != null && captured.containsKey(t)) {
                Tensor prev = captured.get(t);
                captured.put(t, prev == null ? g : prev.add(g));
                owned = false; // the captured map keeps a reference to g
            }
            Node node = t.gradFn();
            if (node != null) {
                addPending(node, g, owned);
            } else if (captured == null) {
                t.accumulateGrad(createGraph ? g : g.detach());
            }
        }

        /** Adds c·g to t's gradient without a temporary where the engine owns the sum. */
        void deliverScaled(Tensor t, double c, Tensor g) {
            Node node = t.gradFn();
            boolean capturedHere = captured != null && captured.containsKey(t);
            if (node != null && !capturedHere && holds(node) && node.pendingOwned) {
                axpy(c, g, node.pending);
                return;
            }
            if (node != null && !capturedHere && overflow != null && Boolean.TRUE.equals(overflowOwned.get(node))) {
                axpy(c, g, overflow.get(node));
                return;
            }
            if (c == 1.0) {
                deliver(t, g, false);
            } else {
                deliver(t, scaled(c, g), true);
            }
        }

        private boolean holds(Node node) {
            return node.pendingPass == id && node.pending != null;
        }

        private void addPending(Node node, Tensor g, boolean owned) {
            if (holds(node)) {
                if (createGraph) {
                    node.pending = node.pending.add(g);
                    node.pendingOwned = false;
                } else if (node.pendingOwned) {
                    axpy(1.0, g, node.pending);
                } else {
                    node.pending = sum(node.pending, g);
                    node.pendingOwned = true;
                }
                return;
            }
            if (node.pending != null && node.pendingPass != id && tape.isActivePass(node.pendingPass)) {
                addOverflow(node, g, owned);
                return;
            }
            if (overflow != null && overflow.containsKey(node)) {
                addOverflow(node, g, owned);
                return;
            }
            node.pendingPass = id;
            node.pending = g;
            node.pendingOwned = owned && !createGraph;
            push(node);
        }

        private void addOverflow(Node node, Tensor g, boolean owned) {
            if (overflow == null) {
                overflow = new IdentityHashMap<>();
                overflowOwned = new IdentityHashMap<>();
            }
            Tensor prev = overflow.get(node);
            if (prev == null) {
                overflow.put(node, g);
                overflowOwned.put(node, owned && !createGraph);
                push(node);
            } else if (createGraph) {
                overflow.put(node, prev.add(g));
            } else if (Boolean.TRUE.equals(overflowOwned.get(node))) {
                axpy(1.0, g, prev);
            } else {
                overflow.put(node, sum(prev, g));
                overflowOwned.put(node, Boolean.TRUE);
            }
        }

        /** Removes and returns the gradient waiting for {@code node}. */
        Tensor take(Node node) {
            if (overflow != null && overflow.containsKey(node)) {
                overflowOwned.remove(node);
                return overflow.remove(node);
            }
            Tensor g = node.pending;
            node.pending = null;
            node.pendingOwned = false;
            return g;
        }

        private void push(Node node) {
            if (size == heap.length) {
                heap = java.util.Arrays.copyOf(heap, 2 * size);
            }
            int i = size++;
            long key = node.sequence();
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent].sequence() >= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = node;
        }

        /** The queued node created last. */
        Node poll() {
            Node top = heap[0];
            Node last = heap[--size];
            heap[size] = null;
            if (size > 0) {
                long key = last.sequence();
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && heap[child + 1].sequence() > heap[child].sequence()) {
                        child++;
                    }
                    if (heap[child].sequence() <= key) {
                        break;
                    }
                    heap[i] = heap[child];
                    i = child;
                }
                heap[i] = last;
            }
            return top;
        }

        private static void axpy(double c, Tensor g, Tensor into) {
            double[] x = g.buffer();
            double[] y = into.buffer();
            if (c == 1.0) {
                for (int i = 0; i < y.length; i++) {
                    y[i] += x[i];
                }
            } else {
                for (int i = 0; i < y.length; i++) {
                    y[i] += c * x[i];
                }
            }
        }

        private static Tensor scaled(double c, Tensor g) {
            Tensor out = Tensor.zerosLike(g);
            axpy(c, g, out);
            return out;
        }

        private static Tensor sum(Tensor a, Tensor b) {
            Tensor out = Tensor.fromArray(a.buffer(), a.shape());
            axpy(1.0, b, out);
            return out;
        }
    }
}
