package org.neuralode4j.sensitivity;

import java.util.List;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.ode.DiscreteAdjointSolve;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#DIRECT} as one recorded node, for fields with array vector–Jacobian products
 * ({@link ArrayVjpField}, e.g. multilayer perceptrons) solved by an explicit Runge–Kutta method: the
 * forward pass is an untaped solve that records every accepted step's evaluations, the backward pass
 * the hand-written discrete adjoint of those steps ({@link DiscreteAdjointSolve}; Hager 2000, Sandu
 * 2006). The gradient is that of backpropagation through the taped solve (to rounding: only the order
 * in which cotangents are summed differs), without one node, gradient tensor and accumulation per
 * operation. Memory stays linear in the number of steps, like the tape's.
 *
 * <p>A backward pass that records itself (create-graph, for higher derivatives) replays the solve on
 * the tape and differentiates that, so higher derivatives are those of the taped path.
 *
 * <p>Inputs: z0 followed by the field's parameters, which must all require gradients
 * ({@link #forSolve}).
 */
final class DirectFunction extends CustomFunction {
    private final ArrayVjpField f;
    private final double[] times;
    private final SolveOptions options;
    private final ParameterSet params;
    private GradientSolution result;

    private DirectFunction(ArrayVjpField f, double[] times, SolveOptions options, ParameterSet params) {
        this.f = f;
        this.times = times.clone();
        this.options = options;
        this.params = params;
    }

    /**
     * The node for this solve, or {@code null} when the solve keeps the taped path: this path needs the
     * tape to be recording, z0 or a parameter to require gradients, the field's parameters to be
     * exactly the differentiated tensors (its flat gradient layout is then theirs) and
     * {@link DiscreteAdjointSolve#supports} to accept the field, shape, times and options.
     */
    static DirectFunction forSolve(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        if (!(f instanceof ArrayVjpField v) || z0 == null || times == null || options == null
                || !Tape.current().isRecording()) {
            return null;
        }
        List<Tensor> fieldParameters = f.parameters();
        ParameterSet params = new ParameterSet(fieldParameters);
        boolean applies = (z0.requiresGrad() || params.count() > 0) && params.isExactly(fieldParameters)
                && DiscreteAdjointSolve.supports(f, z0.shape(), times, options);
        return applies ? new DirectFunction(v, times, options, params) : null;
    }

    /** Solves from z0; the states carry gradients to z0 and the field's parameters. */
    GradientSolution solve(Tensor z0) {
        Tensor states = apply(params.inputsAfter(z0));
        return result.withStates(states);
    }

    @Override
    protected String name() {
        return "odeintDirect";
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        DiscreteAdjointSolve solve = DiscreteAdjointSolve.solve(f, inputs[0], times, options);
        Solution sol = solve.solution();
        result = new GradientSolution(sol.states(), sol.times(), Gradient.DIRECT, sol.stats(), sol.events(),
                sol.terminatedByEvent());
        ctx.put(solve);
        ctx.put(inputs);
        ctx.addBytes(solve.bytes());
        return sol.states();
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor[] inputs = ctx.get(1);
        if (Tape.current().isRecording()) {
            return replayOnTape(ctx, inputs, gradOutput);
        }
        DiscreteAdjointSolve solve = ctx.get(0);
        Tensor z0 = inputs[0];
        double[] gz0 = new double[z0.numel()];
        double[] gp = new double[params.size()];
        solve.backward(gradOutput.buffer(), gz0, gp);
        Tensor[] grads = new Tensor[inputs.length];
        if (ctx.needsInputGrad(0)) {
            grads[0] = Tensor.fromArray(gz0, z0.shape());
        }
        Tensor[] gps = params.unflatten(gp, 0);
        System.arraycopy(gps, 0, grads, 1, gps.length);
        return grads;
    }

    /** The create-graph backward: the taped solve's gradient, itself recorded. */
    private Tensor[] replayOnTape(Context ctx, Tensor[] inputs, Tensor gradOutput) {
        Tensor states = OdeSolver.solve(f, inputs[0], times, options).states();
        int wanted = 0;
        for (int i = 0; i < inputs.length; i++) {
            wanted += ctx.needsInputGrad(i) ? 1 : 0;
        }
        Tensor[] differentiated = new Tensor[wanted];
        for (int i = 0, j = 0; i < inputs.length; i++) {
            if (ctx.needsInputGrad(i)) {
                differentiated[j++] = inputs[i];
            }
        }
        Tensor[] g = Autodiff.grad(states, differentiated, gradOutput, true, true);
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0, j = 0; i < inputs.length; i++) {
            if (ctx.needsInputGrad(i)) {
                grads[i] = g[j++];
            }
        }
        return grads;
    }

    @Override
    protected void release(Context ctx) {
        DiscreteAdjointSolve solve = ctx.get(0);
        solve.release();
    }
}
