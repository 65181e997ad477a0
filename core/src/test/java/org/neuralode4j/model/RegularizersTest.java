package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.nn.Functional;
import org.neuralode4j.nn.Module;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

/** The kinetic and Jacobian regularizers of Finlay et al. (2020): closed-form values and gradients. */
class RegularizersTest {
    private static final SolveOptions TIGHT = SolveOptions.builder().rtol(1e-10).atol(1e-12).build();
    private static final SolveOptions VERY_TIGHT = SolveOptions.builder().rtol(1e-12).atol(1e-14).build();

    /** f(z) = z·Mᵀ: ∂f/∂z = M everywhere. */
    private static final class LinearField extends Module {
        private final Tensor m;

        LinearField(Tensor m) {
            this.m = registerParameter("m", m);
        }

        @Override
        public Tensor forward(Tensor z) {
            return Functional.linear(z, m, null);
        }
    }

    @Test
    void kineticEnergyOfExponentialDecay() {
        // z' = a z: ∫ (a z)² dt = a² z0² (e^{2aT} − 1) / (2a), averaged over rows
        double a = -0.8;
        double big = 2.0;
        NeuralOde model = NeuralOde.builder(new LinearField(Tensor.of(new double[][] {{a}}))).options(TIGHT).build();
        Tensor z0 = Tensor.of(new double[][] {{1.0}, {-big}});
        RegularizedTrajectory r = model.forwardRegularized(z0, new double[] {0, 0.5, 1.5}, List.of(),
                Regularizers.kineticEnergy());
        double perUnit = a * a * (Math.exp(2 * a * 1.5) - 1) / (2 * a);
        assertThat(r.kineticEnergy().item()).isCloseTo(perUnit * (1 + big * big) / 2, within(1e-9));
        assertThat(r.jacobianFrobenius().item()).isZero();
        assertThat(r.trajectory().allClose(model.forward(z0, new double[] {0, 0.5, 1.5}), 1e-9)).isTrue();
        assertThat(r.trajectory().shape()).containsExactly(3, 2, 1);
        // Backwards in time the integrals stay positive.
        RegularizedTrajectory back = model.forwardRegularized(z0, new double[] {1.5, 0}, List.of(),
                Regularizers.kineticEnergy());
        assertThat(back.kineticEnergy().item()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Regularizers.Probe.class)
    void jacobianTermIsTheHutchinsonEstimateOfALinearField(Regularizers.Probe probe) {
        // For f = z·Mᵀ the estimate is exactly T · mean_rows ‖εᵀ M‖², whatever z does.
        SplittableRandom rng = new SplittableRandom(3);
        Tensor m = Tensor.randn(rng, 3, 3).mul(0.5);
        NeuralOde model = NeuralOde.builder(new LinearField(m)).options(TIGHT).build();
        Tensor z0 = Tensor.randn(rng, 4, 3);
        double horizon = 0.7;
        RegularizedTrajectory r = model.forwardRegularized(z0, new double[] {0, horizon}, List.of(),
                Regularizers.both(probe, new SplittableRandom(99)));
        Tensor eps = Regularizers.jacobianFrobenius(probe, new SplittableRandom(99)).drawProbe(new int[] {4, 3});
        double expected = eps.matmul(m).square().sum(-1, false).mean().item() * horizon;
        assertThat(r.jacobianFrobenius().item()).isCloseTo(expected, within(1e-10));
        assertThat(r.kineticEnergy().item()).isPositive();
        if (probe == Regularizers.Probe.RADEMACHER) {
            assertThat(eps.abs().toArray()).containsOnly(1.0);
        }
    }

    @Test
    void theEstimateIsUnbiased() {
        // E‖εᵀM‖² = ‖M‖_F²: the mean over many probes (here 64 rows × 50 solves) approaches it.
        Tensor m = Tensor.of(new double[][] {{1, -2}, {0.5, 3}});
        NeuralOde model = NeuralOde.builder(new LinearField(m)).options(TIGHT).build();
        Regularizers reg = Regularizers.jacobianFrobenius(Regularizers.Probe.RADEMACHER, new SplittableRandom(4));
        double sum = 0;
        for (int k = 0; k < 50; k++) {
            sum += model.forwardRegularized(Tensor.zeros(64, 2), new double[] {0, 1}, List.of(), reg)
                    .jacobianFrobenius().item();
        }
        assertThat(sum / 50).isCloseTo(1 + 4 + 0.25 + 9, within(0.3));
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void regularizedLossGradientsMatchCentralDifferences(Gradient gradient) {
        // A nonlinear field, so that ∂f/∂z depends on z and the parameters: the Jacobian term's
        // gradient needs the differentiable (create-graph) vector-Jacobian product.
        SplittableRandom rng = new SplittableRandom(5);
        Tensor[] inputs = {Tensor.randn(rng, 2, 2), Tensor.randn(rng, 4, 2).mul(0.6), Tensor.randn(rng, 4).mul(0.2),
            Tensor.randn(rng, 2, 4).mul(0.6)};
        double[] times = {0, 0.4, 1.0};
        Function<Tensor[], Tensor> f = x -> {
            NeuralOde model = NeuralOde.builder(new TinyFields.Tiny(x[1], x[2], x[3])).augment(1)
                    .options(VERY_TIGHT).gradient(gradient).build();
            RegularizedTrajectory r = model.forwardRegularized(x[0], times, List.of(),
                    Regularizers.both(Regularizers.Probe.GAUSSIAN, new SplittableRandom(6)));
            return Tensor.cat(0, r.trajectory().flatten(), r.kineticEnergy().reshape(1), r.jacobianFrobenius().reshape(1));
        };
        // The augmented field above is [3 → 3]: rebuild the parameters at that width.
        SplittableRandom rng3 = new SplittableRandom(7);
        inputs[1] = Tensor.randn(rng3, 4, 3).mul(0.6);
        inputs[3] = Tensor.randn(rng3, 3, 4).mul(0.6);
        NeuralOdeTest.assertGradientsMatch(f, inputs, "regularized, " + gradient);
    }

    @Test
    void aRegularizedSolveWithoutGradientsLeavesNothingOnTheTape() {
        // The Jacobian term needs autodiff even when nothing is trained; its graphs are released.
        SplittableRandom rng = new SplittableRandom(10);
        NeuralOde model = NeuralOde.builder(new TinyFields.Tiny(Tensor.randn(rng, 4, 2), Tensor.randn(rng, 4),
                Tensor.randn(rng, 2, 4))).gradient(Gradient.ADJOINT).build();
        Tape.current().resetCounters();
        Tensor j = Autodiff.noGrad(() -> model.forwardRegularized(Tensor.ones(3, 2), new double[] {0, 1}, List.of(),
                Regularizers.jacobianFrobenius(Regularizers.Probe.GAUSSIAN, rng)).jacobianFrobenius());
        assertThat(j.item()).isPositive();
        assertThat(Tape.current().liveBytes()).isZero();
    }

    @Test
    void drivenFieldsAreRegularizedWithTheirInputs() {
        SplittableRandom rng = new SplittableRandom(8);
        TinyFields.TinyDriven field = new TinyFields.TinyDriven(1, Tensor.randn(rng, 4, 3), Tensor.randn(rng, 4),
                Tensor.randn(rng, 2, 4));
        NeuralOde model = NeuralOde.builder(field).options(TIGHT).gradient(Gradient.ADJOINT).build();
        List<InputSignal> u = List.of(InputSignal.constant(1), InputSignal.constant(-1));
        Tensor z0 = Tensor.randn(rng, 2, 2);
        RegularizedTrajectory r = model.forwardRegularized(z0, new double[] {0, 1}, u,
                Regularizers.both(Regularizers.Probe.GAUSSIAN, new SplittableRandom(9)));
        r.kineticEnergy().add(r.jacobianFrobenius()).backward();
        assertThat(field.parameters().get(0).grad()).isNotNull();
        assertThat(model.lastBackwardStats().functionEvaluations()).isPositive();
        assertThat(r.trajectory().allClose(model.forward(z0, new double[] {0, 1}, u), 1e-8)).isTrue();
    }
}
