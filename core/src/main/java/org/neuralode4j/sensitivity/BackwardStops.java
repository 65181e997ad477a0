package org.neuralode4j.sensitivity;

import java.util.Arrays;
import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * What an adjoint's backward pass does at each stop of an {@link EventTimeline}: at an event it
 * carries the adjoint a and the parameter adjoint a_θ across the event ({@link EventJump#pullBack}
 * with the output gradient of the event's time and states), latest event first; at a stored output
 * it adds ∂L/∂z(t_i) to a. When the backward state carries z (the backsolve adjoint), z is reset to
 * the forward state there: z⁻ of the event, or the stored state.
 *
 * <p>The parameters are the field's, whose adjoints are channels of the backward state, followed by
 * those only the events read, whose gradients (events only) are summed here.
 */
final class BackwardStops {
    private final EventTimeline timeline;
    private final List<EventJump> jumps;
    private final OutputLayout layout;
    private final double[] outputGradient;
    private final double[] storedStates;
    private final int[] outputOfStored;
    private final ParameterSet fieldParams;
    private final ParameterSet allParams;
    private final double[] eventOnlyGradient;
    private final int n;

    /**
     * @param outputGradient the gradient of the node's output (laid out by {@code layout})
     * @param storedStates the forward pass's stored states, one after another
     * @param outputOfStored for each stored state, its output row, or −1 for a checkpoint that is no
     *     output
     * @param fieldParams the field's differentiated parameters (a prefix of {@code allParams})
     * @param allParams the field's and then the events' differentiated parameters
     */
    BackwardStops(EventTimeline timeline, List<EventJump> jumps, OutputLayout layout, double[] outputGradient,
                  double[] storedStates, int[] outputOfStored, ParameterSet fieldParams, ParameterSet allParams, int n) {
        this.timeline = timeline;
        this.jumps = jumps;
        this.layout = layout;
        this.outputGradient = outputGradient;
        this.storedStates = storedStates;
        this.outputOfStored = outputOfStored;
        this.fieldParams = fieldParams;
        this.allParams = allParams;
        this.eventOnlyGradient = new double[allParams.size() - fieldParams.size()];
        this.n = n;
    }

    /**
     * Applies stop j to the backward state s in place.
     *
     * @param zOffset where z is in s, or −1 when s carries no z
     * @param aOffset where a is in s
     * @param pOffset where the field parameters' adjoints are in s
     */
    void apply(int j, double[] s, int zOffset, int aOffset, int pOffset) {
        int[] events = timeline.events(j);
        for (int e = events.length - 1; e >= 0; e--) {
            jumpBack(events[e], s, aOffset, pOffset);
            if (zOffset >= 0) {
                System.arraycopy(jumps.get(events[e]).stateBefore(), 0, s, zOffset, n);
            }
        }
        int c = timeline.stored(j);
        if (c < 0) {
            return;
        }
        if (zOffset >= 0) {
            System.arraycopy(storedStates, c * n, s, zOffset, n);
        }
        int row = outputOfStored[c];
        if (row >= 0) {
            int g = layout.stateOffset(row);
            for (int i = 0; i < n; i++) {
                s[aOffset + i] += outputGradient[g + i];
            }
        }
    }

    /**
     * The forward state the integration continued from at stop j: the state after its last event,
     * else the stored state.
     */
    double[] forwardStateAfter(int j) {
        int[] events = timeline.events(j);
        if (events.length > 0) {
            return jumps.get(events[events.length - 1]).stateAfter().clone();
        }
        int c = timeline.stored(j);
        return Arrays.copyOfRange(storedStates, c * n, (c + 1) * n);
    }

    /** Gradients of the parameters only the events read (complete after the backward pass). */
    Tensor[] eventOnlyGradients() {
        int first = fieldParams.count();
        Tensor[] out = new Tensor[allParams.count() - first];
        for (int p = first; p < allParams.count(); p++) {
            int[] shape = allParams.tensors()[p].shape();
            int from = allParams.offset(p) - fieldParams.size();
            out[p - first] = Tensor.fromArray(Arrays.copyOfRange(eventOnlyGradient, from,
                    from + allParams.tensors()[p].numel()), shape);
        }
        return out;
    }

    private void jumpBack(int k, double[] s, int aOffset, int pOffset) {
        double[] after = Arrays.copyOfRange(s, aOffset, aOffset + n);
        int ga = layout.afterOffset(k);
        int gs = layout.beforeOffset(k);
        double[] reported = Arrays.copyOfRange(outputGradient, ga, ga + n);
        double[] state = Arrays.copyOfRange(outputGradient, gs, gs + n);
        Tensor[] grads = jumps.get(k).pullBack(after, reported, state, outputGradient[layout.timeOffset(k)],
                allParams.tensors());
        System.arraycopy(grads[0].buffer(), 0, s, aOffset, n);
        for (int p = 0; p < allParams.count(); p++) {
            double[] gp = grads[p + 1].buffer();
            boolean ofField = p < fieldParams.count();
            double[] into = ofField ? s : eventOnlyGradient;
            int off = ofField ? pOffset + fieldParams.offset(p) : allParams.offset(p) - fieldParams.size();
            for (int i = 0; i < gp.length; i++) {
                into[off + i] += gp[i];
            }
        }
    }
}
