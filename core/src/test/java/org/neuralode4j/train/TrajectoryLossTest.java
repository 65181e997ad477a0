package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

class TrajectoryLossTest {

    private static Trajectory threeChannels() {
        double[] t = {0, 0.1, 0.2, 0.3, 0.4, 0.5};
        double[][] z = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            z[i] = new double[] {Math.cos(t[i]), Math.sin(t[i]), t[i]};
        }
        return new Trajectory("three", t, z, null);
    }

    @Test
    void aModelOfAnotherDimensionIsRejectedNamingBoth() {
        TimeSeriesDataset data = TimeSeriesDataset.of(threeChannels());
        SpiralOdeFunc model = new SpiralOdeFunc(new Xoshiro256StarStar(0));
        assertThatThrownBy(() -> TrajectoryLoss.builder(model, data).batchSize(2).batchTime(3).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("the dataset has 3 state channels [z0, z1, z2]")
                .hasMessageContaining("the model takes 2-dimensional states");
    }

    @Test
    void aFieldThatChangesTheDimensionIsRejected() {
        TimeSeriesDataset data = TimeSeriesDataset.of(threeChannels());
        VectorField dropsOne = (t, z) -> z.slice(1, 0, 2);
        assertThatThrownBy(() -> TrajectoryLoss.builder(dropsOne, data).batchSize(2).batchTime(3).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("the dataset has 3 state channels")
                .hasMessageContaining("shape [1, 2] (3-dimensional states to 2-dimensional derivatives)");
    }

    @Test
    void theBatchMustFitTheData() {
        TimeSeriesDataset data = TimeSeriesDataset.of(threeChannels());
        VectorField zero = (t, z) -> z.mul(0.0);
        assertThatThrownBy(() -> TrajectoryLoss.builder(zero, data).batchSize(20).batchTime(3).build())
                .isInstanceOf(DataException.class).hasMessageContaining("fewer than the batch size 20");
    }

    @Test
    void perWindowSolvesAgreeWithTheCoupledSolveAndCarryGradients() {
        Trajectory truth = SpiralBenchmark.trueTrajectory().slice(0, 100);
        TimeSeriesDataset data = TimeSeriesDataset.of(truth);
        SpiralOdeFunc model = new SpiralOdeFunc(new Xoshiro256StarStar(3));
        SolveOptions tight = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
        TrajectoryLoss coupled = TrajectoryLoss.builder(model, data).batchSize(5).batchTime(6).solveOptions(tight)
                .loss(Losses::l1).build();
        TrajectoryLoss perWindow = TrajectoryLoss.builder(model, data).batchSize(5).batchTime(6).solveOptions(tight)
                .loss(Losses::l1).absoluteTimes().build();
        StepResult a = coupled.compute(1, new Xoshiro256StarStar(11));
        StepResult b = perWindow.compute(1, new Xoshiro256StarStar(11));
        assertThat(b.loss().item()).isCloseTo(a.loss().item(), within(1e-9));
        assertThat(b.forwardEvaluations()).isGreaterThan(a.forwardEvaluations());
        b.loss().backward();
        for (Tensor p : model.parameters()) {
            assertThat(p.grad()).isNotNull();
            assertThat(p.grad().hasNonFinite()).isFalse();
        }
    }

    @Test
    void adjointBackwardEvaluationsAreReportedAfterTheBackwardPass() {
        TimeSeriesDataset data = TimeSeriesDataset.of(SpiralBenchmark.trueTrajectory().slice(0, 100));
        SpiralOdeFunc model = new SpiralOdeFunc(new Xoshiro256StarStar(3));
        TrajectoryLoss loss = TrajectoryLoss.builder(model, data).batchSize(5).batchTime(6)
                .gradient(Gradient.ADJOINT).build();
        StepResult r = loss.compute(1, new Xoshiro256StarStar(1));
        assertThat(r.backwardEvaluations().getAsLong()).isZero();
        r.loss().backward();
        assertThat(r.backwardEvaluations().getAsLong()).isPositive();
    }

    @Test
    void evaluateScoresWholeTrajectoriesFromTheirFirstSample() {
        Trajectory truth = SpiralBenchmark.trueTrajectory().slice(0, 50);
        TimeSeriesDataset data = TimeSeriesDataset.of(truth);
        VectorField trueField = SpiralBenchmark.trueDynamics();
        TrajectoryLoss loss = TrajectoryLoss.builder(trueField, data).loss(Losses::l1).build();
        assertThat(loss.evaluate(data)).isLessThan(1e-6);
        VectorField still = (t, z) -> z.mul(0.0);
        TrajectoryLoss constant = TrajectoryLoss.builder(still, data).loss(Losses::l1).build();
        double expected = 0;
        for (int i = 0; i < truth.length(); i++) {
            expected += Math.abs(truth.state(i, 0) - 2) + Math.abs(truth.state(i, 1));
        }
        assertThat(constant.evaluate(data)).isCloseTo(expected / (2 * truth.length()), within(1e-12));
        assertThatThrownBy(() -> constant.evaluate(TimeSeriesDataset.of(threeChannels())))
                .isInstanceOf(DataException.class).hasMessageContaining("3 state channels, the training data 2");
        assertThat(List.of(data.dim())).containsExactly(2);
    }
}
