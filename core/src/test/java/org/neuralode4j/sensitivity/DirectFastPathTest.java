package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.Module;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.nn.SpiralOdeFunc;
import org.neuralode4j.ode.ArrayVjpField;
import org.neuralode4j.ode.Event;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.PlainField;
import org.neuralode4j.testing.Compare;

/**
 * DIRECT's tape-free path ({@link DirectFunction}, the discrete adjoint of the Runge–Kutta steps)
 * gives the gradients of backpropagation through the taped solve, which the same field seen only
 * through {@code apply} takes: z0's and every parameter's, to 1e-12 relative, for FSAL and non-FSAL
 * methods, adaptive and fixed steps, outputs landed on and interpolated, one and many rows,
 * autonomous networks with and without a split forward/VJP and a non-autonomous field.
 */
class DirectFastPathTest {
    private static final double TOLERANCE = 1e-12;
    private static double worst;

    @AfterAll
    static void reportWorstAgreement() {
        System.out.printf(Locale.ROOT, "DirectFastPathTest: worst relative difference to the taped path %.3g%n", worst);
    }


    /** The states, the gradients of one loss, the forward evaluations and whether the solve was one node. */
    private record Result(double[] states, List<double[]> gradients, long evaluations, boolean oneNode) {
    }

    private static Result gradients(VectorField field, Tensor z0Value, double[] times, SolveOptions options) {
        List<Tensor> params = field.parameters();
        for (Tensor p : params) {
            p.zeroGrad();
        }
        Tensor z0 = z0Value.detach().requiresGrad(true);
        GradientSolution sol = Odeint.solve(field, z0, times, options, Gradient.DIRECT);
        Tensor states = sol.states();
        Tensor target = Tensor.randn(new SplittableRandom(11), states.shape());
        Losses.l1(states, target).add(Losses.mse(states, target.mul(0.5))).backward();
        List<double[]> out = new ArrayList<>();
        out.add(z0.grad().toArray());
        for (Tensor p : params) {
            out.add(p.grad().toArray());
        }
        boolean oneNode = "odeintDirect".equals(states.gradFn().op());
        return new Result(states.toArray(), out, sol.forwardStats().functionEvaluations(), oneNode);
    }

    private static void assertSameAsTaped(VectorField field, Tensor z0, double[] times, SolveOptions options,
                                          String what) {
        Result fast = gradients(field, z0, times, options);
        Result taped = gradients(new PlainField(field), z0, times, options);
        assertThat(fast.oneNode()).as("%s takes the fast path", what).isTrue();
        assertThat(taped.oneNode()).isFalse();
        assertThat(fast.evaluations()).as("%s forward evaluations", what).isEqualTo(taped.evaluations());
        assertThat(fast.states()).as("%s states, bit for bit", what).isEqualTo(taped.states());
        for (int i = 0; i < fast.gradients().size(); i++) {
            double err = Compare.maxRelative(fast.gradients().get(i), taped.gradients().get(i));
            worst = Math.max(worst, err);
            assertThat(err).as("%s: gradient %d (0 = z0)", what, i).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static Tensor z0(int rows, long seed) {
        return Tensor.randn(new SplittableRandom(seed), rows, 2).mul(0.8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dopri5", "tsit5", "bosh3", "heun-euler"})
    void adaptiveMethodsMatchTheTapeWithInterpolatedAndLandedOutputs(String method) {
        double[] times = {0.0, 0.13, 0.4, 0.55, 1.1, 1.5};
        SolveOptions interpolated = SolveOptions.builder().method(method).rtol(1e-7).atol(1e-9).build();
        SolveOptions landed = interpolated.toBuilder().stepTimes(0.13, 0.4, 0.55, 1.1).build();
        for (long seed = 0; seed < 3; seed++) {
            ModuleField field = new ModuleField(new SpiralOdeFunc(new SplittableRandom(seed)));
            for (int rows : new int[] {1, 3, 20}) {
                Tensor z0 = z0(rows, 100 + seed);
                assertSameAsTaped(field, z0, times, interpolated, method + " interpolated, seed " + seed + ", " + rows + " rows");
                assertSameAsTaped(field, z0, times, landed, method + " landed, seed " + seed + ", " + rows + " rows");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rk4", "midpoint", "euler", "dopri5"})
    void fixedStepsMatchTheTape(String method) {
        ModuleField field = new ModuleField(new SpiralOdeFunc(new SplittableRandom(4)));
        SolveOptions fixed = SolveOptions.builder().method(method).stepSize(0.1).build();
        Tensor z0 = z0(5, 7);
        assertSameAsTaped(field, z0, new double[] {0.0, 0.3, 0.5, 1.0}, fixed, method + " landed");
        assertSameAsTaped(field, z0, new double[] {0.0, 0.25, 0.62, 0.97}, fixed, method + " interpolated");
    }

    @Test
    void aPerceptronWithoutASplitVjpMatchesTheTape() {
        Module mlp = Mlp.builder(2, 2).hidden(16, 16).activation("softplus").seed(3).build();
        ModuleField field = new ModuleField(mlp);
        assertThat(field.savedSize(new int[] {4, 2})).isZero();
        SolveOptions o = SolveOptions.builder().method("dopri5").rtol(1e-8).atol(1e-10).build();
        assertSameAsTaped(field, z0(4, 3), new double[] {0, 0.2, 0.7, 1.0}, o, "softplus MLP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dopri5", "tsit5", "bosh3", "rk4"})
    void aNonAutonomousFieldMatchesTheTape(String method) {
        Forced field = new Forced(new SplittableRandom(5));
        SolveOptions.Builder b = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-10);
        SolveOptions o = method.equals("rk4") ? b.stepSize(0.05).build() : b.build();
        assertSameAsTaped(field, z0(3, 9), new double[] {0.1, 0.45, 0.8, 2.0}, o, method + " forced field");
    }

    @Test
    void theSpiralTrainingSetupMatchesTheTape() {
        ModuleField field = new ModuleField(new SpiralOdeFunc(new SplittableRandom(0)));
        SolveOptions o = SolveOptions.builder().method("dopri5").rtol(1e-7).atol(1e-9).build();
        double[] times = Tensor.linspace(0, 0.225, 10).toArray();
        for (long seed = 0; seed < 3; seed++) {
            Tensor z0 = Tensor.randn(new SplittableRandom(seed), 20, 2).mul(1.5);
            assertSameAsTaped(field, z0, times, o, "spiral batch, seed " + seed);
        }
    }

    @Test
    void aCreateGraphBackwardGivesTheTapesSecondDerivatives() {
        ModuleField field = new ModuleField(new SpiralOdeFunc(new SplittableRandom(1)));
        SolveOptions o = SolveOptions.builder().rtol(1e-8).atol(1e-10).build();
        double[] times = {0, 0.3, 0.8};
        List<double[]> fast = secondOrder(field, o, times);
        List<double[]> taped = secondOrder(new PlainField(field), o, times);
        for (int i = 0; i < fast.size(); i++) {
            assertThat(Compare.maxRelative(fast.get(i), taped.get(i))).as("parameter %d", i).isLessThanOrEqualTo(1e-12);
        }
    }

    /** ∂/∂θ of |∂L/∂z0|², through a create-graph backward. */
    private static List<double[]> secondOrder(VectorField field, SolveOptions o, double[] times) {
        for (Tensor p : field.parameters()) {
            p.zeroGrad();
        }
        Tensor z0 = z0(3, 2).requiresGrad(true);
        Tensor loss = Odeint.solve(field, z0, times, o, Gradient.DIRECT).states().square().sum();
        Tensor gz0 = Autodiff.grad(loss, new Tensor[] {z0}, null, true, true)[0];
        gz0.square().sum().backward();
        List<double[]> out = new ArrayList<>();
        for (Tensor p : field.parameters()) {
            out.add(p.grad().toArray());
        }
        return out;
    }

    @Test
    void aRetainedGraphBackpropagatesTwice() {
        ModuleField field = new ModuleField(new SpiralOdeFunc(new SplittableRandom(2)));
        SolveOptions o = SolveOptions.defaults();
        Tensor z0 = z0(3, 4).requiresGrad(true);
        Tensor loss = Odeint.solve(field, z0, new double[] {0, 0.5, 1}, o, Gradient.DIRECT).states().square().sum();
        Autodiff.backward(loss, null, true, false);
        double[] once = z0.grad().toArray();
        Autodiff.backward(loss, null, false, false);
        double[] twice = z0.grad().toArray();
        for (int i = 0; i < once.length; i++) {
            assertThat(twice[i]).isEqualTo(2 * once[i]);
        }
    }

    @Test
    void otherSettingsKeepTheTapedPath() {
        SpiralOdeFunc model = new SpiralOdeFunc(new SplittableRandom(0));
        ModuleField field = new ModuleField(model);
        double[] times = {0, 0.5, 1};
        Tensor z0 = z0(2, 1);
        SolveOptions plain = SolveOptions.defaults();
        List<SolveOptions> others = List.of(plain.toBuilder().method("dopri8").build(),
                plain.toBuilder().jumpTimes(0.25).build(),
                plain.toBuilder().events(Event.of((t, z) -> t - 0.7)).build());
        for (SolveOptions o : others) {
            assertThat(gradients(field, z0, times, o).oneNode()).as(o.toString()).isFalse();
        }
        model.parameters().get(1).requiresGrad(false);
        try {
            Tensor zg = z0.detach().requiresGrad(true);
            Tensor states = Odeint.solve(field, zg, times, plain, Gradient.DIRECT).states();
            assertThat(states.gradFn().op()).isNotEqualTo("odeintDirect");
        } finally {
            model.parameters().get(1).requiresGrad(true);
        }
    }

    /**
     * f(t, z) = (1 + ½ sin 3t) tanh(z Wᵀ + b) on rows of 2: non-autonomous, with hand-written array
     * VJPs and no split forward (so its VJPs repeat the forward pass).
     */
    private static final class Forced implements ArrayVjpField {
        private final Tensor w;
        private final Tensor b;

        Forced(SplittableRandom rng) {
            w = Tensor.randn(rng, 2, 2).requiresGrad(true);
            b = Tensor.randn(rng, 2).mul(0.3).detach().requiresGrad(true);
        }

        private static double gain(double t) {
            return 1 + 0.5 * Math.sin(3 * t);
        }

        @Override
        public Tensor apply(double t, Tensor z) {
            return z.matmul(w.transpose(0, 1)).add(b).tanh().mul(gain(t));
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(w, b);
        }

        @Override
        public boolean hasArrayVjp() {
            return true;
        }

        @Override
        public void evaluateVjp(double t, int n, double[] z, int zOff, double[] a, int aOff, double[] f, int fOff,
                                double[] gz, int gzOff, double[] gp, int gpOff, double scale) {
            double[] wv = w.buffer();
            double[] bv = b.buffer();
            double s = gain(t);
            java.util.Arrays.fill(gp, gpOff, gpOff + 6, 0.0);
            for (int r = 0; r < n / 2; r++) {
                double z0 = z[zOff + 2 * r];
                double z1 = z[zOff + 2 * r + 1];
                double g0 = 0;
                double g1 = 0;
                for (int j = 0; j < 2; j++) {
                    double h = Math.tanh(wv[2 * j] * z0 + wv[2 * j + 1] * z1 + bv[j]);
                    if (f != null) {
                        f[fOff + 2 * r + j] = s * h;
                    }
                    double d = a[aOff + 2 * r + j] * s * (1 - h * h);
                    g0 += d * wv[2 * j];
                    g1 += d * wv[2 * j + 1];
                    gp[gpOff + 2 * j] += scale * d * z0;
                    gp[gpOff + 2 * j + 1] += scale * d * z1;
                    gp[gpOff + 4 + j] += scale * d;
                }
                gz[gzOff + 2 * r] = scale * g0;
                gz[gzOff + 2 * r + 1] = scale * g1;
            }
        }
    }
}
