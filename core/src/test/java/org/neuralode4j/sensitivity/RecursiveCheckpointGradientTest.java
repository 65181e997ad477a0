package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.Compare;

/**
 * {@link Gradient#RECURSIVE_CHECKPOINT} returns DIRECT's gradient (to 1e-12 relative) for every
 * number of checkpoints, from one to more than the steps, with outputs landing on step ends and
 * interpolated inside steps; it never stores more than c states and advances exactly Revolve's
 * optimum number of steps.
 */
class RecursiveCheckpointGradientTest {
    private static final SolveOptions DOPRI5 = SolveOptions.builder().rtol(1e-6).atol(1e-8).build();
    /** 41 outputs over [0, 2]: several inside most adaptive steps. */
    private static final double[] DENSE_TIMES = Tensor.linspace(0, 2, 41).toArray();

    /** A field with explicit parameters. */
    private record Field(List<Tensor> parameters, Body body) implements VectorField {
        @Override
        public Tensor apply(double t, Tensor z) {
            return body.apply(t, z, parameters);
        }
    }

    private interface Body {
        Tensor apply(double t, Tensor z, List<Tensor> p);
    }

    private static List<Tensor> mlpWeights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(Tensor.randn(rng, 3, 10).mul(0.7), Tensor.randn(rng, 10).mul(0.3), Tensor.randn(rng, 10, 3).mul(0.7),
                Tensor.randn(rng, 3).mul(0.1));
    }

    /** An autonomous tanh MLP: f = tanh(z W1 + b1) W2 + b2. */
    private static Field mlp(List<Tensor> p) {
        return new Field(p, (t, z, q) -> z.matmul(q.get(0)).add(q.get(1)).tanh().matmul(q.get(2)).add(q.get(3)));
    }

    /** A time-dependent one: f = tanh(z W1 + b1 cos 2t) W2 − 0.3 z + b2 sin 5t. */
    private static Field timeDependent(List<Tensor> p) {
        return new Field(p, (t, z, q) -> z.matmul(q.get(0)).add(q.get(1).mul(Math.cos(2 * t))).tanh().matmul(q.get(2))
                .sub(z.mul(0.3)).add(q.get(3).mul(Math.sin(5 * t))));
    }

    /** The gradient of a loss over all outputs with respect to z0 and the weights, flattened, with the solve. */
    private record Run(double[] gradient, GradientSolution solution) {
    }

    private static Run run(Function<List<Tensor>, Field> field, Tensor z0, double[] times, SolveOptions options,
                           Gradient method, int checkpoints) {
        List<Tensor> weights = mlpWeights(5).stream().map(w -> w.detach().requiresGrad(true)).toList();
        Tensor z = z0.detach().requiresGrad(true);
        GradientSolution sol = Odeint.solve(field.apply(weights), z, times, options, method,
                AdjointOptions.builder().checkpoints(checkpoints).build());
        Tensor target = Tensor.randn(new SplittableRandom(11), sol.states().shape()).mul(0.5);
        sol.states().sub(target).square().mean().add(sol.states().select(0, times.length / 3).sin().sum()).backward();
        double[] grad = z.grad().toArray();
        for (Tensor w : weights) {
            double[] g = w.grad().toArray();
            double[] all = new double[grad.length + g.length];
            System.arraycopy(grad, 0, all, 0, grad.length);
            System.arraycopy(g, 0, all, grad.length, g.length);
            grad = all;
        }
        return new Run(grad, sol);
    }

    private static void assertMatchesDirect(String name, Function<List<Tensor>, Field> field, double[] times,
                                            SolveOptions options) {
        Tensor z0 = Tensor.randn(new SplittableRandom(3), 4, 3);
        Run direct = run(field, z0, times, options, Gradient.DIRECT, 1);
        int steps = (int) direct.solution().forwardStats().acceptedSteps();
        for (int c : new int[] {1, 2, 3, 5, steps - 1, steps, steps + 7}) {
            if (c < 1) {
                continue;
            }
            Run recursive = run(field, z0, times, options, Gradient.RECURSIVE_CHECKPOINT, c);
            double difference = Compare.maxRelative(recursive.gradient(), direct.gradient());
            System.out.printf(Locale.ROOT, "%s: N = %d steps, c = %d: max relative difference to DIRECT %.3g%n", name,
                    steps, c, difference);
            assertThat(difference).as("%s, c = %d", name, c).isLessThan(1e-12);
            assertThat(recursive.solution().states().toArray()).isEqualTo(direct.solution().states().toArray());
            assertThat(recursive.solution().forwardStats()).isEqualTo(direct.solution().forwardStats());
            assertThat(recursive.solution().backwardStats().acceptedSteps()).as("advanced + reversed steps")
                    .isEqualTo(RevolveSchedule.optimalAdvances(steps, c) + steps);
        }
    }

    @Test
    void mlpFieldMatchesDirectForEveryNumberOfCheckpoints() {
        assertMatchesDirect("mlp, dopri5", RecursiveCheckpointGradientTest::mlp, DENSE_TIMES, DOPRI5);
    }

    @Test
    void timeDependentFieldMatchesDirectForEveryNumberOfCheckpoints() {
        assertMatchesDirect("time-dependent, dopri5", RecursiveCheckpointGradientTest::timeDependent, DENSE_TIMES,
                DOPRI5);
    }

    @Test
    void outputsLandingOnStepEndsMatchDirect() {
        // rk4 with step 0.1 lands on every output (multiples of 0.2); tsit5 lands on stepTimes 0.5 and 1.5,
        // which are outputs too, and interpolates the others
        assertMatchesDirect("time-dependent, rk4 fixed", RecursiveCheckpointGradientTest::timeDependent,
                new double[] {0, 0.2, 0.4, 0.6, 1.0, 1.4, 2.0}, SolveOptions.builder().method("rk4").stepSize(0.1).build());
        assertMatchesDirect("mlp, tsit5 with step times", RecursiveCheckpointGradientTest::mlp,
                new double[] {0, 0.3, 0.5, 1.1, 1.5, 2.0},
                SolveOptions.builder().method("tsit5").rtol(1e-7).atol(1e-9).stepTimes(0.5, 1.5).build());
    }

    @Test
    void extraStagesJumpTimesAndBackwardSolvesMatchDirect() {
        assertMatchesDirect("mlp, dopri8", RecursiveCheckpointGradientTest::mlp, DENSE_TIMES,
                SolveOptions.builder().method("dopri8").rtol(1e-6).atol(1e-8).build());
        assertMatchesDirect("time-dependent, bosh3, jump at 0.7", RecursiveCheckpointGradientTest::timeDependent,
                DENSE_TIMES, SolveOptions.builder().method("bosh3").rtol(1e-5).atol(1e-7).jumpTimes(0.7).build());
        assertMatchesDirect("time-dependent, backwards", RecursiveCheckpointGradientTest::timeDependent,
                new double[] {1.5, 1.2, 0.9, 0.0, -0.4}, DOPRI5);
    }

    @Test
    void neverStoresMoreThanItsCheckpointsAndAdvancesTheOptimum() {
        Tensor z0 = Tensor.randn(new SplittableRandom(4), 2, 3).requiresGrad(true);
        List<Tensor> weights = mlpWeights(6).stream().map(w -> w.detach().requiresGrad(true)).toList();
        Field f = timeDependent(weights);
        SolveOptions fine = SolveOptions.builder().method("rk4").stepSize(0.01).build();
        for (int c : new int[] {1, 2, 4, 9, 32, 200, 500}) {
            RecursiveCheckpointFunction fn = new RecursiveCheckpointFunction(f, DENSE_TIMES, fine,
                    new ParameterSet(f.parameters()), c);
            Tensor[] inputs = new Tensor[1 + weights.size()];
            inputs[0] = z0;
            for (int i = 0; i < weights.size(); i++) {
                inputs[1 + i] = weights.get(i);
            }
            GradientSolution sol = fn.unpack(fn.apply(inputs));
            sol.states().square().sum().backward();
            int steps = (int) sol.forwardStats().acceptedSteps();
            assertThat(steps).isEqualTo(200);
            BinomialReversal reversal = fn.lastReversal();
            assertThat(reversal.peakStoredStates()).as("stored states, c = %d", c).isLessThanOrEqualTo(c)
                    .isEqualTo(Math.min(c, steps - 1));
            assertThat(reversal.advancedSteps()).as("advanced steps, c = %d", c)
                    .isEqualTo(RevolveSchedule.optimalAdvances(steps, c));
            assertThat(reversal.reversedSteps()).isEqualTo(steps);
            // rk4: 4 evaluations per step; an advanced run of steps reuses nothing (no FSAL)
            assertThat(sol.backwardStats().functionEvaluations()).isEqualTo(4 * (reversal.advancedSteps() + steps));
        }
    }

    @Test
    void refusesWhatItCannotReplay() {
        Tensor z0 = Tensor.of(1.0, 0.5).requiresGrad(true);
        Field f = new Field(List.of(), (t, z, p) -> z.neg());
        double[] times = {0, 1};
        Event event = Event.of((t, z) -> z.buffer()[0] - 0.5).withTerminal(true);
        assertThatThrownBy(() -> Odeint.solve(f, z0, times, SolveOptions.builder().events(event).build(),
                Gradient.RECURSIVE_CHECKPOINT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recursive").hasMessageContaining("events").hasMessageContaining("Gradient.DIRECT");
        assertThatThrownBy(() -> Odeint.solve(f, z0, times, SolveOptions.builder().method("kvaerno5").build(),
                Gradient.RECURSIVE_CHECKPOINT)).hasMessageContaining("stiff method kvaerno5");
        assertThatThrownBy(() -> Odeint.solve(f, z0, times, SolveOptions.builder().outputHook((i, t, z) -> z).build(),
                Gradient.RECURSIVE_CHECKPOINT)).hasMessageContaining("output hook");
        assertThatThrownBy(() -> AdjointOptions.builder().checkpoints(0)).hasMessageContaining(">= 1");
    }

    @Test
    void aSingleOutputTimeIsTheInitialState() {
        Tensor z0 = Tensor.of(1.0, 0.5).requiresGrad(true);
        GradientSolution sol = Odeint.solve(new Field(List.of(), (t, z, p) -> z.neg()), z0, new double[] {0.3}, DOPRI5,
                Gradient.RECURSIVE_CHECKPOINT);
        sol.states().mul(Tensor.of(2.0, 3.0)).sum().backward();
        assertThat(z0.grad().toArray()).containsExactly(2.0, 3.0);
        assertThat(sol.backwardStats().functionEvaluations()).isZero();
    }
}
