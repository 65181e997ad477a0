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
 * The backward pass walks segments of consecutive intervals between these boundaries from last to
 * first; in each it recomputes z forward from the state the forward solve continued from at the
 * segment's start (a checkpoint, or the state after an event), with dense output and without
 * events, then integrates [a, a_θ] backwards once over the segment with z(t) read from that dense
 * output, adding ∂L/∂z(t_i) at the output times inside it (an {@link org.neuralode4j.ode.OutputHook})
 * and at its start, or carrying a and a_θ across the events there ({@link BackwardStops}). z is
 * never integrated backwards, so the backward pass is as stable as the forward one (the backsolve
 * adjoint's known failure on dissipative and stiff systems).
 *
 * <p>A segment ends at an event (the state jumps there), at an extra checkpoint the caller asked for
 * ({@link AdjointOptions#checkpointSegments}), and once its intervals hold about
 * {@link #SEGMENT_STEPS} forward steps at the forward solve's mean steps per interval. One
 * recomputation per segment rather than per output interval matters when outputs are dense: 201
 * output times over a 48-step dopri5 solve took 6800 backward evaluations with a restart per
 * interval (each its own initial step and at least one step forward and back) and take 1979 as one
 * segment ({@code CheckpointedSegmentsTest}; both with the dopri5 backward pass of the time); the
 * spiral recipe's 9 intervals, 301 → 170 per iteration (2000 iterations; 149.6 since the sixth
 * session's backward pass: Cash–Karp, first step from the forward solve). Memory: the checkpoints,
 * two states per event, and one segment's dense output (about {@link #SEGMENT_STEPS} steps, or one
 * interval where that holds more; extra checkpoints bound it).
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
    /** About how many forward steps one segment's recomputation spans (its dense output is held). */
    static final int SEGMENT_STEPS = 64;

    private final double[] checkpoints;
    private final int[] outputIndex;
    /** Whether checkpoint c is one of the extra ones asked for (also when it coincides with an output). */
    private final boolean[] extraCheckpoint;
    private final int stateSize;

    CheckpointedAdjointFunction(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint,
                                ParameterSet fieldParams, ParameterSet allParams, int stateSize) {
        super(f, times, forwardOptions, adjoint, fieldParams, allParams, stateSize);
        this.stateSize = stateSize;
        this.checkpoints = checkpointTimes(times, adjoint.checkpointSegments());
        this.extraCheckpoint = new boolean[checkpoints.length];
        double[] extras = extraTimes(times, adjoint.checkpointSegments());
        for (int c = 0; c < checkpoints.length; c++) {
            extraCheckpoint[c] = Arrays.binarySearch(extras, checkpoints[c]) >= 0;
        }
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
        for (double t : extraTimes(times, segments)) {
            all.add(t);
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

    /**
     * The {@code segments} − 1 equally spaced interior checkpoint times, sorted ascending; one within a
     * few ulps of an output time is that output time (0.1·i against (0.3 − 0)·1/3), so that it adds
     * no near-empty interval.
     */
    private static double[] extraTimes(double[] times, int segments) {
        double t0 = times[0];
        double t1 = times[times.length - 1];
        double[] sortedOutputs = times.clone();
        Arrays.sort(sortedOutputs);
        double slack = timeSlack(t0, t1);
        double[] out = new double[Math.max(0, segments - 1)];
        for (int k = 1; k < segments; k++) {
            double e = t0 + (t1 - t0) * k / segments;
            double near = nearest(sortedOutputs, e);
            out[k - 1] = Math.abs(near - e) <= slack ? near : e;
        }
        Arrays.sort(out);
        return out;
    }

    /** How close two times of a solve over [t0, t1] must be to count as one: a few ulps of the span's end. */
    private static double timeSlack(double t0, double t1) {
        return 8 * Math.ulp(Math.max(Math.abs(t0), Math.abs(t1)));
    }

    /** The element of an ascending array nearest to x. */
    private static double nearest(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i >= 0) {
            return x;
        }
        int above = -i - 1;
        if (above == 0) {
            return sorted[0];
        }
        if (above == sorted.length) {
            return sorted[sorted.length - 1];
        }
        return x - sorted[above - 1] <= sorted[above] - x ? sorted[above - 1] : sorted[above];
    }

    /**
     * How many consecutive stop intervals one segment may span: as many as hold about
     * {@link #SEGMENT_STEPS} forward steps at the forward solve's mean steps per interval, at least one.
     */
    static int intervalsPerSegment(long forwardSteps, int intervals) {
        if (intervals <= 0) {
            return 1;
        }
        double perInterval = Math.max(1.0, (double) forwardSteps) / intervals;
        return (int) Math.max(1, Math.min(intervals, Math.floor(SEGMENT_STEPS / perInterval)));
    }

    /**
     * Whether a segment must end at stop k: at an event, where the forward state jumps, and at an
     * extra checkpoint the caller asked for (also where it coincides with an output time).
     */
    private boolean endsSegment(EventTimeline timeline, int k) {
        int c = timeline.stored(k);
        return timeline.events(k).length > 0 || (c >= 0 && extraCheckpoint[c]);
    }

    /**
     * The recomputation's step boundaries without those within a few ulps (of the span's end) of a
     * stop: the backward solve lands on the stops anyway, and a boundary that misses an output time
     * by rounding (fixed steps of 0.02 from 0.4 reach 0.7 where the output grid has
     * 0.7000000000000001) would cost a step that short.
     */
    private static double[] awayFrom(double[] boundaries, double[] stopTimes) {
        double[] sorted = stopTimes.clone();
        Arrays.sort(sorted);
        double slack = timeSlack(sorted[0], sorted[sorted.length - 1]);
        return Arrays.stream(boundaries).filter(b -> Math.abs(nearest(sorted, b) - b) > slack).toArray();
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
        SolveOptions backOptions = adjoint.backwardBuilder(backwardOptions, forwardOptions,
                result.forwardStats().acceptedSteps(), last).build();
        int perSegment = intervalsPerSegment(result.forwardStats().acceptedSteps(), last);
        for (int j = 0; j < last; ) {
            int end = j + 1;
            while (end < last && end - j < perSegment && !endsSegment(timeline, end)) {
                end++;
            }
            // recompute z over stops j (later) .. end (earlier), from the state the forward solve
            // continued from at stop end
            Tensor zStart = Tensor.fromArray(stops.forwardStateAfter(end), shape);
            Solution fwd = OdeSolver.solve(f, zStart, new double[] {stopTimes[end], stopTimes[j]}, recompute);
            DenseSolution dense = fwd.dense();
            AdjointDynamics dynamics = AdjointDynamics.interpolating(f, shape, fieldParams, dense);
            double[] segmentStops = Arrays.copyOfRange(stopTimes, j, end + 1);
            // the step budget of one interval for each, as when every interval was its own solve
            SolveOptions.Builder segmentOptions = backOptions.toBuilder()
                    .maxSteps((int) Math.min(Integer.MAX_VALUE, (long) backOptions.maxSteps() * (end - j)));
            if (adjoint.seminorm()) {
                segmentOptions.stepTimes(awayFrom(dense.interiorStepBoundaries(), segmentStops));
            }
            double firstStep = AdjointOptions.firstStep(backwardOptions, Math.abs(stopTimes[j] - stopTimes[end]),
                    fwd.stats().acceptedSteps());
            if (!Double.isNaN(firstStep)) {
                segmentOptions.firstStep(firstStep);
            }
            int first = j;
            segmentOptions.outputHook((index, t, state) -> {
                double[] v = state.toArray();
                stops.apply(first + index, v, -1, 0, n);
                return Tensor.fromArray(v, n + p);
            });
            Solution back = OdeSolver.solve(dynamics, Tensor.fromArray(s, n + p), segmentStops,
                    segmentOptions.build());
            result.addBackward(fwd.stats().plus(back.stats()));
            s = back.states().select(0, end - j).toArray();
            stops.apply(end, s, -1, 0, n);
            j = end;
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
