package org.neuralode4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.Fixtures;

/**
 * The spiral recipe's solver settings ({@link SpiralBenchmark#solveOptions} with
 * {@link SpiralBenchmark#METHOD}) run torchdiffeq's dopri5: on the PyTorch fixture model, one batch of
 * the recipe (windows starting at samples 0, 50, …, 950, times t[0..9]) is evaluated at the same
 * times, step for step, rejections included. The expected times were printed by torchdiffeq
 * (float64, rtol 1e-7, atol 1e-9) on this machine for the same model and starting states; the
 * sequence ends where torchdiffeq, unlike this library, lets the step after a rejection grow.
 */
class TorchdiffeqStepSequenceTest {
    private static final double[] TORCHDIFFEQ_EVALUATION_TIMES = {
        0.000000000, 0.000062989, 0.001160705, 0.001741057, 0.004642819, 0.005158687, 0.005803523, 0.005803523,
        0.011432217, 0.014246564, 0.028318298, 0.030819940, 0.033946992, 0.033946992, 0.041365388, 0.045074586,
        0.063620577, 0.066917642, 0.071038974, 0.071038974, 0.078466537, 0.082180318, 0.100749225, 0.104050364,
        0.108176788, 0.108176788, 0.115653548, 0.119391928, 0.138083827, 0.141406832, 0.145560587, 0.145560587,
        0.153621319, 0.157651684, 0.177803512, 0.181386059, 0.185864243, 0.185864243, 0.152097963, 0.155366651,
        0.171710090, 0.174615590, 0.178247466, 0.178247466, 0.184784841, 0.188053529, 0.204396968, 0.207302468,
        0.210934344, 0.210934344, 0.183912623, 0.186745202, 0.200908097, 0.203425945, 0.206573255, 0.206573255,
    };

    @Test
    void evaluatesWhereTorchdiffeqEvaluates() throws Exception {
        SpiralOdeFunc model = new SpiralOdeFunc(new Xoshiro256StarStar(0));
        model.loadStateDict(Safetensors.read(Fixtures.path("spiral_mlp.safetensors")).tensors());
        VectorField field = new ModuleField(model);
        List<Double> times = new ArrayList<>();
        VectorField logged = (t, z) -> {
            times.add(t);
            return field.apply(t, z);
        };
        org.neuralode4j.data.Trajectory spiral = SpiralBenchmark.trueTrajectory();
        double[][] truth = new double[20][];
        for (int i = 0; i < 20; i++) {
            truth[i] = spiral.state(50 * i);
        }
        double[] t = java.util.Arrays.copyOf(Tensor.linspace(0, 25, SpiralBenchmark.DATA_SIZE).toArray(), 10);
        OdeSolver.solve(logged, Tensor.of(truth), t, SpiralBenchmark.solveOptions(SpiralBenchmark.METHOD));
        assertThat(times.size()).isGreaterThan(TORCHDIFFEQ_EVALUATION_TIMES.length);
        for (int i = 0; i < TORCHDIFFEQ_EVALUATION_TIMES.length; i++) {
            assertThat(times.get(i)).as("evaluation %d", i).isCloseTo(TORCHDIFFEQ_EVALUATION_TIMES[i], within(2e-9));
        }
    }
}
