package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Sequential;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * The checkpointed adjoint recomputes z once per segment of output intervals, not once per
 * interval: with 201 output times and a forward solve of a few dozen steps, a restart per interval
 * cost at least 200 recomputations (each with its own initial step and at least one step) and 200
 * separate backward solves; one segment costs about what the forward solve costs plus the backward
 * steps landing on the outputs. Gradients as DIRECT's.
 */
class CheckpointedSegmentsTest {

    @Test
    void manyOutputsShareOneRecomputation() {
        Run direct = run(Gradient.DIRECT, AdjointOptions.defaults());
        Run checkpointed = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults());
        assertThat(checkpointed.forwardSteps).isLessThan(60);
        // one restart per interval cost 6800 (200 recomputations, 200 backward solves); one segment about
        // 1980: the recomputation (~290, as the forward) and ~250 landing steps (outputs, recomputed steps)
        assertThat(checkpointed.backwardEvaluations).as("backward evaluations").isLessThan(2500);
        assertClose(checkpointed.gradient, direct.gradient, 1e-6);
    }

    @Test
    void extraCheckpointsSplitTheSegmentsWithoutChangingTheGradient() {
        Run one = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults());
        Run split = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.builder().checkpointSegments(7).build());
        assertClose(split.gradient, one.gradient, 1e-6);
    }

    @Test
    void extraCheckpointsOnOutputTimesStillSplitTheSegments() {
        // 1, 2 and 3 are output times too (0.02·50 = 1 exactly): the segments must still end there
        Run one = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults());
        Run split = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.builder().checkpointSegments(4).build());
        assertThat(split.backwardEvaluations).isGreaterThan(one.backwardEvaluations);
        assertClose(split.gradient, one.gradient, 1e-6);
    }

    @Test
    void aSegmentHasTheStepBudgetOfItsIntervals() {
        // 200 output intervals, maxSteps 200: every interval alone fits the budget, the segment's 200+
        // landing steps would not
        SolveOptions options = SolveOptions.builder().method("dopri5").rtol(1e-6).atol(1e-8).maxSteps(200).build();
        Run direct = run(Gradient.DIRECT, AdjointOptions.defaults(), options);
        Run checkpointed = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults(), options);
        assertClose(checkpointed.gradient, direct.gradient, 1e-5);
    }

    @Test
    void fixedStepsEndingOneUlpFromAnOutputCostNoExtraStep() {
        // rk4 with h = 0.02: a segment's grid start + k·h and the outputs t0 + (t1 − t0)·i/200 differ in
        // the last bits here and there; the backward solve lands on the outputs and takes one step per
        // interval
        SolveOptions options = SolveOptions.builder().method("rk4").stepSize(0.02).build();
        Run checkpointed = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults(), options);
        assertThat(checkpointed.backwardEvaluations).as("backward evaluations").isLessThanOrEqualTo(200 * 4 + 200 * 4);
        // backwards in time and through zero the grid's rounding is measured against the span, not near 0
        for (double[] span : new double[][] {{4, 0}, {-2, 2}, {-2.3, 1.7}}) {
            Run other = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults(), options, span[0], span[1]);
            assertThat(other.backwardEvaluations).as("backward evaluations over [%s, %s]", span[0], span[1])
                    .isLessThanOrEqualTo(200 * 4 + 200 * 4);
        }
    }

    @Test
    void anExtraCheckpointOneUlpFromAnOutputIsThatOutput() {
        // outputs 0.1·i: the extra checkpoints (t1 − t0)·k/3 are 0.10000000000000002 and
        // 0.20000000000000004, one ulp from the outputs 0.1 and 0.2, which they must be
        double[] times = {0, 0.1, 0.2, 0.30000000000000004};
        Run one = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults(), times);
        Run split = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.builder().checkpointSegments(3).build(), times);
        Run direct = run(Gradient.DIRECT, AdjointOptions.defaults(), times);
        assertClose(split.gradient, direct.gradient, 1e-6);
        // three segments of one interval each: three recomputations, no near-empty extra interval
        assertThat(split.backwardEvaluations).isLessThan(one.backwardEvaluations + 3 * 20);
    }

    @Test
    void segmentsHoldAboutSixtyFourForwardSteps() {
        assertThat(CheckpointedAdjointFunction.intervalsPerSegment(42, 200)).isEqualTo(200);
        assertThat(CheckpointedAdjointFunction.intervalsPerSegment(9, 9)).isEqualTo(9);
        assertThat(CheckpointedAdjointFunction.intervalsPerSegment(640, 100)).isEqualTo(10);
        assertThat(CheckpointedAdjointFunction.intervalsPerSegment(10_000, 10)).isEqualTo(1);
        assertThat(CheckpointedAdjointFunction.intervalsPerSegment(0, 0)).isEqualTo(1);
    }

    private record Run(double[] gradient, long forwardSteps, long backwardEvaluations) {
    }

    private static Run run(Gradient method, AdjointOptions adjoint) {
        return run(method, adjoint, SolveOptions.builder().method("dopri5").rtol(1e-8).atol(1e-10).build());
    }

    private static Run run(Gradient method, AdjointOptions adjoint, SolveOptions options) {
        return run(method, adjoint, options, 0, 4);
    }

    private static Run run(Gradient method, AdjointOptions adjoint, double[] times) {
        return run(method, adjoint, SolveOptions.builder().method("dopri5").rtol(1e-8).atol(1e-10).build(), times);
    }

    /** 201 outputs evenly from t0 to t1 (0.02 apart on [0, 4]). */
    private static Run run(Gradient method, AdjointOptions adjoint, SolveOptions options, double t0, double t1) {
        double[] times = new double[201];
        for (int i = 0; i < times.length; i++) {
            times[i] = t0 + (t1 - t0) * i / 200;
        }
        return run(method, adjoint, options, times);
    }

    /** dz/dt = z·Aᵀ + 0.1·MLP(z); L = Σ z(t_i)². */
    private static Run run(Gradient method, AdjointOptions adjoint, SolveOptions options, double[] times) {
        Tensor a = Tensor.of(new double[][] {{-0.3, 1.0}, {-1.0, -0.3}}).requiresGrad(true);
        Sequential mlp = Mlp.builder(2, 2).hidden(8).activation("tanh").seed(3).build();
        List<Tensor> params = new ArrayList<>(mlp.parameters());
        params.add(a);
        VectorField f = VectorField.withParameters(params, (t, z) -> z.matmul(a.mT()).add(mlp.forward(t, z).mul(0.1)));
        Tensor z0 = Tensor.of(new double[][] {{1.0, 0.0}, {-0.5, 0.8}}).requiresGrad(true);
        GradientSolution sol = Odeint.solve(f, z0, times, options, method, adjoint);
        sol.states().square().sum().backward();
        List<Tensor> leaves = new ArrayList<>(List.of(z0));
        leaves.addAll(params);
        return new Run(WholeSolveGradients.flatGradients(leaves), sol.forwardStats().acceptedSteps(),
                sol.backwardStats().functionEvaluations());
    }

    private static void assertClose(double[] actual, double[] expected, double relative) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("entry %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThan(relative * scale);
        }
    }
}
