package org.neuralode4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/**
 * Each optimizer's first steps on f(x) = x² from x = 1 (gradient 2x), against the update rule
 * written out independently for a scalar, in the textbook form of the torch.optim documentation.
 */
class OptimizerRulesTest {
    private static final double TOL = 1e-14;

    /** Runs {@code n} steps on f(x) = x² from x0 and returns x after each step. */
    private static double[] run(Function<List<Tensor>, Optimizer> make, double x0, int n) {
        Tensor x = Tensor.scalar(x0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(x));
        double[] xs = new double[n];
        for (int k = 0; k < n; k++) {
            opt.zeroGrad();
            x.square().backward();
            opt.step();
            xs[k] = x.item();
        }
        return xs;
    }

    /** Runs steps with prescribed gradients and returns x after each step. */
    private static double[] runWithGradients(Function<List<Tensor>, Optimizer> make, double x0, double... grads) {
        Tensor x = Tensor.scalar(x0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(x));
        double[] xs = new double[grads.length];
        for (int k = 0; k < grads.length; k++) {
            opt.zeroGrad();
            x.accumulateGrad(Tensor.scalar(grads[k]));
            opt.step();
            xs[k] = x.item();
        }
        return xs;
    }

    private static void assertSequence(double[] actual, double[] expected) {
        for (int k = 0; k < expected.length; k++) {
            assertThat(actual[k]).as("step %d", k + 1).isCloseTo(expected[k], within(TOL));
        }
    }

    @Test
    void sgdPlain() {
        assertSequence(run(p -> new SGD(p, 0.1), 1, 3), new double[] {0.8, 0.64, 0.512});
        // PyTorch's default learning rate is 1e-3
        assertThat(new SGD(List.of(Tensor.scalar(1).requiresGrad(true))).learningRate()).isEqualTo(1e-3);
    }

    @Test
    void sgdMomentumDampeningWeightDecay() {
        double lr = 0.1, mu = 0.9, tau = 0.1, wd = 0.01;
        double x = 1, b = 0;
        double[] expected = new double[4];
        for (int t = 1; t <= 4; t++) {
            double g = 2 * x + wd * x;
            b = t == 1 ? g : mu * b + (1 - tau) * g;
            x = x - lr * b;
            expected[t - 1] = x;
        }
        assertSequence(run(p -> new SGD(p, lr, mu, tau, wd, false), 1, 4), expected);
    }

    @Test
    void sgdNesterov() {
        double lr = 0.1, mu = 0.9;
        double x = 1, b = 0;
        double[] expected = new double[3];
        for (int t = 1; t <= 3; t++) {
            double g = 2 * x;
            b = t == 1 ? g : mu * b + g;
            x = x - lr * (g + mu * b);
            expected[t - 1] = x;
        }
        assertSequence(run(p -> new SGD(p, lr, mu, 0, 0, true), 1, 3), expected);
    }

    private static double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled,
                                          int n) {
        double x = 1, m = 0, v = 0;
        double[] out = new double[n];
        for (int t = 1; t <= n; t++) {
            double g = 2 * x;
            if (decoupled) {
                x = x * (1 - lr * wd);
            } else {
                g = g + wd * x;
            }
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = v / (1 - Math.pow(b2, t));
            x = x - lr * mHat / (Math.sqrt(vHat) + eps);
            out[t - 1] = x;
        }
        return out;
    }

    @Test
    void adamDefaultsAndWeightDecay() {
        assertSequence(run(p -> new Adam(p, 0.1), 1, 3), adamReference(0.1, 0.9, 0.999, 1e-8, 0, false, 3));
        // the first Adam step moves by lr (m̂ = g, v̂ = g²)
        assertThat(run(p -> new Adam(p, 0.1), 1, 1)[0]).isCloseTo(0.9, within(1e-8));
        assertSequence(run(p -> new Adam(p, 0.05, 0.8, 0.99, 1e-6, 0.1, false), 1, 3),
                adamReference(0.05, 0.8, 0.99, 1e-6, 0.1, false, 3));
        assertThat(new Adam(List.of(Tensor.scalar(1).requiresGrad(true))).learningRate()).isEqualTo(1e-3);
    }

    @Test
    void adamWDecouplesTheDecay() {
        assertSequence(run(p -> new AdamW(p, 0.1), 1, 3), adamReference(0.1, 0.9, 0.999, 1e-8, 1e-2, true, 3));
        assertSequence(run(p -> new AdamW(p, 0.1, 0.9, 0.999, 1e-8, 0.5, false), 1, 3),
                adamReference(0.1, 0.9, 0.999, 1e-8, 0.5, true, 3));
    }

    @Test
    void amsgradUsesTheRunningMaximumOfTheSecondMoment() {
        // a large gradient followed by small ones: v decreases, so the maximum matters
        double[] grads = {10, 0.1, 0.1, 0.1};
        double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double x = 1, m = 0, v = 0, vMax = 0;
        double[] expected = new double[grads.length];
        double[] plain = new double[grads.length];
        double xp = 1, mp = 0, vp = 0;
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            vMax = Math.max(vMax, v);
            x = x - lr * (m / (1 - Math.pow(b1, t))) / (Math.sqrt(vMax / (1 - Math.pow(b2, t))) + eps);
            expected[t - 1] = x;
            mp = b1 * mp + (1 - b1) * g;
            vp = b2 * vp + (1 - b2) * g * g;
            xp = xp - lr * (mp / (1 - Math.pow(b1, t))) / (Math.sqrt(vp / (1 - Math.pow(b2, t))) + eps);
            plain[t - 1] = xp;
        }
        assertSequence(runWithGradients(p -> new Adam(p, lr, b1, b2, eps, 0, true), 1, grads), expected);
        assertSequence(runWithGradients(p -> new Adam(p, lr, b1, b2, eps, 0, false), 1, grads), plain);
        assertThat(expected[3]).isNotCloseTo(plain[3], within(1e-6));
    }

    @Test
    void rmspropExactSequence() {
        // defaults: lr 1e-2, alpha 0.99, eps 1e-8. Step 1 by hand: g = 2, v = 0.01·4 = 0.04, √v = 0.2,
        // x = 1 − 0.01·2 / (0.2 + 1e-8) = 1 − 0.1 / (1 + 5e-8)
        double[] xs = run(RMSprop::new, 1, 3);
        assertThat(xs[0]).isCloseTo(1 - 0.1 / (1 + 5e-8), within(TOL));
        assertThat(xs[0]).isCloseTo(0.900000005, within(1e-15));
        double x = 1, v = 0;
        double[] expected = new double[3];
        for (int t = 1; t <= 3; t++) {
            double g = 2 * x;
            v = 0.99 * v + 0.01 * g * g;
            x = x - 0.01 * g / (Math.sqrt(v) + 1e-8);
            expected[t - 1] = x;
        }
        assertSequence(xs, expected);
        // torchdiffeq's spiral setting: lr 1e-3
        double[] spiral = run(p -> new RMSprop(p, 1e-3), 1, 1);
        assertThat(spiral[0]).isCloseTo(1 - 1e-3 * 2 / (0.2 + 1e-8), within(TOL));
    }

    @Test
    void rmspropCenteredWithMomentumAndWeightDecay() {
        double lr = 0.01, alpha = 0.9, eps = 1e-8, wd = 0.1, mu = 0.5;
        double x = 1, v = 0, gAvg = 0, b = 0;
        double[] expected = new double[4];
        for (int t = 1; t <= 4; t++) {
            double g = 2 * x + wd * x;
            v = alpha * v + (1 - alpha) * g * g;
            gAvg = alpha * gAvg + (1 - alpha) * g;
            double d = Math.sqrt(v - gAvg * gAvg) + eps;
            b = mu * b + g / d;
            x = x - lr * b;
            expected[t - 1] = x;
        }
        assertSequence(run(p -> new RMSprop(p, lr, alpha, eps, wd, mu, true), 1, 4), expected);
    }

    @Test
    void elementsAreUpdatedIndependently() {
        Tensor p = Tensor.of(1, -2, 0.5).requiresGrad(true);
        Optimizer opt = new Adam(List.of(p), 0.1);
        p.square().sum().backward();
        opt.step();
        // first Adam step: each element moves by lr against the sign of its gradient
        assertThat(p.toArray()[0]).isCloseTo(0.9, within(1e-8));
        assertThat(p.toArray()[1]).isCloseTo(-1.9, within(1e-8));
        assertThat(p.toArray()[2]).isCloseTo(0.4, within(1e-8));
    }
}
