package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.sensitivity.Odeint;
import org.neuralode4j.tensor.Tensor;

/** NeuralOde: agreement with Odeint, gradients against central differences, augmentation, per-sample grids, inputs. */
class NeuralOdeTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
    private static final SolveOptions VERY_TIGHT = SolveOptions.builder().rtol(1e-12).atol(1e-14).build();
    private static final double[] TIMES = {0, 0.3, 0.7, 1.0};

    private static Tensor[] tiny(long seed, int in, int hidden, int out) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Tensor[] {Tensor.randn(rng, hidden, in).mul(0.6), Tensor.randn(rng, hidden).mul(0.2),
            Tensor.randn(rng, out, hidden).mul(0.6)};
    }

    private static Tensor[] with(Tensor first, Tensor[] rest) {
        Tensor[] all = new Tensor[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static void assertGradientsMatch(Function<Tensor[], Tensor> f, Tensor[] inputs, String what) {
        // Adaptive steps make the discrete solution only piecewise smooth in the inputs: large
        // finite-difference steps and very tight solves, as in GradientMethodsTest. Driven fields
        // rely on the solves landing on the input samples: stepping across a kink of u leaves
        // errors far above the tolerance that the differences amplify.
        GradientCheck.Result r = GradientCheck.check(f, inputs, 1e-3, 1e-3, 42L);
        assertThat(r.passed(1e-6)).as("%s: %s (%.3g)", what, r.worst(), r.maxRelativeError()).isTrue();
    }

    @Test
    void forwardIsOdeintOnTheModule() {
        Tensor[] p = tiny(1, 2, 5, 2);
        TinyFields.Tiny field = new TinyFields.Tiny(p[0], p[1], p[2]);
        Tensor z0 = Tensor.randn(new SplittableRandom(2), 3, 2);
        NeuralOde model = NeuralOde.builder(field).options(TIGHT).build();
        Tensor expected = Odeint.solve(new ModuleField(field), z0, TIMES, TIGHT, Gradient.DIRECT).states();
        assertThat(model.forward(z0, TIMES).toArray()).containsExactly(expected.toArray());
        assertThat(model.forward(z0, TIMES).shape()).containsExactly(4, 3, 2);
        assertThat(model.parameters()).containsExactlyElementsOf(field.parameters());
        assertThat(model.namedParameters().keySet()).containsExactly("w1", "b1", "w2");
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void gradientsMatchCentralDifferences(Gradient gradient) {
        Tensor z0 = Tensor.randn(new SplittableRandom(3), 2, 2);
        Function<Tensor[], Tensor> f = x -> NeuralOde.builder(new TinyFields.Tiny(x[1], x[2], x[3]))
                .options(VERY_TIGHT).gradient(gradient).build().forward(x[0], TIMES);
        assertGradientsMatch(f, with(z0, tiny(4, 2, 4, 2)), "neural ODE, " + gradient);
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void augmentedGradientsMatchCentralDifferences(Gradient gradient) {
        Tensor z0 = Tensor.randn(new SplittableRandom(5), 2, 2);
        // D = 2 data channels, A = 2 augmented ones: the field maps 4 features to 4
        Function<Tensor[], Tensor> f = x -> NeuralOde.builder(new TinyFields.Tiny(x[1], x[2], x[3])).augment(2)
                .options(VERY_TIGHT).gradient(gradient).build().forward(x[0], TIMES);
        assertGradientsMatch(f, with(z0, tiny(6, 4, 4, 4)), "augmented neural ODE, " + gradient);
    }

    @Test
    void augmentationPadsZerosAndReadsOutTheDataChannels() {
        MlpField field = MlpField.builder(3).hidden(8).rng(new SplittableRandom(7)).build();
        NeuralOde model = NeuralOde.builder(field).augment(1).options(TIGHT).build();
        Tensor z0 = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}});
        Tensor out = model.forward(z0, TIMES);
        assertThat(out.shape()).containsExactly(4, 2, 2);
        assertThat(out.select(0, 0).toArray()).containsExactly(z0.toArray());
        Tensor padded = Tensor.of(new double[][] {{0.5, -1, 0}, {2, 0.25, 0}});
        Tensor full = Odeint.solve(new ModuleField(field), padded, TIMES, TIGHT, Gradient.DIRECT).states();
        assertThat(out.toArray()).containsExactly(full.slice(-1, 0, 2).toArray());
        assertThat(model.augment()).isEqualTo(1);
        assertThatThrownBy(() -> NeuralOde.builder(field).augment(-1)).hasMessageContaining("augment = -1");
    }

    @Test
    void perSampleGridsSolveEachRowOnItsOwnAndCarryGradients() {
        Tensor[] p = tiny(8, 2, 5, 2);
        TinyFields.Tiny field = new TinyFields.Tiny(p[0], p[1], p[2]);
        NeuralOde model = NeuralOde.builder(field).options(TIGHT).gradient(Gradient.ADJOINT).build();
        Tensor z0 = Tensor.randn(new SplittableRandom(9), 3, 2);
        double[][] times = {{0, 0.2, 0.9}, {0.5, 0.6, 0.8, 1.7}, {1, 0.4}};
        List<Tensor> rows = model.forwardPerSample(z0, times);
        long nfe = model.lastForwardStats().functionEvaluations();
        Tensor loss = rows.get(0).sum().add(rows.get(1).square().sum()).add(rows.get(2).sum());
        loss.backward();
        double[] grad = p[0].grad().toArray();
        assertThat(model.lastBackwardStats().functionEvaluations()).isPositive();

        model.zeroGrad();
        long separate = 0;
        Tensor sum = Tensor.scalar(0);
        for (int b = 0; b < 3; b++) {
            Tensor row = model.forward(z0.slice(0, b, b + 1), times[b]).squeeze(1);
            separate += model.lastForwardStats().functionEvaluations();
            assertThat(row.toArray()).containsExactly(rows.get(b).toArray());
            sum = sum.add(b == 1 ? row.square().sum() : row.sum());
        }
        sum.backward();
        assertThat(p[0].grad().toArray()).containsExactly(grad);
        assertThat(nfe).isEqualTo(separate);
        assertThat(rows.get(1).shape()).containsExactly(4, 2);
        assertThatThrownBy(() -> model.forwardPerSample(z0, new double[][] {{0, 1}}))
                .hasMessageContaining("z0 has 3 rows but 1 time arrays");
    }

    @Test
    void oneInputSignalPerRowEqualsRowByRowSolves() {
        Tensor[] p = tiny(10, 3, 5, 2);
        TinyFields.TinyDriven field = new TinyFields.TinyDriven(1, p[0], p[1], p[2]);
        NeuralOde model = NeuralOde.builder(field).options(VERY_TIGHT).build();
        double[] grid = {0, 0.25, 0.5, 0.75, 1};
        InputSignal a = InputSignal.of(grid, new double[][] {{0}, {1}, {0.5}, {-1}, {0}}, Interpolation.CUBIC);
        InputSignal b = InputSignal.of(grid, new double[][] {{2}, {2}, {1}, {1}, {0}}, Interpolation.LINEAR);
        Tensor z0 = Tensor.of(new double[][] {{0.3, -0.2}, {1, 0.5}});
        Tensor both = model.forward(z0, TIMES, List.of(a, b));
        Tensor rowA = model.forward(z0.slice(0, 0, 1), TIMES, a);
        Tensor rowB = model.forward(z0.slice(0, 1, 2), TIMES, b);
        assertThat(both.slice(1, 0, 1).allClose(rowA, 1e-10)).isTrue();
        assertThat(both.slice(1, 1, 2).allClose(rowB, 1e-10)).isTrue();
        // A shared signal is the same as repeating it per row.
        assertThat(model.forward(z0, TIMES, a).toArray()).containsExactly(model.forward(z0, TIMES, List.of(a, a)).toArray());
        List<Tensor> perSample = model.forwardPerSample(z0, new double[][] {TIMES, TIMES}, List.of(a, b));
        assertThat(perSample.get(1).allClose(rowB.squeeze(1), 1e-10)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void drivenFieldGradientsMatchCentralDifferences(Gradient gradient) {
        double[] grid = {0, 0.5, 1};
        List<InputSignal> inputs = List.of(InputSignal.of(grid, new double[][] {{1}, {-1}, {0.5}}, Interpolation.PCHIP),
                InputSignal.of(grid, new double[][] {{0}, {0.5}, {2}}, Interpolation.LINEAR));
        Tensor z0 = Tensor.randn(new SplittableRandom(11), 2, 2);
        Function<Tensor[], Tensor> f = x -> NeuralOde.builder(new TinyFields.TinyDriven(1, x[1], x[2], x[3]))
                .options(VERY_TIGHT).gradient(gradient).build().forward(x[0], TIMES, inputs);
        assertGradientsMatch(f, with(z0, tiny(12, 3, 4, 2)), "driven field, " + gradient);
    }

    @Test
    void inputsMustMatchTheField() {
        Tensor[] p = tiny(13, 3, 4, 2);
        NeuralOde driven = NeuralOde.builder(new TinyFields.TinyDriven(1, p[0], p[1], p[2])).build();
        Tensor z0 = Tensor.zeros(3, 2);
        InputSignal one = InputSignal.constant(1);
        assertThatThrownBy(() -> driven.forward(z0, TIMES)).hasMessageContaining("reads 1 input channel; pass an InputSignal");
        assertThatThrownBy(() -> driven.forward(z0, TIMES, List.of(one, one)))
                .hasMessageContaining("2 input signals (one per row) need z0 of shape [2, D], got [3, 2]");
        assertThatThrownBy(() -> driven.forward(z0, TIMES, InputSignal.constant(1, 2)))
                .hasMessageContaining("input signal 0 has 2 channels but the vector field reads 1");
        Tensor[] q = tiny(14, 2, 4, 2);
        NeuralOde plain = NeuralOde.builder(new TinyFields.Tiny(q[0], q[1], q[2])).build();
        assertThatThrownBy(() -> plain.forward(z0, TIMES, one)).hasMessageContaining("reads no inputs, but 1 input signal was given");
    }

    @Test
    void solvesLandOnInputSamples() {
        // z' = u(t): with the steps landing on the samples, a held or linearly interpolated input
        // integrates exactly (the solution is piecewise linear or quadratic between samples).
        HybridField integrator = HybridField.builder(1).inputs(1).physics((t, z, u) -> u).build();
        double[] grid = {0, 0.35, 0.5, 1.2, 2};
        double[][] u = {{1}, {-2}, {0.5}, {3}, {3}};
        double[] out = {0, 2};
        NeuralOde model = NeuralOde.builder(integrator).options(SolveOptions.builder().rtol(1e-8).atol(1e-10).build()).build();
        double held = model.forward(Tensor.zeros(1, 1), out, InputSignal.of(grid, u, Interpolation.HOLD)).get(1, 0, 0);
        assertThat(held).isCloseTo(0.35 * 1 - 0.15 * 2 + 0.7 * 0.5 + 0.8 * 3, within(1e-13));
        double linear = model.forward(Tensor.zeros(1, 1), out, InputSignal.of(grid, u, Interpolation.LINEAR)).get(1, 0, 0);
        assertThat(linear).isCloseTo(0.35 * (1 - 2) / 2 + 0.15 * (-2 + 0.5) / 2 + 0.7 * (0.5 + 3) / 2 + 0.8 * 3, within(1e-13));
    }

    @Test
    void reportsTheWorkOfTheLastSolve() {
        Tensor[] p = tiny(15, 2, 4, 2);
        NeuralOde adjoint = NeuralOde.builder(new TinyFields.Tiny(p[0], p[1], p[2])).gradient(Gradient.ADJOINT).build();
        assertThat(adjoint.lastForwardStats().functionEvaluations()).isZero();
        Tensor out = adjoint.forward(Tensor.ones(1, 2), TIMES);
        assertThat(adjoint.lastForwardStats().functionEvaluations()).isPositive();
        assertThat(adjoint.lastBackwardStats().functionEvaluations()).isZero();
        out.sum().backward();
        assertThat(adjoint.lastBackwardStats().functionEvaluations()).isPositive();

        NeuralOde direct = adjoint.withGradient(Gradient.DIRECT);
        assertThat(direct.parameters()).containsExactlyElementsOf(adjoint.parameters());
        direct.forward(Tensor.ones(1, 2), TIMES).sum().backward();
        assertThat(direct.lastBackwardStats().functionEvaluations()).isZero();
        assertThat(direct.gradient()).isEqualTo(Gradient.DIRECT);
    }

    @Test
    void mlpFieldConcatenatesStateTimeAndInputs() {
        MlpField field = MlpField.builder(2).inputs(1).timeDependent(true).hidden(6, 5)
                .rng(new SplittableRandom(16)).build();
        assertThat(field.net().get(0).namedParameters().get("weight").shape()).containsExactly(6, 4);
        assertThat(field.namedParameters().keySet()).containsExactly("net.0.weight", "net.0.bias", "net.2.weight",
                "net.2.bias", "net.4.weight", "net.4.bias");
        Tensor z = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor u = Tensor.of(new double[][] {{0.5}, {-0.5}});
        Tensor x = Tensor.of(new double[][] {{1, 2, 0.7, 0.5}, {3, 4, 0.7, -0.5}});
        assertThat(field.forward(Tensor.scalar(0.7), z, u).toArray()).containsExactly(field.net().forward(x).toArray());
        assertThatThrownBy(() -> field.forward(Tensor.scalar(0), z)).hasMessageContaining("reads 1 input channel");
        assertThatThrownBy(() -> field.forward(z)).hasMessageContaining("call forward(t, z)");
    }
}
