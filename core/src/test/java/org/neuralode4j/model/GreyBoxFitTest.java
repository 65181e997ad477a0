package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.optim.Adam;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.tensor.Tensor;

/**
 * The must-show: recover a buck converter's L, C and R from a noisy simulated waveform by
 * fitting a grey-box model ({@link HybridField} with {@link PositiveParameter}s) through the ODE
 * solve with Adam. Units as in {@link BuckConverter} (time in ms, L in mH, C in mF); the loss is the
 * mean squared error of the two channels, each divided by its standard deviation. The fit stops when
 * no log-constant moved by more than 1e-5 in an iteration (at most 300 iterations).
 */
class GreyBoxFitTest {
    private static final SolveOptions OPTIONS = SolveOptions.builder().rtol(1e-6).atol(1e-8).build();

    @Test
    void theSimulationMatchesTheReferenceValues() {
        Tensor y = BuckConverter.simulate(new double[] {0, 1, 2}, List.of(InputSignal.constant(0.5)));
        assertThat(y.get(1, 0, 0)).isCloseTo(0.49214777, within(1e-8));
        assertThat(y.get(1, 0, 1)).isCloseTo(8.02111008, within(1e-8));
        assertThat(y.get(2, 0, 0)).isCloseTo(1.81304529, within(1e-8));
        assertThat(y.get(2, 0, 1)).isCloseTo(5.52530386, within(1e-8));
    }

    @Test
    void theAdjointFitRecoversLcrWithinTwoPercent() {
        double[] times = Tensor.linspace(0, 2, 101).toArray();
        List<InputSignal> duty = List.of(InputSignal.constant(0.5));
        BuckConverter model = new BuckConverter(0.15, 0.065, 3.5); // +50 %, -35 %, -30 %
        fit("adjoint, constant duty", model, Gradient.ADJOINT, times, duty, 7);
    }

    @Test
    void aSampledDutyCycleStepDrivesABatchedDirectFit() {
        double[] times = Tensor.linspace(0, 2, 101).toArray();
        // Duty cycles sampled at the data times, read between samples by linear interpolation: row 0
        // steps from 0.5 to 0.3 at 1 ms, row 1 from 0.3 to 0.6. The data come from the same signals.
        List<InputSignal> duty = List.of(step(times, 0.5, 0.3), step(times, 0.3, 0.6));
        BuckConverter model = new BuckConverter(0.06, 0.14, 7.0); // -40 %, +40 %, +40 %
        fit("direct, sampled duty step, 2 rows", model, Gradient.DIRECT, times, duty, 11);
    }

    private static InputSignal step(double[] times, double before, double after) {
        double[][] d = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            d[i] = new double[] {times[i] < 1.0 ? before : after};
        }
        return InputSignal.of(times, d, Interpolation.LINEAR);
    }

    private static void fit(String what, BuckConverter m, Gradient gradient, double[] times, List<InputSignal> duty,
                            long noiseSeed) {
        Tensor clean = BuckConverter.simulate(times, duty);
        Tensor data = BuckConverter.noisy(clean, 0.01, noiseSeed);
        double[] std = BuckConverter.channelStd(clean);
        Tensor scale = Tensor.of(1 / std[0], 1 / std[1]);
        Tensor target = data.mul(scale);
        NeuralOde model = NeuralOde.builder(m.field).gradient(gradient).options(OPTIONS).build();
        Tensor z0 = Tensor.zeros(duty.size(), 2);
        Adam opt = new Adam(model.parameters(), 0.05);
        long start = System.nanoTime();
        int it = 0;
        double moved = Double.POSITIVE_INFINITY;
        long forwardNfe = 0;
        long backwardNfe = 0;
        double loss = Double.NaN;
        while (it < 300 && moved > 1e-5) {
            double[] before = logs(m);
            opt.zeroGrad();
            Tensor l = Losses.mse(model.forward(z0, times, duty).mul(scale), target);
            l.backward();
            opt.step();
            loss = l.item();
            forwardNfe += model.lastForwardStats().functionEvaluations();
            backwardNfe += model.lastBackwardStats().functionEvaluations();
            double[] after = logs(m);
            moved = 0;
            for (int k = 0; k < 3; k++) {
                moved = Math.max(moved, Math.abs(after[k] - before[k]));
            }
            it++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double el = m.l.doubleValue() / BuckConverter.L - 1;
        double ec = m.c.doubleValue() / BuckConverter.C - 1;
        double er = m.r.doubleValue() / BuckConverter.R - 1;
        System.out.printf(Locale.ROOT, "grey-box fit (%s): L = %.5f mH (%+.3f %%), C = %.5f mF (%+.3f %%), "
                        + "R = %.4f Ω (%+.3f %%) after %d iterations, %.2f s, loss %.3e, NFE/iteration %d forward, %d backward%n",
                what, m.l.doubleValue(), 100 * el, m.c.doubleValue(), 100 * ec, m.r.doubleValue(), 100 * er, it, seconds,
                loss, forwardNfe / it, backwardNfe / it);
        assertThat(moved).as("converged").isLessThanOrEqualTo(1e-5);
        assertThat(Math.abs(el)).as("L error").isLessThan(0.02);
        assertThat(Math.abs(ec)).as("C error").isLessThan(0.02);
        assertThat(Math.abs(er)).as("R error").isLessThan(0.02);
    }

    private static double[] logs(BuckConverter m) {
        return new double[] {m.l.log().item(), m.c.log().item(), m.r.log().item()};
    }
}
