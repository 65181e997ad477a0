package org.neuralode4j.autodiff;

/**
 * The per-thread recording state: whether operations are recorded (grad mode) and how many bytes
 * the recorded, not yet released nodes hold.
 *
 * <p>The graph itself is owned by the tensors (each output points to its node), so a graph that is
 * dropped without a backward pass is garbage collected like any object. The byte accounting counts
 * a node from its recording until a backward pass releases it (or {@link #resetCounters()}); it is
 * what the memory benchmarks read to show that the adjoint method holds O(1) memory in the number of
 * solver steps while direct backpropagation grows linearly.
 */
public final class Tape {
    private static final ThreadLocal<Tape> CURRENT = ThreadLocal.withInitial(Tape::new);

    private int noGradDepth;
    private long[] activePasses = new long[4];
    private int passDepth;
    private long liveBytes;
    private long peakBytes;
    private long liveNodes;

    private Tape() {
    }

    /** The calling thread's tape. */
    public static Tape current() {
        return CURRENT.get();
    }

    /** True when operations on tensors that require gradients are recorded on this thread. */
    public boolean isRecording() {
        return noGradDepth == 0;
    }

    /** Bytes held by recorded nodes not yet released by a backward pass. */
    public long liveBytes() {
        return liveBytes;
    }

    /** The largest value {@link #liveBytes()} reached since the last {@link #resetPeak()}. */
    public long peakBytes() {
        return peakBytes;
    }

    /** Number of recorded nodes not yet released. */
    public long liveNodes() {
        return liveNodes;
    }

    /** Starts a new peak measurement at the current live bytes. */
    public void resetPeak() {
        peakBytes = liveBytes;
    }

    /** Forgets all accounting (for graphs that were dropped without a backward pass). */
    public void resetCounters() {
        liveBytes = 0;
        liveNodes = 0;
        peakBytes = 0;
    }

    Node record(String op, Backward backward, org.neuralode4j.tensor.Tensor[] inputs, long bytes) {
        liveBytes += bytes;
        liveNodes++;
        if (liveBytes > peakBytes) {
            peakBytes = liveBytes;
        }
        return new Node(op, backward, inputs, bytes, this);
    }

    void released(long bytes) {
        liveBytes = Math.max(0, liveBytes - bytes);
        liveNodes = Math.max(0, liveNodes - 1);
    }

    /** Marks a backward pass as running on this thread (passes nest: the adjoint's VJPs run inside one). */
    void beginPass(long id) {
        if (passDepth == activePasses.length) {
            activePasses = java.util.Arrays.copyOf(activePasses, 2 * passDepth);
        }
        activePasses[passDepth++] = id;
    }

    void endPass() {
        passDepth--;
    }

    /** Whether the pass {@code id} is running on this thread. */
    boolean isActivePass(long id) {
        for (int i = passDepth - 1; i >= 0; i--) {
            if (activePasses[i] == id) {
                return true;
            }
        }
        return false;
    }

    void pushNoGrad() {
        noGradDepth++;
    }

    void popNoGrad() {
        noGradDepth--;
    }

    void pushGrad(int[] saved) {
        saved[0] = noGradDepth;
        noGradDepth = 0;
    }

    void restore(int depth) {
        noGradDepth = depth;
    }
}
