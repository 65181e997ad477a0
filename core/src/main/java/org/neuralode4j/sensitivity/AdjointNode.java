package org.neuralode4j.sensitivity;

import java.util.Arrays;
import java.util.List;
import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.ode.ErrorNorm;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * What the two continuous adjoints ({@link AdjointFunction}, {@link CheckpointedAdjointFunction})
 * share as recorded nodes: their inputs (z0, the field's parameters, then those only the events
 * read), the backward solve's options (the forward ones with {@link AdjointOptions} applied and the
 * seminorm over the components the error control must see), a forward solve without tape that
 * records the events' jumps ({@link EventRecording}), and the packing of states and event records
 * into the node's output ({@link OutputLayout}) with what the backward pass reads from the context:
 * the saved states, then the jumps, the layout and the output times reached.
 */
abstract class AdjointNode extends CustomFunction {
    protected final VectorField f;
    protected final double[] times;
    protected final SolveOptions forwardOptions;
    protected final SolveOptions backwardOptions;
    protected final ParameterSet fieldParams;
    protected final ParameterSet allParams;
    protected final AdjointOptions adjoint;
    protected GradientSolution result;
    private OutputLayout layout;
    private List<EventJump> jumps;

    /**
     * @param measured the leading components of the backward state the seminorm measures ([z, a] for
     *     the backsolve layout, [a] for the interpolating one)
     */
    AdjointNode(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint,
                ParameterSet fieldParams, ParameterSet allParams, int measured) {
        this.f = f;
        this.times = times.clone();
        this.forwardOptions = forwardOptions;
        this.fieldParams = fieldParams;
        this.allParams = allParams;
        this.adjoint = adjoint;
        SolveOptions back = adjoint.backwardOptions(forwardOptions);
        this.backwardOptions = adjoint.seminorm() ? back.toBuilder().norm(ErrorNorm.rmsOfRange(0, measured)).build()
                : back;
    }

    /** The solution of the last forward pass, with the raw (unrecorded) states and no event records. */
    GradientSolution result() {
        return result;
    }

    /** The solution of the last forward pass holding the slices of the node's recorded output. */
    GradientSolution unpack(Tensor output) {
        return result.withOutputs(layout.states(output), layout.records(output, jumps));
    }

    /** The forward solve without tape over {@code at}, recording the states around each event. */
    protected Solution solveRecordingEvents(Tensor z0, double[] at) {
        EventRecording recording = new EventRecording(f, forwardOptions.events(),
                Math.abs(times[times.length - 1] - times[0]));
        Solution sol = OdeSolver.solve(f, z0, at, recording.wrap(forwardOptions));
        jumps = recording.jumps(sol);
        return sol;
    }

    /**
     * Ends a forward pass: sets {@link #result}, saves {@code saved} and the context entries the
     * backward pass reads (jumps, layout, the times {@code sol} reached) and packs the output.
     *
     * @param states the states at the first {@code rows} output times
     */
    protected Tensor finishForward(Context ctx, Tensor z0, Solution sol, Tensor states, int rows, Tensor saved,
                                   Gradient gradient) {
        layout = new OutputLayout(z0.shape(), rows, jumps.size());
        result = new GradientSolution(states, Arrays.copyOf(times, rows), gradient, sol.stats(), List.of(),
                sol.terminatedByEvent());
        ctx.save(saved);
        ctx.addBytes(EventJump.BYTES_PER_STATE_ELEMENT * z0.numel() * jumps.size());
        ctx.put(jumps);
        ctx.put(layout);
        ctx.put(sol.times());
        return layout.pack(states, jumps);
    }
}
