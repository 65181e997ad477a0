package org.neuralode4j.sensitivity;

import java.util.Arrays;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.ReplayableSolve;
import org.neuralode4j.tensor.Tensor;

/**
 * The backward pass of {@link Gradient#RECURSIVE_CHECKPOINT}: a {@link RevolveSchedule} carried out
 * on a {@link ReplayableSolve}. It holds the current state, a stack of at most c stored states, the
 * cotangent λ = ∂L/∂y_{k+1} of the state after the next step to reverse, and the parameter
 * gradients summed so far. Reversing step k replays it on the tape from y_k, with the dense output
 * at the output times inside the step, and backpropagates [λ + the cotangents of the outputs landing
 * on t_{k+1}, the cotangents of the interpolated outputs] through it: that gives ∂L/∂y_k and step
 * k's share of ∂L/∂θ (Griewank &amp; Walther, "Algorithm 799: Revolve", ACM TOMS 26(1), 2000). One
 * instance per backward pass.
 */
final class BinomialReversal implements RevolveSchedule.Actions {
    private final ReplayableSolve solve;
    private final int[] shape;
    private final int n;
    private final ParameterSet params;
    private final double[] times;
    private final double[] outputCotangents;
    private final int[] stepOfRow;
    private final double[] adjoint;
    private final double[][] parameterGradients;

    private final double[] current;
    private int currentStep;
    private final double[][] stored;
    private final int[] storedSteps;
    private int depth;
    private int peakDepth;
    private long advancedSteps;
    private long reversedSteps;

    /**
     * @param times the output times, the first being the initial one
     * @param outputCotangents ∂L/∂z(t_i) for every output row, flattened [T, n]
     * @param checkpoints c ≥ 1, the most states stored at once
     */
    BinomialReversal(ReplayableSolve solve, int[] shape, ParameterSet params, double[] times,
                     double[] outputCotangents, int checkpoints) {
        this.solve = solve;
        this.shape = shape.clone();
        this.n = outputCotangents.length / times.length;
        this.params = params;
        this.times = times;
        this.outputCotangents = outputCotangents;
        this.stepOfRow = new int[times.length];
        stepOfRow[0] = -1;
        for (int i = 1; i < times.length; i++) {
            stepOfRow[i] = solve.stepProducing(times[i]);
        }
        this.adjoint = new double[n];
        this.parameterGradients = new double[params.count()][];
        for (int i = 0; i < params.count(); i++) {
            parameterGradients[i] = new double[params.tensors()[i].numel()];
        }
        this.current = new double[n];
        int slots = Math.max(1, Math.min(checkpoints, solve.stepCount()));
        this.stored = new double[slots][];
        this.storedSteps = new int[slots];
    }

    /**
     * Runs the schedule from z0 and returns the gradients of z0 and of the parameters, in
     * {@link ParameterSet} order.
     */
    Tensor[] run(double[] z0) {
        System.arraycopy(z0, 0, current, 0, n);
        currentStep = 0;
        RevolveSchedule.run(solve.stepCount(), stored.length, this);
        Tensor[] grads = new Tensor[1 + params.count()];
        double[] g0 = adjoint.clone();
        for (int j = 0; j < n; j++) {
            g0[j] += outputCotangents[j];
        }
        grads[0] = Tensor.fromArray(g0, shape);
        for (int i = 0; i < params.count(); i++) {
            grads[1 + i] = Tensor.fromArray(parameterGradients[i], params.tensors()[i].shape());
        }
        return grads;
    }

    /** The most states that were stored at once. */
    int peakStoredStates() {
        return peakDepth;
    }

    /** Steps advanced without the tape. */
    long advancedSteps() {
        return advancedSteps;
    }

    /** Steps replayed on the tape and backpropagated (each step once). */
    long reversedSteps() {
        return reversedSteps;
    }

    @Override
    public void takeshot(int step) {
        expectCurrent(step, "store");
        if (depth == stored.length) {
            throw new IllegalStateException("schedule stores more than " + stored.length + " states");
        }
        if (stored[depth] == null) {
            stored[depth] = new double[n];
        }
        System.arraycopy(current, 0, stored[depth], 0, n);
        storedSteps[depth++] = step;
        peakDepth = Math.max(peakDepth, depth);
    }

    @Override
    public void restore(int step) {
        if (depth == 0 || storedSteps[depth - 1] != step) {
            throw new IllegalStateException("schedule restores y_" + step + ", which is not the top checkpoint");
        }
        if (currentStep != step) {
            System.arraycopy(stored[depth - 1], 0, current, 0, n);
            currentStep = step;
        }
    }

    @Override
    public void release(int step) {
        if (depth == 0 || storedSteps[depth - 1] != step) {
            throw new IllegalStateException("schedule releases y_" + step + ", which is not the top checkpoint");
        }
        depth--;
    }

    @Override
    public void advance(int from, int to) {
        expectCurrent(from, "advance from");
        solve.advance(from, to, current);
        advancedSteps += to - from;
        currentStep = to;
    }

    @Override
    public void reverse(int step) {
        expectCurrent(step, "reverse from");
        int lo = firstRowOf(step);
        int hi = firstRowOf(step + 1);
        double end = solve.stepEnd(step);
        int inside = 0;
        for (int i = lo; i < hi; i++) {
            if (times[i] == end) {
                for (int j = 0; j < n; j++) {
                    adjoint[j] += outputCotangents[i * n + j];
                }
            } else {
                inside++;
            }
        }
        double[] insideTimes = new double[inside];
        double[] seed = new double[(1 + inside) * n];
        System.arraycopy(adjoint, 0, seed, 0, n);
        for (int i = lo, m = 0; i < hi; i++) {
            if (times[i] != end) {
                insideTimes[m++] = times[i];
                System.arraycopy(outputCotangents, i * n, seed, m * n, n);
            }
        }
        Tensor state = Tensor.fromArray(current, shape).requiresGrad(true);
        Tensor[] replayed = solve.replayOnTape(step, state, insideTimes);
        Tensor root = inside == 0 ? replayed[0] : Autodiff.enableGrad(() -> Tensor.stack(0, replayed));
        Tensor[] inputs = new Tensor[1 + params.count()];
        inputs[0] = state;
        System.arraycopy(params.tensors(), 0, inputs, 1, params.count());
        Tensor[] grads = Autodiff.grad(root, inputs, Tensor.fromArray(seed, root.shape()), false, false);
        System.arraycopy(grads[0].buffer(), 0, adjoint, 0, n);
        for (int i = 0; i < params.count(); i++) {
            double[] sum = parameterGradients[i];
            double[] g = grads[1 + i].buffer();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += g[j];
            }
        }
        reversedSteps++;
    }

    /** The first output row produced by a step at or after {@code step} (rows are in step order). */
    private int firstRowOf(int step) {
        int lo = 1;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (stepOfRow[mid] < step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void expectCurrent(int step, String what) {
        if (currentStep != step) {
            throw new IllegalStateException("schedule asks to " + what + " y_" + step + " but the current state is y_"
                    + currentStep);
        }
    }

    @Override
    public String toString() {
        return "BinomialReversal(steps=" + solve.stepCount() + ", checkpoints=" + stored.length + ", advanced="
                + advancedSteps + ", reversed=" + reversedSteps + ", peak=" + peakDepth + ", shape="
                + Arrays.toString(shape) + ")";
    }
}
