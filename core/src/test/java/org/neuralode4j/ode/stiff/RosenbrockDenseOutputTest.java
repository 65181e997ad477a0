package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Rodas-style dense output inside steps, on the smooth problem. A dense output of order q has
 * local error O(h<sup>q+1</sup>) for one step started on the exact solution; along an N-step
 * integration the interior error is then O(h<sup>min(p, q+1)</sup>).
 */
class RosenbrockDenseOutputTest {

    private static final double[] THETAS = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    static Stream<RosenbrockTableau> methods() {
        return Stream.of(RosenbrockTableau.RODAS5P, RosenbrockTableau.RODAS4, RosenbrockTableau.ROSENBROCK23);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void localInterpolationErrorIsOfOrderQPlusOne(RosenbrockTableau t) {
        TestProblem p = TestProblem.smooth();
        double t0 = 0.2;
        // step counts n stand for h = 0.8 / n: 0.1, 0.05, 0.025, 0.0125
        Convergence c = Convergence.study(t.name() + " dense, one step from the exact solution", 8, 4, n -> {
            double h = 0.8 / n;
            ReferenceRosenbrock ref = new ReferenceRosenbrock(t, p);
            double[] y0 = p.exact(t0);
            double[] y1 = new double[2];
            ref.step(t0, h, y0, y1);
            double[] out = new double[2];
            double worst = 0;
            for (double theta : THETAS) {
                t.interpolate(theta, y0, y1, ref.denseVectors(), out);
                worst = Math.max(worst, Convergence.maxAbsDiff(out, p.exact(t0 + theta * h)));
            }
            return worst;
        });
        for (double o : c.orders) {
            assertThat(o).as(c.toString()).isCloseTo(t.denseOrder() + 1, within(0.2));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void interiorErrorAlongAnIntegrationConvergesAtMinOfPAndQPlusOne(RosenbrockTableau t) {
        TestProblem p = TestProblem.smooth();
        int expected = Math.min(t.order(), t.denseOrder() + 1);
        Convergence c = Convergence.study(t.name() + " dense, interior of every step", 8, 4, n -> {
            double[] worst = {0};
            double[] out = new double[2];
            new ReferenceRosenbrock(t, p).integrate(1.0, n, false, (t0, h, y0, y1, z) -> {
                for (double theta : new double[] {0.25, 0.5, 0.75}) {
                    t.interpolate(theta, y0, y1, z, out);
                    worst[0] = Math.max(worst[0], Convergence.maxAbsDiff(out, p.exact(t0 + theta * h)));
                }
            });
            return worst[0];
        });
        for (double o : c.orders) {
            assertThat(o).as(c.toString()).isCloseTo(expected, within(0.2));
        }
    }
}
