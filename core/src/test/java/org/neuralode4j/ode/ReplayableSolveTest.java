package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.tensor.Tensor;

/**
 * Replaying a logged step, untaped or on the tape, repeats the forward solve's arithmetic bit for
 * bit: the new state and the dense output at the output times inside the step; and the taped solve
 * (DIRECT) takes the very same steps.
 */
class ReplayableSolveTest {
    private static final double[] TIMES = {0, 0.05, 0.3, 0.31, 0.7, 1.0, 1.6, 2.0};

    /** A tanh network read as a time-dependent field: f = tanh(z W1 + b1) W2 + sin(3t). */
    private record TimeMlp(List<Tensor> parameters) implements VectorField {
        static TimeMlp random(long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            return new TimeMlp(List.of(Tensor.randn(rng, 3, 8).mul(0.6).requiresGrad(true),
                    Tensor.randn(rng, 8).mul(0.2).requiresGrad(true), Tensor.randn(rng, 8, 3).mul(0.6).requiresGrad(true)));
        }

        @Override
        public Tensor apply(double t, Tensor z) {
            return z.matmul(parameters.get(0)).add(parameters.get(1)).tanh().matmul(parameters.get(2)).add(Math.sin(3 * t));
        }
    }

    private static void assertReplaysExactly(VectorField f, Tensor z0, double[] times, SolveOptions options) {
        ReplayableSolve solve = ReplayableSolve.solve(f, z0, times, options);
        int n = z0.numel();
        double[] outputs = solve.solution().states().toArray();
        double[] state = z0.toArray();
        int row = 1;
        for (int k = 0; k < solve.stepCount(); k++) {
            List<Double> inside = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            while (row < times.length && solve.stepProducing(times[row]) == k) {
                inside.add(times[row]);
                rows.add(row++);
            }
            double[] at = inside.stream().mapToDouble(Double::doubleValue).toArray();
            Tensor start = Tensor.fromArray(state, z0.shape()).requiresGrad(true);
            Tensor[] taped = solve.replayOnTape(k, start, at);
            assertThat(taped[0].requiresGrad()).as("recorded").isTrue();
            solve.advance(k, k + 1, state);
            assertSame(taped[0].toArray(), state, "y_" + (k + 1) + " taped vs untaped");
            for (int i = 0; i < at.length; i++) {
                double[] expected = java.util.Arrays.copyOfRange(outputs, rows.get(i) * n, (rows.get(i) + 1) * n);
                assertSame(taped[1 + i].toArray(), expected, "output " + rows.get(i) + " in step " + k);
            }
        }
        assertThat(row).isEqualTo(times.length);
        double[] whole = z0.toArray();
        solve.advance(0, solve.stepCount(), whole);
        assertSame(whole, java.util.Arrays.copyOfRange(outputs, (times.length - 1) * n, times.length * n), "y_N");

        Tensor leaf = z0.detach().requiresGrad(true);
        Solution direct = Autodiff.enableGrad(() -> OdeSolver.solve(f, leaf, times, options));
        assertThat(direct.states().requiresGrad()).isTrue();
        assertSame(direct.states().toArray(), outputs, "taped solve's outputs");
        assertThat(direct.stats()).isEqualTo(solve.solution().stats());
    }

    private static void assertSame(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != expected[i]) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]
                        + " bit for bit");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dopri5", "tsit5", "bosh3", "dopri8", "heun-euler", "dopri5-shampine"})
    void adaptiveStepsReplayBitForBit(String method) {
        SolveOptions options = SolveOptions.builder().method(method).rtol(1e-6).atol(1e-8).build();
        assertReplaysExactly(TimeMlp.random(1), Tensor.randn(new SplittableRandom(2), 4, 3), TIMES, options);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rk4", "euler", "midpoint", "rk38"})
    void fixedStepsReplayBitForBit(String method) {
        SolveOptions options = SolveOptions.builder().method(method).stepSize(0.13).build();
        assertReplaysExactly(TimeMlp.random(3), Tensor.randn(new SplittableRandom(4), 2, 3), TIMES, options);
    }

    @Test
    void fusedNetworksReplayBitForBit() {
        SolveOptions options = SolveOptions.builder().rtol(1e-7).atol(1e-9).build();
        assertReplaysExactly(new ModuleField(new SpiralOdeFunc(new SplittableRandom(5))),
                Tensor.randn(new SplittableRandom(6), 5, 2), TIMES, options);
        assertReplaysExactly(new ModuleField(Mlp.builder(2, 2).hidden(16, 16).seed(7).build()),
                Tensor.randn(new SplittableRandom(8), 3, 2), TIMES, options);
    }

    @Test
    void jumpAndStepTimesReplayBitForBit() {
        SolveOptions options = SolveOptions.builder().rtol(1e-6).atol(1e-8).jumpTimes(0.45, 1.2).stepTimes(0.8)
                .build();
        TimeMlp mlp = TimeMlp.random(9);
        VectorField switched = new VectorField() {
            @Override
            public Tensor apply(double t, Tensor z) {
                Tensor base = mlp.apply(t, z);
                return t > 0.45 && t <= 1.2 ? base.mul(-0.5) : base;
            }

            @Override
            public List<Tensor> parameters() {
                return mlp.parameters();
            }
        };
        assertReplaysExactly(switched, Tensor.randn(new SplittableRandom(10), 2, 3), TIMES, options);
    }

    @Test
    void backwardsInTimeReplaysBitForBit() {
        double[] down = {2.0, 1.5, 1.49, 0.2, 0.0};
        assertReplaysExactly(TimeMlp.random(11), Tensor.randn(new SplittableRandom(12), 2, 3), down,
                SolveOptions.builder().rtol(1e-6).atol(1e-8).build());
    }

    @Test
    void refusesSolvesWhoseStepsDependOnMoreThanTheirInputState() {
        VectorField f = (t, z) -> z.neg();
        Tensor z0 = Tensor.of(1.0, 2.0);
        double[] times = {0, 1};
        assertThatThrownBy(() -> ReplayableSolve.solve(f, z0, times, SolveOptions.builder().method("rodas5p").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Jacobian");
        assertThatThrownBy(() -> ReplayableSolve.solve(f, z0, times, SolveOptions.builder()
                .outputHook((i, t, z) -> z).build())).hasMessageContaining("output hook");
        assertThatThrownBy(() -> ReplayableSolve.solve(f, z0.unsqueeze(0), times, SolveOptions.builder()
                .perSample(true).build())).hasMessageContaining("per-sample");
    }
}
