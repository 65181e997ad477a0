package org.neuralode4j.autodiff;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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

    private static void propagate(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph,
                                  Map<Tensor, Tensor> captured) {
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        PriorityQueue<Node> queue = new PriorityQueue<>((x, y) -> Long.compare(y.sequence(), x.sequence()));
        List<Node> processed = new ArrayList<>();
        deliver(root, seed, pending, queue, captured, createGraph);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            Tensor g = pending.remove(node);
            Tensor[] inputs = node.inputs();
            Tensor[] grads = node.runBackward(g);
            processed.add(node);
            if (inputs == null) {
                continue;
            }
            for (int i = 0; i < inputs.length; i++) {
                Tensor in = inputs[i];
                if (grads[i] == null || !in.requiresGrad()) {
                    continue;
                }
                if (!java.util.Arrays.equals(grads[i].shape(), in.shape())) {
                    throw new IllegalStateException("backward rule of '" + node.op() + "' returned a gradient of shape "
                            + Shape.format(grads[i].shape()) + " for input " + i + " of shape " + Shape.format(in.shape()));
                }
                deliver(in, grads[i], pending, queue, captured, createGraph);
            }
        }
        if (!retainGraph) {
            for (Node n : processed) {
                n.release();
            }
        }
    }

    private static void deliver(Tensor t, Tensor g, Map<Node, Tensor> pending, PriorityQueue<Node> queue,
                                Map<Tensor, Tensor> captured, boolean createGraph) {
        if (captured != null && captured.containsKey(t)) {
            Tensor prev = captured.get(t);
            captured.put(t, prev == null ? g : prev.add(g));
        }
        Node node = t.gradFn();
        if (node != null) {
            Tensor prev = pending.get(node);
            if (prev == null) {
                pending.put(node, g);
                queue.add(node);
            } else {
                pending.put(node, prev.add(g));
            }
        } else if (captured == null) {
            t.accumulateGrad(createGraph ? g : g.detach());
        }
    }
}
