package org.neuralode4j.sensitivity;

import java.util.Arrays;
import java.util.List;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.Solution;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * {@link Gradient#ADJOINT} as one recorded node: the forward solve runs without a tape and keeps only
 * the states at the output times and, at each event, the states just before and after it (an
 * {@link EventJump}); the backward pass integrates the augmented system [z, a, a_θ] once from the end
 * of the solve to t_0, landing on every output and event time, where an
 * {@link org.neuralode4j.ode.OutputHook} resets z to the stored forward state, adds ∂L/∂z(t_i) to a,
 * and carries a and a_θ across the events ({@link BackwardStops}). The backward solve never
 * integrates across an event: z is discontinuous there. torchdiffeq instead restarts a solve per
 * interval, paying the start-up cost at every observation.
 *
 * <p>Inputs: z0, the parameters of f that require gradients (in {@link ParameterSet} order), then
 * those only the events read. Output: see {@link OutputLayout}.
 */
final class AdjointFunction extends AdjointNode {

    AdjointFunction(VectorField f, double[] times, SolveOptions forwardOptions, AdjointOptions adjoint,
                    ParameterSet fieldParams, ParameterSet allParams, int stateSize) {
        super(f, times, forwardOptions, adjoint, fieldParams, allParams, 2 * stateSize);
    }

    @Override
    protected String name() {
        return "odeintAdjoint";
    }

    @Override
    protected Tensor forward(Context ctx, Tensor... inputs) {
        Solution sol = solveRecordingEvents(inputs[0], times);
        Tensor states = sol.states();
        return finishForward(ctx, inputs[0], sol, states, sol.times().length, states, Gradient.ADJOINT);
    }

    @Override
    protected Tensor[] backward(Context ctx, Tensor gradOutput) {
        Tensor states = ctx.saved().get(0);
        List<EventJump> eventJumps = ctx.get(0);
        double[] reached = ctx.get(2);
        int[] shape = states.select(0, 0).shape();
        int n = states.numel() / reached.length;
        int[] identity = new int[reached.length];
        Arrays.setAll(identity, i -> i);
        EventTimeline timeline = new EventTimeline(reached, eventJumps,
                Math.signum(times[times.length - 1] - times[0]));
        BackwardStops stops = new BackwardStops(timeline, eventJumps, ctx.get(1), gradOutput.buffer(),
                states.buffer(), identity, fieldParams, allParams, n);
        int last = timeline.size() - 1;
        AdjointDynamics dynamics = AdjointDynamics.backsolve(f, shape, fieldParams);
        int size = dynamics.size();
        double[] s = new double[size];
        stops.apply(0, s, 0, n, 2 * n);
        if (last > 0) {
            long forwardSteps = result.forwardStats().acceptedSteps();
            SolveOptions.Builder builder = adjoint.backwardBuilder(backwardOptions, forwardOptions, forwardSteps, last);
            double[] stopTimes = timeline.times();
            double firstStep = AdjointOptions.firstStep(backwardOptions, Math.abs(stopTimes[last] - stopTimes[0]),
                    forwardSteps);
            if (!Double.isNaN(firstStep)) {
                builder.firstStep(firstStep);
            }
            SolveOptions opts = builder.outputHook((j, t, state) -> {
                double[] next = state.toArray();
                stops.apply(j, next, 0, n, 2 * n);
                return Tensor.fromArray(next, size);
            }).build();
            Solution back;
            try {
                back = OdeSolver.solve(dynamics, Tensor.fromArray(s, size), stopTimes, opts);
            } catch (SolverException e) {
                throw new BackwardSolveException(e);
            }
            result.addBackward(back.stats());
            s = back.states().select(0, last).toArray();
            stops.apply(last, s, 0, n, 2 * n);
        }
        Tensor[] grads = new Tensor[1 + allParams.count()];
        grads[0] = Tensor.fromArray(Arrays.copyOfRange(s, n, 2 * n), shape);
        Tensor[] gp = fieldParams.unflatten(s, 2 * n);
        System.arraycopy(gp, 0, grads, 1, gp.length);
        Tensor[] ge = stops.eventOnlyGradients();
        System.arraycopy(ge, 0, grads, 1 + gp.length, ge.length);
        return grads;
    }
}
