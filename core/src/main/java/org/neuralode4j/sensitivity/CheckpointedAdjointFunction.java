package org.neuralode4j.sensitivity;

import java.util.Arrays;
import java.util.TreeSet;
import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.ode.DenseSolution;
import org.neuralode4j.ode.ErrorNorm;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#CHECKPOINTED_ADJOINT} as one recorded node. The forward solve keeps the states at
 * the checkpoints (the output times plus optional equally spaced extra ones). The backward pass
 * walks the checkpoint intervals from last to first; in each it recomputes z forward from the
 * interval's checkpoint with dense output, then integrates [a, a_θ] backwards with z(t) read from
 * that dense output. z is never integrated backwards, so the backward pass is as stable as the
 * forward one (the backsolve adjoint's known failure on dissipative and stiff systems). Memory: the
 * checkpoints plus one interval's dense output.
 */
final class CheckpointedAdjointFunction extends CustomFunction {
    private final VectorField f;
    private final double[] times;
    private final double[] checkpoints;
    private final int[] outputIndex;
    private final SolveOptions forwardOptions;
    private final SolveOptions backwardOptions;
    private final ParameterSet params;
    private final int stateSize;
    private final AdjointOptions adjoint;
    private GradientSolution result;

    CheckpointedAdjointFunction(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint,
                                ParameterSet params, int stateSize) {
        this.f = f;
        this.times = times.clone();
        this.forwardOptions = forwardOptions;
        this.params = params;
        this.stateSize = stateSize;
        this.adjoint = adjoint;
        this.checkpoints = checkpointTimes(times, adjoint.checkpointSegments());
        this.outputIndex = new int[checkpoints.length];
        Arrays.fill(outputIndex, -1);
        for (int i = 0, c = 0; i < times.length; i++) {
            while (checkpoints[c] != times[i]) {
                c++;
            }
            outputIndex[c] = i;
        }
        SolveOptions back = adjoint.backwardOptions(forwardOptions);
        this.backwardOptions = adjoint.seminorm()
                ? back.toBuilder().norm(ErrorNorm.rmsOfRange(0, stateSize)).build()
                : back;
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

    GradientSolution result() {
        return result;
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Solution sol = OdeSolver.solve(f, inputs[0], checkpoints, forwardOptions);
        Tensor atCheckpoints = sol.states();
        int[] picks = new int[times.length];
        for (int c = 0; c < checkpoints.length; c++) {
            if (outputIndex[c] >= 0) {
                picks[outputIndex[c]] = c;
            }
        }
        Tensor states = atCheckpoints.indexSelect(0, picks);
        result = new GradientSolution(states, times, Gradient.CHECKPOINTED_ADJOINT, sol.stats());
        ctx.save(atCheckpoints);
        return states;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor atCheckpoints = ctx.saved().get(0);
        int[] shape = atCheckpoints.select(0, 0).shape();
        int n = stateSize;
        int p = params.size();
        double[] g = gradOutput.buffer();
        double[] zs = atCheckpoints.buffer();
        int last = checkpoints.length - 1;
        double[] s = new double[n + p];
        addOutputGradient(s, g, last, n);
        SolveOptions recompute = forwardOptions.toBuilder().dense(true).clearEvents().outputHook(null).build();
        SolveOptions backOptions = backwardOptions.toBuilder().method(AdjointOptions.backwardMethod(adjoint.method(),
                forwardOptions, result.forwardStats().acceptedSteps(), last)).build();
        for (int c = last; c > 0; c--) {
            Tensor zStart = Tensor.fromArray(Arrays.copyOfRange(zs, (c - 1) * n, c * n), shape);
            Solution fwd = OdeSolver.solve(f, zStart, new double[] {checkpoints[c - 1], checkpoints[c]}, recompute);
            DenseSolution dense = fwd.dense();
            AdjointDynamics dynamics = AdjointDynamics.interpolating(f, shape, params, dense);
            Solution back = OdeSolver.solve(dynamics, Tensor.fromArray(s, n + p),
                    new double[] {checkpoints[c], checkpoints[c - 1]}, backOptions);
            result.addBackward(fwd.stats().plus(back.stats()));
            s = back.states().select(0, 1).toArray();
            addOutputGradient(s, g, c - 1, n);
        }
        Tensor[] grads = new Tensor[1 + params.count()];
        grads[0] = Tensor.fromArray(Arrays.copyOfRange(s, 0, n), shape);
        Tensor[] gp = params.unflatten(s, n);
        System.arraycopy(gp, 0, grads, 1, gp.length);
        return grads;
    }

    private void addOutputGradient(double[] s, double[] g, int checkpoint, int n) {
        int i = outputIndex[checkpoint];
        if (i >= 0) {
            for (int k = 0; k < n; k++) {
                s[k] += g[i * n + k];
            }
        }
    }
}
