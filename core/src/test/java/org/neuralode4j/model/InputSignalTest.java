package org.neuralode4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.tensor.Tensor;

/** Interpolation of sampled inputs: exactness on the polynomials each kind reproduces, SciPy's values, errors. */
class InputSignalTest {
    /** An irregular grid. */
    private static final double[] X = {0.0, 0.3, 0.7, 1.6, 2.0, 2.9, 3.1};
    private static final double[] Y = {1.0, -0.5, 0.25, 2.0, 1.5, -1.0, 0.0};
    private static final double[] Q = {0.1, 0.5, 1.0, 1.9, 2.5, 3.0};

    private static InputSignal sampled(double[] x, DoubleUnaryOperator g, Interpolation kind) {
        double[][] v = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            v[i] = new double[] {g.applyAsDouble(x[i]), -2 * g.applyAsDouble(x[i])};
        }
        return InputSignal.of(x, v, kind);
    }

    private static void assertReproduces(InputSignal s, DoubleUnaryOperator g, double tol) {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = s.times();
        double[] u = new double[2];
        for (int k = 0; k < 200; k++) {
            double t = x[0] + rng.nextDouble() * (x[x.length - 1] - x[0]);
            s.at(t, u);
            assertThat(u[0]).as("%s at %s", s.interpolation(), t).isCloseTo(g.applyAsDouble(t), within(tol));
            assertThat(u[1]).isCloseTo(-2 * g.applyAsDouble(t), within(2 * tol));
        }
    }

    @Test
    void linearReproducesLines() {
        DoubleUnaryOperator line = t -> 0.75 - 1.5 * t;
        assertReproduces(sampled(X, line, Interpolation.LINEAR), line, 1e-14);
    }

    @Test
    void theNotAKnotSplineReproducesCubics() {
        DoubleUnaryOperator cubic = t -> 1 - 2 * t + 0.5 * t * t - 0.75 * t * t * t;
        assertReproduces(sampled(X, cubic, Interpolation.CUBIC), cubic, 1e-12);
        double[] four = {-1, 0.2, 0.5, 2};
        assertReproduces(sampled(four, cubic, Interpolation.CUBIC), cubic, 1e-12);
        DoubleUnaryOperator parabola = t -> 3 - t + 2 * t * t;
        assertReproduces(sampled(new double[] {0, 0.4, 1.5}, parabola, Interpolation.CUBIC), parabola, 1e-13);
        DoubleUnaryOperator line = t -> 2 + 3 * t;
        assertReproduces(sampled(new double[] {1, 2}, line, Interpolation.CUBIC), line, 1e-13);
    }

    @Test
    void pchipReproducesLines() {
        DoubleUnaryOperator line = t -> -0.25 + 4 * t;
        assertReproduces(sampled(X, line, Interpolation.PCHIP), line, 1e-13);
    }

    @Test
    void cubicAndPchipMatchScipy() {
        // scipy.interpolate.CubicSpline(X, Y)(Q) (not-a-knot) and PchipInterpolator(X, Y)(Q), SciPy 1.17
        double[] cubic = {0.18918983682076165, -0.32722115660603124, 1.1109131400867593, 1.7508122146593834,
            -0.5605878246959766, -0.6325772772349314};
        double[] pchip = {0.2579365079365079, -0.22023255813953477, 0.9576571920757967, 1.670610244519393,
            -0.11986435251690397, -0.6603535353535354};
        double[][] rows = new double[X.length][];
        for (int i = 0; i < X.length; i++) {
            rows[i] = new double[] {Y[i]};
        }
        InputSignal c = InputSignal.of(X, rows, Interpolation.CUBIC);
        InputSignal p = InputSignal.of(X, rows, Interpolation.PCHIP);
        for (int k = 0; k < Q.length; k++) {
            assertThat(c.at(Q[k]).item()).isCloseTo(cubic[k], within(1e-14));
            assertThat(p.at(Q[k]).item()).isCloseTo(pchip[k], within(1e-14));
        }
        double[] x4 = {0, 1, 3, 3.5};
        double[][] y4 = {{2}, {-1}, {0.5}, {4}};
        double[] q4 = {0.5, 2.0, 3.25};
        double[] cubic4 = {0.4107142857142858, -2.214285714285715, 2.043526785714286};
        double[] pchip4 = {-0.03125, -0.6538461538461539, 1.8353365384615383};
        for (int k = 0; k < q4.length; k++) {
            assertThat(InputSignal.of(x4, y4, Interpolation.CUBIC).at(q4[k]).item()).isCloseTo(cubic4[k], within(1e-14));
            assertThat(InputSignal.of(x4, y4, Interpolation.PCHIP).at(q4[k]).item()).isCloseTo(pchip4[k], within(1e-14));
        }
    }

    @Test
    void pchipKeepsAStepMonotoneWhereTheSplineOvershoots() {
        double[] x = {0, 1, 2, 3, 4, 5};
        double[][] y = {{0.5}, {0.5}, {0.5}, {0.3}, {0.3}, {0.3}};
        InputSignal p = InputSignal.of(x, y, Interpolation.PCHIP);
        InputSignal c = InputSignal.of(x, y, Interpolation.CUBIC);
        double prev = Double.POSITIVE_INFINITY;
        double cubicMax = 0;
        for (int k = 0; k <= 500; k++) {
            double t = k * 0.01;
            double v = p.at(t).item();
            assertThat(v).isBetween(0.3, 0.5).isLessThanOrEqualTo(prev + 1e-15);
            prev = v;
            cubicMax = Math.max(cubicMax, c.at(t).item());
        }
        assertThat(cubicMax).isGreaterThan(0.5);
    }

    @Test
    void holdKeepsTheLastSampleAndEveryKindHoldsTheEnds() {
        double[][] y = {{1}, {2}, {4}};
        double[] x = {0, 1, 3};
        InputSignal h = InputSignal.of(x, y, Interpolation.HOLD);
        assertThat(h.at(0.999).item()).isEqualTo(1.0);
        assertThat(h.at(1.0).item()).isEqualTo(2.0);
        assertThat(h.at(2.5).item()).isEqualTo(2.0);
        for (Interpolation kind : Interpolation.values()) {
            InputSignal s = InputSignal.of(x, y, kind);
            assertThat(s.at(-5).item()).isEqualTo(1.0);
            assertThat(s.at(3).item()).isEqualTo(4.0);
            assertThat(s.at(10).item()).isEqualTo(4.0);
            assertThat(s.at(1).item()).isEqualTo(2.0);
            assertThat(Interpolation.fromName(kind.id())).isEqualTo(kind);
        }
        assertThat(InputSignal.constant(0.5, 2).at(123).toArray()).containsExactly(0.5, 2.0);
    }

    @Test
    void buildsFromTensorsAndTrajectories() {
        Tensor values = Tensor.of(new double[][] {{1, 10}, {3, 30}});
        InputSignal s = InputSignal.of(new double[] {0, 2}, values, Interpolation.LINEAR);
        assertThat(s.dim()).isEqualTo(2);
        assertThat(s.at(0.5).toArray()).containsExactly(1.5, 15.0);
        Trajectory tr = new Trajectory("run", new double[] {0, 1}, new double[][] {{0}, {1}}, new double[][] {{2}, {4}});
        assertThat(InputSignal.of(tr, Interpolation.LINEAR).at(0.25).item()).isEqualTo(2.5);
        Trajectory noInputs = new Trajectory("bare", new double[] {0, 1}, new double[][] {{0}, {1}}, null);
        assertThatThrownBy(() -> InputSignal.of(noInputs, Interpolation.LINEAR)).hasMessageContaining("'bare' has no inputs");
    }

    @Test
    void rejectsBadSamples() {
        assertThatThrownBy(() -> InputSignal.of(new double[] {0, 1, 1}, new double[][] {{0}, {1}, {2}}, Interpolation.LINEAR))
                .hasMessageContaining("strictly increasing").hasMessageContaining("times[2] = 1.0");
        assertThatThrownBy(() -> InputSignal.of(new double[] {0, 1}, new double[][] {{0}}, Interpolation.LINEAR))
                .hasMessageContaining("2 times but 1 value rows");
        assertThatThrownBy(() -> InputSignal.of(new double[] {0, 1}, new double[][] {{0}, {1, 2}}, Interpolation.LINEAR))
                .hasMessageContaining("row 1 has 2 values, row 0 has 1");
        assertThatThrownBy(() -> InputSignal.of(new double[] {0, 1}, new double[][] {{0}, {Double.NaN}}, Interpolation.CUBIC))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> Interpolation.fromName("spline")).hasMessageContaining("hold|linear|cubic|pchip");
    }
}
