package org.neuralode4j.sensitivity;

import java.util.List;
import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.ode.ReplayableSolve;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#RECURSIVE_CHECKPOINT} as one recorded node. The forward pass is an ordinary solve
 * without a tape that logs its accepted steps ({@link ReplayableSolve}); the backward pass reverses
 * those N steps by Griewank &amp; Walther's binomial checkpointing ("Algorithm 799: Revolve", ACM
 * TOMS 26(1), 2000; {@link RevolveSchedule}, {@link BinomialReversal}) with at most c stored states,
 * replaying each step on the tape once to backpropagate through it. The result is the gradient of the
 * same discrete computation that {@link Gradient#DIRECT} differentiates, with memory for c states,
 * the step log (three numbers per step) and one step's tape instead of every step's tape.
 *
 * <p>Inputs: z0, then the parameters of f that require gradients (in {@link ParameterSet} order).
 * Output: the states [T, *z0.shape] at the output times. Backward statistics: every evaluation of
 * the advanced and replayed steps; its accepted-step count is advanced plus reversed steps.
 */
final class RecursiveCheckpointFunction extends CustomFunction {
    private final VectorField f;
    private final double[] times;
    private final SolveOptions options;
    private final ParameterSet params;
    private final int checkpoints;
    private GradientSolution result;
    private BinomialReversal lastReversal;

    RecursiveCheckpointFunction(VectorField f, double[] times, SolveOptions options, ParameterSet params,
                                int checkpoints) {
        this.f = f;
        this.times = times.clone();
        this.options = options;
        this.params = params;
        this.checkpoints = checkpoints;
    }

    @Override
    protected String name() {
        return "odeintRecursiveCheckpoint";
    }

    /** The solution of the last forward pass holding the node's recorded output. */
    GradientSolution unpack(Tensor output) {
        return result.withStates(output);
    }

    /** The backward pass that ran last, for its counts; null before any. */
    BinomialReversal lastReversal() {
        return lastReversal;
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        ReplayableSolve solve = ReplayableSolve.solve(f, inputs[0], times, options);
        Tensor states = solve.solution().states();
        result = new GradientSolution(states, times, Gradient.RECURSIVE_CHECKPOINT, solve.solution().stats(),
                List.of(), false);
        int stored = Math.min(checkpoints, Math.max(1, solve.stepCount()));
        ctx.save(states);
        ctx.addBytes(8L * stored * inputs[0].numel() + solve.logBytes());
        ctx.put(solve);
        return states;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        ReplayableSolve solve = ctx.get(0);
        Tensor z0 = ctx.saved().get(0).select(0, 0); // row 0 of the outputs is z0, copied
        int[] shape = z0.shape();
        BinomialReversal reversal = new BinomialReversal(solve, shape, params, times, gradOutput.toArray(),
                checkpoints);
        long before = solve.replayEvaluations();
        Tensor[] grads = reversal.run(z0.toArray());
        result.addBackward(Stats.explicit(solve.replayEvaluations() - before,
                reversal.advancedSteps() + reversal.reversedSteps(), 0));
        lastReversal = reversal;
        return grads;
    }
}
