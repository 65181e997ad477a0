package org.neuralode4j.model;

import java.util.List;
import java.util.SplittableRandom;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.tensor.Tensor;

/**
 * REFERENCE.md's averaged synchronous buck converter in scaled units: time in ms, i_L in A, v_C in
 * V, L in mH, C in mF, R in Ω. Then L·di/dt = d·Vin − v and C·dv/dt = i − v/R hold unchanged
 * (mH·A/ms = V, mF·V/ms = A), the true constants are L = 0.1, C = 0.1, R = 5, the eigenvalues
 * −1 ± 9.95j per ms, and every quantity is of order one.
 */
final class BuckConverter {
    static final double VIN = 12;
    static final double L = 0.1;
    static final double C = 0.1;
    static final double R = 5;

    final PositiveParameter l;
    final PositiveParameter c;
    final PositiveParameter r;
    final HybridField field;

    /** A converter with the given constants, driven by a duty-cycle input (one channel). */
    BuckConverter(double l0, double c0, double r0) {
        l = PositiveParameter.of(l0);
        c = PositiveParameter.of(c0);
        r = PositiveParameter.of(r0);
        field = HybridField.builder(2).inputs(1).constant("L", l).constant("C", c).constant("R", r)
                .physics((t, z, u) -> {
                    Tensor i = z.select(-1, 0);
                    Tensor v = z.select(-1, 1);
                    Tensor di = u.select(-1, 0).mul(VIN).sub(v).div(l.value());
                    Tensor dv = i.sub(v.div(r.value())).div(c.value());
                    return Tensor.stack(-1, di, dv);
                }).build();
    }

    /** The noise-free response from (0, 0), [T, B, 2], one duty signal per row. */
    static Tensor simulate(double[] times, List<InputSignal> duty) {
        BuckConverter truth = new BuckConverter(L, C, R);
        NeuralOde model = NeuralOde.builder(truth.field)
                .options(SolveOptions.builder().rtol(1e-11).atol(1e-12).build()).build();
        return Autodiff.noGrad(() -> model.forward(Tensor.zeros(duty.size(), 2), times, duty));
    }

    /** Adds Gaussian noise of {@code fraction} times each channel's standard deviation. */
    static Tensor noisy(Tensor clean, double fraction, long seed) {
        double[] std = channelStd(clean);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = clean.toArray();
        for (int k = 0; k < d.length; k++) {
            d[k] += fraction * std[k % 2] * rng.nextGaussian();
        }
        return Tensor.fromArray(d, clean.shape());
    }

    /** Standard deviation of the two channels over all times and rows. */
    static double[] channelStd(Tensor traj) {
        double[] d = traj.toArray();
        double[] sum = new double[2];
        double[] sq = new double[2];
        for (int k = 0; k < d.length; k++) {
            sum[k % 2] += d[k];
            sq[k % 2] += d[k] * d[k];
        }
        int n = d.length / 2;
        return new double[] {Math.sqrt(sq[0] / n - Math.pow(sum[0] / n, 2)), Math.sqrt(sq[1] / n - Math.pow(sum[1] / n, 2))};
    }
}
