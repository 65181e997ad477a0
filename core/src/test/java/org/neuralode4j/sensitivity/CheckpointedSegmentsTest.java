package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

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
        // rk4 with h = 0.02 from a segment start: 0.4 + 15·0.02 and the output 0.02·35 differ in the last
        // bit; the backward solve lands on the output and takes one step per interval
        SolveOptions options = SolveOptions.builder().method("rk4").stepSize(0.02).build();
        Run checkpointed = run(Gradient.CHECKPOINTED_ADJOINT, AdjointOptions.defaults(), options);
        assertThat(checkpointed.backwardEvaluations).as("backward evaluations").isLessThanOrEqualTo(200 * 4 + 200 * 4);
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

    /** dz/dt = z·Aᵀ + 0.1·MLP(z) on [0, 4] with outputs every 0.02; L = Σ z(t_i)². */
    private static Run run(Gradient method, AdjointOptions adjoint, SolveOptions options) {
        Tensor a = Tensor.of(new double[][] {{-0.3, 1.0}, {-1.0, -0.3}}).requiresGrad(true);
        Sequential mlp = Mlp.builder(2, 2).hidden(8).activation("tanh").seed(3).build();
        List<Tensor> params = new java.util.ArrayList<>(mlp.parameters());
        params.add(a);
        VectorField f = new VectorField() {
            @Override
            public Tensor apply(double t, Tensor z) {
                return z.matmul(a.mT()).add(mlp.forward(t, z).mul(0.1));
            }

            @Override
            public List<Tensor> parameters() {
                return params;
            }
        };
        Tensor z0 = Tensor.of(new double[][] {{1.0, 0.0}, {-0.5, 0.8}}).requiresGrad(true);
        double[] times = new double[201];
        for (int i = 0; i < times.length; i++) {
            times[i] = 0.02 * i;
        }
        GradientSolution sol = Odeint.solve(f, z0, times, options, method, adjoint);
        sol.states().square().sum().backward();
        int size = z0.numel();
        for (Tensor p : params) {
            size += p.numel();
        }
        double[] g = new double[size];
        int at = 0;
        for (double v : z0.grad().toArray()) {
            g[at++] = v;
        }
        for (Tensor p : params) {
            for (double v : p.grad().toArray()) {
                g[at++] = v;
            }
        }
        return new Run(g, sol.forwardStats().acceptedSteps(), sol.backwardStats().functionEvaluations());
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
