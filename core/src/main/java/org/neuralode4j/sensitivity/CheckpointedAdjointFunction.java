package org.neuralode4j.sensitivity;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.neuralode4j.ode.DenseSolution;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#CHECKPOINTED_ADJOINT} as one recorded node. The forward solve keeps the states at
 * the checkpoints (the output times plus optional equally spaced extra ones) and, at each event, the
 * states just before and after it (an {@link EventJump}); event times are checkpoint boundaries too.
 * The backward pass walks the intervals between these boundaries from last to first; in each it
 * recomputes z forward from the state the forward solve continued from at the interval's start (a
 * checkpoint, or the state after an event), with dense output and without events, then integrates
 * [a, a_θ] backwards with z(t) read from that dense output, and at the interval's start adds
 * ∂L/∂z(t_i) or carries a and a_θ across the events ({@link BackwardStops}). z is never integrated
 * backwards, so the backward pass is as stable as the forward one (the backsolve adjoint's known
 * failure on dissipative and stiff systems). Memory: the checkpoints, two states per event, and one
 * interval's dense output.
 *
 * <p>With the seminorm (the default) the error norm measures a only: neither a_θ, whose integrand
 * −aᵀ∂f/∂θ follows z(t), nor z, which is read from the dense output rather than integrated, would
 * hold the backward steps to z's time scale, and a fast transient of z (a stiff start-up, with f
 * linear in z so that a itself stays smooth) would be stepped over, the a_θ quadrature missing it.
 * So the backward solve lands on the recomputation's step boundaries: each backward step lies
 * inside one forward step, whose size the forward error control chose to resolve z.
 *
 * <p>Inputs: z0, the parameters of f that require gradients (in {@link ParameterSet} order), then
 * those only the events read. Output: see {@link OutputLayout}.
 */
final class CheckpointedAdjointFunction extends AdjointNode {
    private final double[] checkpoints;
    private final int[] outputIndex;
    private final int stateSize;

    CheckpointedAdjointFunction(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint,
                                ParameterSet fieldParams, ParameterSet allParams, int stateSize) {
        super(f, times, forwardOptions, adjoint, fieldParams, allParams, stateSize);
        this.stateSize = stateSize;
        this.checkpoints = checkpointTimes(times, adjoint.checkpointSegments());
        this.outputIndex = new int[checkpoints.length];
        Arrays.fill(outputIndex, -1);
        for (int i = 0, c = 0; i < times.length; i++) {
            while (checkpoints[c] != times[i]) {
                c++;
            }
            outputIndex[c] = i;
        }
    }

    /** The output times merged with {@code segments} equally spaced interior times, in solve order. */
    private static double[] checkpointTimes(double[] times, int segments) {
        double t0 = times[0];
        double t1 = times[times.length - 1];
        double dir = Math.signum(t1 - t0);
        TreeSet<Double> all = new TreeSet<>();
        for (double t : times) {
            all.add(t);
        }
        for (int k = 1; k < segments; k++) {
            all.add(t0 + (t1 - t0) * k / segments);
        }
        double[] out = all.stream().mapToDouble(Double::doubleValue).toArray();
        if (dir < 0) {
            for (int i = 0, j = out.length - 1; i < j; i++, j--) {
                double tmp = out[i];
                out[i] = out[j];
                out[j] = tmp;
            }
        }
        return out;
    }

    @Override
    protected String name() {
        return "odeintCheckpointedAdjoint";
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Solution sol = solveRecordingEvents(inputs[0], checkpoints);
        Tensor atCheckpoints = sol.states();
        int reached = sol.times().length;
        int rows = 0;
        for (int c = 0; c < reached; c++) {
            rows += outputIndex[c] >= 0 ? 1 : 0;
        }
        int[] picks = new int[rows];
        for (int c = 0; c < reached; c++) {
            if (outputIndex[c] >= 0) {
                picks[outputIndex[c]] = c;
            }
        }
        Tensor states = atCheckpoints.indexSelect(0, picks);
        return finishForward(ctx, inputs[0], sol, states, rows, atCheckpoints, Gradient.CHECKPOINTED_ADJOINT);
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor atCheckpoints = ctx.saved().get(0);
        List<EventJump> eventJumps = ctx.get(0);
        double[] reached = ctx.get(2);
        int[] shape = atCheckpoints.select(0, 0).shape();
        int n = stateSize;
        int p = fieldParams.size();
        EventTimeline timeline = new EventTimeline(reached, eventJumps,
                Math.signum(checkpoints[checkpoints.length - 1] - checkpoints[0]));
        BackwardStops stops = new BackwardStops(timeline, eventJumps, ctx.get(1), gradOutput.buffer(),
                atCheckpoints.buffer(), outputIndex, fieldParams, allParams, n);
        double[] stopTimes = timeline.times();
        int last = stopTimes.length - 1;
        double[] s = new double[n + p];
        stops.apply(0, s, -1, 0, n);
        SolveOptions recompute = forwardOptions.toBuilder().dense(true).clearEvents().outputHook(null).build();
        SolveOptions backOptions = backwardOptions.toBuilder().method(AdjointOptions.backwardMethod(adjoint.method(),
                forwardOptions, result.forwardStats().acceptedSteps(), last)).build();
        for (int j = 0; j < last; j++) {
            Tensor zStart = Tensor.fromArray(stops.forwardStateAfter(j + 1), shape);
            Solution fwd = OdeSolver.solve(f, zStart, new double[] {stopTimes[j + 1], stopTimes[j]}, recompute);
            DenseSolution dense = fwd.dense();
            AdjointDynamics dynamics = AdjointDynamics.interpolating(f, shape, fieldParams, dense);
            SolveOptions intervalOptions = adjoint.seminorm()
                    ? backOptions.toBuilder().stepTimes(dense.interiorStepBoundaries()).build() : backOptions;
            Solution back = OdeSolver.solve(dynamics, Tensor.fromArray(s, n + p),
                    new double[] {stopTimes[j], stopTimes[j + 1]}, intervalOptions);
            result.addBackward(fwd.stats().plus(back.stats()));
            s = back.states().select(0, 1).toArray();
            stops.apply(j + 1, s, -1, 0, n);
        }
        Tensor[] grads = new Tensor[1 + allParams.count()];
        grads[0] = Tensor.fromArray(Arrays.copyOfRange(s, 0, n), shape);
        Tensor[] gp = fieldParams.unflatten(s, n);
        System.arraycopy(gp, 0, grads, 1, gp.length);
        Tensor[] ge = stops.eventOnlyGradients();
        System.arraycopy(ge, 0, grads, 1 + gp.length, ge.length);
        return grads;
    }
}
