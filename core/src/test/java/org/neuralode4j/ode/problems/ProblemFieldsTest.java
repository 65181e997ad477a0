package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** Every problem's vector field against values derived by hand at one point. */
class ProblemFieldsTest {

    private static double[] f(String name, Map<String, Double> params, double t, double... z) {
        double[] dz = new double[z.length];
        Problems.byName(name).dynamics(params).field().evaluate(t, z, dz);
        return dz;
    }

    private static double[] f(String name, double t, double... z) {
        return f(name, Map.of(), t, z);
    }

    @Test
    void expDecay() {
        assertThat(f("exp-decay", 0, 2)).containsExactly(-2);
        assertThat(f("exp-decay", Map.of("k", 0.5), 0, 3)).containsExactly(-1.5);
    }

    @Test
    void lotkaVolterra() {
        // x' = 1.5·2 − 2·3 = −3, y' = −3·3 + 2·3 = −3
        assertThat(f("lotka-volterra", 0, 2, 3)).containsExactly(-3, -3);
        // α = 1, β = 0.5, γ = 2, δ = 0.25 at (4, 2): x' = 4 − 4 = 0, y' = −4 + 2 = −2
        assertThat(f("lotka-volterra", Map.of("alpha", 1.0, "beta", 0.5, "gamma", 2.0, "delta", 0.25), 0, 4, 2))
                .containsExactly(0, -2);
    }

    @Test
    void vanDerPol() {
        // μ = 1 at (2, 0.5): v' = (1 − 4)·0.5 − 2 = −3.5
        assertThat(f("van-der-pol", 0, 2, 0.5)).containsExactly(0.5, -3.5);
        assertThat(f("van-der-pol", Map.of("mu", 1000.0), 0, 2, 0.5)).containsExactly(0.5, -1502);
    }

    @Test
    void lorenz() {
        // at (1, 2, 3): 10·(2 − 1) = 10, 1·(28 − 3) − 2 = 23, 1·2 − (8/3)·3 = −6
        assertThat(f("lorenz", 0, 1, 2, 3)).containsExactly(new double[] {10, 23, -6}, within(1e-14));
    }

    @Test
    void spiralIsTheCubeTimesA() {
        // at (1, 2): x' = −0.1 − 2·8 = −16.1, y' = 2 − 0.1·8 = 1.2
        assertThat(f("spiral", 0, 1, 2)).containsExactly(new double[] {-16.1, 1.2}, within(1e-14));
        Tensor a = Tensor.of(new double[][] {{-0.1, 2.0}, {-2.0, -0.1}});
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            double[] y = {rng.nextDouble(-3, 3), rng.nextDouble(-3, 3)};
            double[] expected = Tensor.fromArray(y, 1, 2).pow(3).matmul(a).toArray();
            assertThat(f("spiral", 0, y)).containsExactly(expected, within(1e-13));
        }
    }

    @Test
    void harmonic() {
        assertThat(f("harmonic", Map.of("omega", 2.0), 0, 1, 3)).containsExactly(3, -4);
    }

    @Test
    void bouncingBallFallsAndRests() {
        assertThat(f("bouncing-ball", 0, 5, -1)).containsExactly(-1, -9.8);
        assertThat(f("bouncing-ball", 0, 5, 0)).containsExactly(0, -9.8); // the apex is not rest
        assertThat(f("bouncing-ball", 0, 0.2, 0)).containsExactly(0, 0);   // resting on the floor
    }

    @Test
    void buck() {
        // (iL, vC) = (1, 5): iL' = (0.5·12 − 5)/1e-4 = 1e4, vC' = (1 − 5/5)/1e-4 = 0
        assertThat(f("buck", 0, 1, 5)).containsExactly(new double[] {1e4, 0}, within(1e-9));
        assertThat(f("buck", Map.of("d", 0.25, "R", 2.0), 0, 2, 2)).containsExactly(new double[] {1e4, 1e4}, within(1e-9));
    }

    @Test
    void buckSwitchedFollowsThePwmSignal() {
        // fs = 100 kHz, d = 0.5: on during [0, 5 µs), off during [5 µs, 10 µs)
        assertThat(f("buck-switched", 1e-6, 1, 5)).containsExactly(new double[] {7e4, 0}, within(1e-9));
        assertThat(f("buck-switched", 6e-6, 1, 5)).containsExactly(new double[] {-5e4, 0}, within(1e-9));
        assertThat(f("buck-switched", 11e-6, 1, 5)).containsExactly(new double[] {7e4, 0}, within(1e-9));
        assertThat(f("buck-switched", Map.of("d", 0.0), 1e-6, 1, 5)).containsExactly(new double[] {-5e4, 0}, within(1e-9));
    }

    @Test
    void boost() {
        // (1, 5): iL' = (12 − 0.5·5)/1e-4 = 9.5e4, vC' = (0.5·1 − 5/5)/1e-4 = −5e3
        assertThat(f("boost", 0, 1, 5)).containsExactly(new double[] {9.5e4, -5e3}, within(1e-9));
    }

    @Test
    void robertson() {
        // (1, 1e-5, 0.5): r1 = 0.04, r2 = 3e7·1e-10 = 3e-3, r3 = 1e4·1e-5·0.5 = 0.05
        assertThat(f("robertson", 0, 1, 1e-5, 0.5)).containsExactly(new double[] {0.01, -0.013, 0.003}, within(1e-15));
    }
}
