package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

/** Grey-box fields: names, positive constants, gradients through physics and network, errors. */
class HybridFieldTest {
    private static final SolveOptions VERY_TIGHT = SolveOptions.builder().rtol(1e-12).atol(1e-14).build();

    /** A damped oscillator driven by u, with log-parametrized stiffness k and damping c, plus a network. */
    private static HybridField oscillator(Tensor logK, Tensor logC, Tensor w1, Tensor b1, Tensor w2) {
        PositiveParameter k = PositiveParameter.fromLog(logK);
        PositiveParameter c = PositiveParameter.fromLog(logC);
        HybridField.Builder b = HybridField.builder(2).inputs(1).constant("k", k).constant("c", c)
                .physics((t, z, u) -> {
                    Tensor x = z.select(-1, 0);
                    Tensor v = z.select(-1, 1);
                    Tensor a = u.select(-1, 0).sub(x.mul(k.value())).sub(v.mul(c.value()));
                    return Tensor.stack(-1, v, a);
                });
        if (w1 != null) {
            b.network(new TinyFields.Tiny(w1, b1, w2));
        }
        return b.build();
    }

    @Test
    void namesConstantsUnderPhysicsAndTheNetworkUnderNetwork() {
        Tensor offset = Tensor.of(0.1, 0.2);
        SplittableRandom rng = new SplittableRandom(1);
        HybridField f = HybridField.builder(2).constant("L", PositiveParameter.of(2.0)).parameter("offset", offset)
                .physics((t, z, u) -> z.mul(-1).add(offset))
                .network(MlpField.builder(2).hidden(3).rng(rng).build()).build();
        assertThat(f.namedParameters().keySet()).containsExactly("physics.offset", "physics.L.log",
                "network.net.0.weight", "network.net.0.bias", "network.net.2.weight", "network.net.2.bias");
        assertThat(f.namedParameters().get("physics.L.log").item()).isCloseTo(Math.log(2), within(1e-16));
        assertThat(f.positiveConstants().get("L").doubleValue()).isCloseTo(2.0, within(1e-15));
        assertThat(f.network()).isNotNull();
    }

    @Test
    void positiveParametersAreExpOfTheirLeaf() {
        PositiveParameter p = PositiveParameter.of(3e-4);
        assertThat(p.value().item()).isCloseTo(3e-4, within(1e-19));
        assertThat(p.log().requiresGrad()).isTrue();
        // d/dθ of 5·p is 5·p (the chain rule through exp)
        Autodiff.enableGrad(() -> {
            p.forward(Tensor.of(5.0)).sum().backward();
            return null;
        });
        assertThat(p.log().grad().item()).isCloseTo(5 * 3e-4, within(1e-18));
        assertThat(p.parameters()).containsExactly(p.log());
        assertThatThrownBy(() -> PositiveParameter.of(0)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> PositiveParameter.of(Double.NaN)).hasMessageContaining("must be positive");
    }

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void gradientsReachTheConstantsAndTheNetwork(Gradient gradient) {
        SplittableRandom rng = new SplittableRandom(2);
        Tensor[] inputs = {Tensor.randn(rng, 2, 2), Tensor.of(Math.log(4.0)), Tensor.of(Math.log(0.3)),
            Tensor.randn(rng, 3, 2).mul(0.3), Tensor.randn(rng, 3).mul(0.1), Tensor.randn(rng, 2, 3).mul(0.3)};
        double[] grid = {0, 0.4, 0.8, 1.2};
        List<InputSignal> drive = List.of(InputSignal.of(grid, new double[][] {{0}, {1}, {1}, {-0.5}}, Interpolation.PCHIP));
        double[] times = {0, 0.5, 1.2};
        Function<Tensor[], Tensor> f = x -> NeuralOde.builder(oscillator(x[1], x[2], x[3], x[4], x[5]))
                .options(VERY_TIGHT).gradient(gradient).build().forward(x[0], times, drive);
        NeuralOdeTest.assertGradientsMatch(f, inputs, "hybrid field, " + gradient);
    }

    @Test
    void physicsAloneEqualsTheClosedForm() {
        // x'' = -k x (c → 0): x(t) = cos(√k t) from (1, 0)
        HybridField f = oscillator(Tensor.scalar(Math.log(4.0)), Tensor.scalar(-60.0), null, null, null);
        Tensor out = NeuralOde.builder(f).options(VERY_TIGHT).build()
                .forward(Tensor.of(1.0, 0.0), new double[] {0, 1}, InputSignal.constant(0));
        assertThat(out.get(1, 0)).isCloseTo(Math.cos(2), within(1e-10));
        assertThat(out.get(1, 1)).isCloseTo(-2 * Math.sin(2), within(1e-10));
    }

    @Test
    void reportsBadPhysicsAndMissingPieces() {
        HybridField wrong = HybridField.builder(2).physics((t, z, u) -> z.sum(-1, false)).build();
        assertThatThrownBy(() -> wrong.forward(Tensor.scalar(0), Tensor.zeros(3, 2)))
                .hasMessageContaining("returned shape [3] for a state of shape [3, 2]");
        assertThatThrownBy(() -> HybridField.builder(2).build()).hasMessageContaining("no physics model");
        assertThatThrownBy(() -> HybridField.builder(2).constant("L", PositiveParameter.of(1))
                .constant("L", PositiveParameter.of(2))).hasMessageContaining("'L' is already registered");
        HybridField narrow = HybridField.builder(3).physics((t, z, u) -> z).build();
        assertThatThrownBy(() -> narrow.forward(Tensor.scalar(0), Tensor.zeros(2)))
                .hasMessageContaining("does not end in the field's width 3");
    }
}
