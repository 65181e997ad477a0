package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Tensor;

/**
 * Direct backpropagation through the solver: with the tape on, the states are recorded tensors and
 * their gradients with respect to z0 and to the parameters the vector field reads match fourth-order
 * finite differences (GradientCheck). Step sizes are constants of the backward pass; at rtol 1e-10
 * the adaptive solve's finite differences (which see the step sizes move) still agree to better
 * than 1e-6 (measured 8e-9 to 2e-7); fixed steps agree to a few 1e-9.
 */
class DirectBackpropTest {
    private static final double[] TIMES = {0, 0.3, 0.7, 1.5};

    /** A small network field 2 → 4 → 2 with a time-dependent term; inputs: z0, W1, b1, W2, b2. */
    private static Function<Tensor[], Tensor> solveWith(SolveOptions options) {
        return in -> {
            Tensor w1 = in[1];
            Tensor b1 = in[2];
            Tensor w2 = in[3];
            Tensor b2 = in[4];
            VectorField f = VectorField.withParameters(List.of(w1, b1, w2, b2),
                    (t, z) -> z.matmul(w1).add(b1).tanh().matmul(w2).add(b2).add(z.mul(0.3 * Math.sin(t))));
            return OdeSolver.solve(f, in[0], TIMES, options).states();
        };
    }

    private static Tensor[] inputs() {
        SplittableRandom rng = new SplittableRandom(3);
        return new Tensor[] {
            Tensor.of(new double[][] {{0.5, -1.0}, {1.2, 0.3}}),
            Tensor.normal(rng, 0, 0.8, 2, 4), Tensor.normal(rng, 0, 0.3, 4),
            Tensor.normal(rng, 0, 0.8, 4, 2), Tensor.normal(rng, 0, 0.3, 2)};
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rk4", "dopri5", "heun-euler", "dopri8", "euler"})
    void fixedStepGradientsMatchFiniteDifferences(String method) {
        SolveOptions o = SolveOptions.builder().method(method).stepSize(0.1).build();
        GradientCheck.Result r = GradientCheck.check(solveWith(o), inputs());
        assertThat(r.checked()).isEqualTo(4 + 8 + 4 + 8 + 2);
        assertThat(r.maxRelativeError()).as(r.worst()).isLessThan(5e-8);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dopri5", "tsit5", "dopri8"})
    void adaptiveGradientsAtTightToleranceMatchFiniteDifferences(String method) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-10).atol(1e-10).build();
        GradientCheck.Result r = GradientCheck.check(solveWith(o), inputs());
        assertThat(r.maxRelativeError()).as(r.worst()).isLessThan(1e-6);
    }

    @Test
    void everyStageCombinationIsOneRecordedNode() {
        Tensor a = Tensor.of(new double[][] {{0, 1}, {-1, 0}}).requiresGrad(true);
        Tensor z0 = Tensor.of(new double[][] {{1, 0}}).requiresGrad(true);
        Tape tape = Tape.current();
        tape.resetCounters();
        int steps = 10;
        Solution s = OdeSolver.solve((t, z) -> z.matmul(a), z0, new double[] {0, 1},
                SolveOptions.builder().stepSize(1.0 / steps).build());
        // f(t0, z0), then per dopri5 step 6 stage states (the FSAL one is y1) and 6 evaluations of f
        // (one matmul each), then stacking the two outputs (one node)
        assertThat(tape.liveNodes()).isEqualTo(1 + steps * (6 + 6) + 1);
        s.states().sum().backward();
        assertThat(a.grad()).isNotNull();
        assertThat(z0.grad()).isNotNull();
    }

    @Test
    void nothingIsRecordedWithoutGradients() {
        Tensor a = Tensor.of(new double[][] {{0, 1}, {-1, 0}});
        Tape tape = Tape.current();
        tape.resetCounters();
        Solution s = OdeSolver.solve((t, z) -> z.matmul(a), Tensor.of(new double[][] {{1, 0}}), new double[] {0, 1, 2},
                SolveOptions.defaults());
        assertThat(tape.liveNodes()).isZero();
        assertThat(s.states().requiresGrad()).isFalse();
        Tensor p = a.detach().requiresGrad(true);
        Tensor z0 = Tensor.of(new double[][] {{1, 0}}).requiresGrad(true);
        Solution quiet = Autodiff.noGrad(() -> OdeSolver.solve((t, z) -> z.matmul(p), z0, new double[] {0, 1},
                SolveOptions.defaults()));
        assertThat(tape.liveNodes()).isZero();
        assertThat(quiet.states().requiresGrad()).isFalse();
        Solution same = OdeSolver.solve((t, z) -> z.matmul(a), Tensor.of(new double[][] {{1, 0}}), new double[] {0, 1},
                SolveOptions.defaults());
        assertThat(quiet.states().toArray()).containsExactly(same.states().toArray());
    }

    @Test
    void parametersReadByTheFieldAreDetectedWithoutBeingListed() {
        Tensor rate = Tensor.scalar(0.7).requiresGrad(true);
        Solution s = OdeSolver.solve((t, z) -> z.mul(rate).neg(), Tensor.of(1.0), new double[] {0, 1},
                SolveOptions.builder().rtol(1e-12).atol(1e-12).build());
        s.state(1).sum().backward();
        // y(1) = exp(-rate): dy/drate = -exp(-0.7)
        assertThat(rate.grad().item()).isCloseTo(-Math.exp(-0.7), within(1e-10));
    }

    @Test
    void secondDerivativesThroughTheSolver() {
        Tensor rate = Tensor.scalar(0.7).requiresGrad(true);
        Solution s = OdeSolver.solve((t, z) -> z.mul(rate).neg(), Tensor.of(1.0), new double[] {0, 1},
                SolveOptions.builder().method("rk4").stepSize(0.01).build());
        Tensor y1 = s.state(1).sum();
        Tensor[] first = Autodiff.grad(y1, new Tensor[] {rate}, null, true, true);
        Tensor[] second = Autodiff.grad(first[0], rate);
        // y(1) = exp(-rate): first derivative -exp(-rate), second exp(-rate)
        assertThat(first[0].item()).isCloseTo(-Math.exp(-0.7), within(1e-9));
        assertThat(second[0].item()).isCloseTo(Math.exp(-0.7), within(1e-8));
    }
}
