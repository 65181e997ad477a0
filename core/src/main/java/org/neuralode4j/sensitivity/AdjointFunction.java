package org.neuralode4j.sensitivity;

import org.neuralode4j.autodiff.CustomFunction;
import org.neuralode4j.ode.ErrorNorm;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#ADJOINT} as one recorded node: the forward solve runs without a tape and keeps only
 * the states at the output times; the backward pass integrates the augmented system [z, a, a_θ] once
 * from t_N to t_0, landing on every output time t_i, where z is reset to the stored forward state
 * and ∂L/∂z(t_i) is added to a (an {@link org.neuralode4j.ode.OutputHook}). torchdiffeq instead
 * restarts a solve per interval, paying the start-up cost at every observation.
 *
 * <p>Inputs: z0 followed by the parameters of f that require gradients (in {@link ParameterSet}
 * order).
 */
final class AdjointFunction extends CustomFunction {
    private final VectorField f;
    private final double[] times;
    private final SolveOptions forwardOptions;
    private final SolveOptions backwardOptions;
    private final ParameterSet params;
    private final AdjointOptions adjoint;
    private GradientSolution result;

    AdjointFunction(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint, ParameterSet params,
                    int stateSize) {
        this.f = f;
        this.times = times.clone();
        this.forwardOptions = forwardOptions;
        this.params = params;
        this.adjoint = adjoint;
        SolveOptions back = adjoint.backwardOptions(forwardOptions);
        this.backwardOptions = adjoint.seminorm()
                ? back.toBuilder().norm(ErrorNorm.rmsOfRange(0, 2 * stateSize)).build()
                : back;
    }

    @Override
    protected String name() {
        return "odeintAdjoint";
    }

    GradientSolution result() {
        return result;
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Solution sol = OdeSolver.solve(f, inputs[0], times, forwardOptions);
        Tensor states = sol.states();
        result = new GradientSolution(states, times, Gradient.ADJOINT, sol.stats());
        ctx.save(states);
        return states;
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor states = ctx.saved().get(0);
        int[] shape = states.select(0, 0).shape();
        int n = states.numel() / times.length;
        int last = times.length - 1;
        double[] g = gradOutput.buffer();
        double[] zs = states.buffer();
        Tensor[] grads = new Tensor[1 + params.count()];
        if (last == 0) {
            grads[0] = Tensor.fromArray(java.util.Arrays.copyOfRange(g, 0, n), shape);
            for (int k = 0; k < params.count(); k++) {
                grads[k + 1] = Tensor.zeros(params.tensors()[k].shape());
            }
            return grads;
        }
        AdjointDynamics dynamics = AdjointDynamics.backsolve(f, shape, params);
        int size = dynamics.size();
        double[] s0 = new double[size];
        System.arraycopy(zs, last * n, s0, 0, n);
        System.arraycopy(g, last * n, s0, n, n);
        double[] reversed = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            reversed[j] = times[last - j];
        }
        String method = AdjointOptions.backwardMethod(adjoint.method(), forwardOptions,
                result.forwardStats().acceptedSteps(), last);
        SolveOptions opts = backwardOptions.toBuilder().method(method).outputHook((j, t, s) -> {
            int i = last - j;
            double[] next = s.toArray();
            System.arraycopy(zs, i * n, next, 0, n);
            for (int k = 0; k < n; k++) {
                next[n + k] += g[i * n + k];
            }
            return Tensor.fromArray(next, size);
        }).build();
        Solution back;
        try {
            back = OdeSolver.solve(dynamics, Tensor.fromArray(s0, size), reversed, opts);
        } catch (SolverException e) {
            throw new BackwardSolveException(e);
        }
        result.addBackward(back.stats());
        double[] end = back.states().select(0, last).toArray();
        double[] gz0 = new double[n];
        for (int k = 0; k < n; k++) {
            gz0[k] = end[n + k] + g[k];
        }
        grads[0] = Tensor.fromArray(gz0, shape);
        Tensor[] gp = params.unflatten(end, 2 * n);
        System.arraycopy(gp, 0, grads, 1, gp.length);
        return grads;
    }
}
