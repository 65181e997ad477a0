package org.neuralode4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuralode4j.tensor.Tensor;

/** The backward engine's bookkeeping: per-node pending slots, nested passes, in-place sums, scaled delivery. */
class EngineTest {

    /** Identity forward; backward multiplies by a gradient computed in a nested pass over the outer graph. */
    private static final class NestedGrad extends CustomFunction {
        private final Tensor x;
        private final Tensor y;

        NestedGrad(Tensor x, Tensor y) {
            this.x = x;
            this.y = y;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            return inputs[0].copy();
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor g) {
            // d/dx Σ y² with y = 2x is 8x; this pass reaches y's node while the outer pass holds its slot
            Tensor h = Autodiff.enableGrad(() -> Autodiff.grad(y.square().sum(), new Tensor[] {x}, null, true, false)[0]);
            return new Tensor[] {g.mul(h)};
        }
    }

    @Test
    void aNestedPassThroughANodeTheOuterPassIsFillingKeepsBothGradients() {
        Tensor x = Tensor.of(0.5, -1.0, 2.0).requiresGrad(true);
        Tensor y = x.mul(2.0);
        Tensor c = new NestedGrad(x, y).apply(y); // recorded before z, so the outer pass visits z first
        Tensor z = y.mul(3.0);
        z.add(c).sum().backward();
        // dL/dy = 3 + 8x, dL/dx = 2 (3 + 8x)
        double[] xs = {0.5, -1.0, 2.0};
        for (int i = 0; i < 3; i++) {
            assertThat(x.grad().toArray()[i]).isCloseTo(2 * (3 + 8 * xs[i]), within(1e-12));
        }
    }

    @Test
    void sharedGradientsAreNeverModifiedInPlace() {
        // g flows unchanged into a and b (an addition); a later sum for a must not change b's gradient
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor w = Tensor.of(3.0, 4.0).requiresGrad(true);
        Tensor a = x.mul(1.0);
        Tensor b = w.mul(1.0);
        Tensor s = a.add(b);
        Tensor out = s.add(a.mul(5.0)).sum();
        out.backward();
        assertThat(x.grad().toArray()).containsExactly(6.0, 6.0);
        assertThat(w.grad().toArray()).containsExactly(1.0, 1.0);
    }

    /** out = Σ c_i x_i with a scaled backward, as the Runge–Kutta stages are recorded. */
    private static Tensor combination(double[] c, Tensor... xs) {
        double[] out = new double[xs[0].numel()];
        for (int i = 0; i < xs.length; i++) {
            double[] v = xs[i].buffer();
            for (int k = 0; k < out.length; k++) {
                out[k] += c[i] * v[k];
            }
        }
        Tensor y = Tensor.fromArray(out, xs[0].shape());
        return Autodiff.record("combination", y, new ScaledBackward() {
            @Override
            public double coefficient(int i) {
                return c[i];
            }

            @Override
            public Tensor[] apply(Tensor g) {
                Tensor[] grads = new Tensor[xs.length];
                for (int i = 0; i < xs.length; i++) {
                    grads[i] = g.mul(c[i]);
                }
                return grads;
            }
        }, xs);
    }

    @Test
    void scaledDeliveryAccumulatesLikeTheMaterializedRule() {
        Tensor x = Tensor.of(1.0, -2.0).requiresGrad(true);
        Tensor k1 = x.square();
        Tensor s1 = combination(new double[] {1.0, 0.5}, x, k1);
        Tensor k2 = s1.square();
        Tensor s2 = combination(new double[] {1.0, 0.25, 0.75}, x, k1, k2);
        Tensor loss = s2.mul(s1).sum();
        Tensor viaEngine = Autodiff.grad(loss, x)[0];
        // the same through a create-graph pass, which calls apply
        Tensor x2 = Tensor.of(1.0, -2.0).requiresGrad(true);
        Tensor k1b = x2.square();
        Tensor s1b = combination(new double[] {1.0, 0.5}, x2, k1b);
        Tensor k2b = s1b.square();
        Tensor s2b = combination(new double[] {1.0, 0.25, 0.75}, x2, k1b, k2b);
        Tensor viaApply = Autodiff.grad(s2b.mul(s1b).sum(), new Tensor[] {x2}, null, false, true)[0];
        assertThat(viaEngine.allClose(viaApply.detach(), 1e-12)).isTrue();
        // and against finite differences
        GradientCheck.Result r = GradientCheck.check(in -> {
            Tensor q1 = in[0].square();
            Tensor t1 = combination(new double[] {1.0, 0.5}, in[0], q1);
            Tensor q2 = t1.square();
            return combination(new double[] {1.0, 0.25, 0.75}, in[0], q1, q2).mul(t1);
        }, Tensor.of(1.0, -2.0));
        assertThat(r.passed(1e-7)).as("%s", r.worst()).isTrue();
    }

    @Test
    void nodesAreReleasedAfterTheirVisit() {
        Tape tape = Tape.current();
        tape.resetCounters();
        Tensor x = Tensor.of(1.0, 2.0).requiresGrad(true);
        Tensor y = x.mul(2.0).add(1.0).square().sum();
        assertThat(tape.liveNodes()).isEqualTo(4);
        y.backward();
        assertThat(tape.liveNodes()).isZero();
        assertThat(x.grad().toArray()).containsExactly(12.0, 20.0);
    }
}
