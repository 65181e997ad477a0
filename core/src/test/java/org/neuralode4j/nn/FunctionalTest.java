package org.neuralode4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.autodiff.GradientCheck;
import org.neuralode4j.autodiff.Tape;
import org.neuralode4j.tensor.Tensor;

class FunctionalTest {
    private static final double TOL = 1e-7;

    /** y[i, o] = b[o] + Σ_k x[i, k] w[o, k] with plain loops. */
    private static double[] reference(double[] x, double[] w, double[] b, int rows, int in, int out) {
        double[] y = new double[rows * out];
        for (int i = 0; i < rows; i++) {
            for (int o = 0; o < out; o++) {
                double s = b == null ? 0 : b[o];
                for (int k = 0; k < in; k++) {
                    s += x[i * in + k] * w[o * in + k];
                }
                y[i * out + o] = s;
            }
        }
        return y;
    }

    @ParameterizedTest(name = "rows {0}, in {1}, out {2}, bias {3}")
    @CsvSource({"1, 1, 1, true", "3, 2, 50, true", "5, 50, 2, true", "4, 7, 9, false", "2, 3, 4, true", "0, 3, 5, true", "9, 5, 7, false", "13, 6, 11, true"})
    void forwardMatchesLoopsAndMatmul(int rows, int in, int out, boolean bias) {
        SplittableRandom rng = new SplittableRandom(rows * 31L + in * 7L + out);
        Tensor x = Tensor.randn(rng, rows, in);
        Tensor w = Tensor.randn(rng, out, in);
        Tensor b = bias ? Tensor.randn(rng, out) : null;
        Tensor y = Functional.linear(x, w, b);
        assertThat(y.shape()).containsExactly(rows, out);
        double[] expected = reference(x.toArray(), w.toArray(), b == null ? null : b.toArray(), rows, in, out);
        assertThat(y.allClose(Tensor.fromArray(expected, rows, out), 1e-13)).isTrue();
        Tensor viaMatmul = b == null ? x.matmul(w.mT()) : x.matmul(w.mT()).add(b);
        assertThat(y.allClose(viaMatmul, 1e-12)).isTrue();
    }

    @Test
    void acceptsAnyLeadingShape() {
        SplittableRandom rng = new SplittableRandom(3);
        Tensor w = Tensor.randn(rng, 5, 3);
        Tensor b = Tensor.randn(rng, 5);
        Tensor x3 = Tensor.randn(rng, 2, 4, 3);
        Tensor y3 = Functional.linear(x3, w, b);
        assertThat(y3.shape()).containsExactly(2, 4, 5);
        assertThat(y3.reshape(8, 5).allClose(Functional.linear(x3.reshape(8, 3), w, b), 0)).isTrue();
        Tensor x1 = Tensor.randn(rng, 3);
        Tensor y1 = Functional.linear(x1, w, b);
        assertThat(y1.shape()).containsExactly(5);
        assertThat(y1.allClose(Functional.linear(x1.reshape(1, 3), w, b).reshape(5), 0)).isTrue();
    }

    @Test
    void shapeErrorsNameBothShapes() {
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 2), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[4, 2]");
        assertThatThrownBy(() -> Functional.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias [3]");
    }

    @Test
    void recordsOneNode() {
        SplittableRandom rng = new SplittableRandom(4);
        Tensor x = Tensor.randn(rng, 6, 2).requiresGrad(true);
        Tensor w = Tensor.randn(rng, 50, 2).requiresGrad(true);
        Tensor b = Tensor.randn(rng, 50).requiresGrad(true);
        long before = Tape.current().liveNodes();
        Tensor y = Functional.linear(x, w, b);
        assertThat(Tape.current().liveNodes() - before).isEqualTo(1);
        assertThat(y.gradFn().op()).isEqualTo("linear");
        Tape.current().resetCounters();
    }

    @Test
    void noRecordingWithoutGradients() {
        Tensor y = Functional.linear(Tensor.ones(2, 3), Tensor.ones(4, 3), Tensor.ones(4));
        assertThat(y.requiresGrad()).isFalse();
        assertThat(y.isLeaf()).isTrue();
    }

    @ParameterizedTest(name = "x rank {0}, bias {1}")
    @CsvSource({"1, true", "2, true", "2, false", "3, true"})
    void gradientsMatchFiniteDifferences(int rank, boolean bias) {
        SplittableRandom rng = new SplittableRandom(rank * 10 + (bias ? 1 : 0));
        int[] xs = rank == 1 ? new int[] {3} : rank == 2 ? new int[] {4, 3} : new int[] {2, 3, 3};
        Tensor x = Tensor.randn(rng, xs);
        Tensor w = Tensor.randn(rng, 6, 3);
        Tensor b = Tensor.randn(rng, 6);
        Function<Tensor[], Tensor> f = bias
                ? in -> Functional.linear(in[0], in[1], in[2]).tanh()
                : in -> Functional.linear(in[0], in[1], null).tanh();
        Tensor[] inputs = bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w};
        GradientCheck.Result r = GradientCheck.check(f, inputs);
        assertThat(r.passed(TOL)).as("%s", r.worst()).isTrue();
    }

    @Test
    void matmulTNMatchesTransposeAndItsGradients() {
        SplittableRandom rng = new SplittableRandom(8);
        Tensor a = Tensor.randn(rng, 5, 3);
        Tensor b = Tensor.randn(rng, 5, 4);
        assertThat(Functional.matmulTN(a, b).allClose(a.mT().matmul(b), 1e-13)).isTrue();
        GradientCheck.Result r = GradientCheck.check(in -> Functional.matmulTN(in[0], in[1]), a, b);
        assertThat(r.passed(TOL)).as("%s", r.worst()).isTrue();
    }

    @Test
    void secondOrderThroughCreateGraph() {
        // d/dθ of the create-graph gradient d/dx <v, f(x, θ)>: exercises linear, matmulTN and matmul backward rules
        SplittableRandom rng = new SplittableRandom(9);
        Tensor x = Tensor.randn(rng, 4, 3);
        Tensor w = Tensor.randn(rng, 5, 3);
        Tensor b = Tensor.randn(rng, 5);
        for (int wrt = 0; wrt < 3; wrt++) {
            int k = wrt;
            Function<Tensor[], Tensor> gradOf = in -> {
                boolean outer = in[k].requiresGrad();
                Tensor[] leaves = in.clone();
                if (!outer) {
                    leaves[k] = in[k].detach().requiresGrad(true);
                }
                return Autodiff.enableGrad(() -> {
                    Tensor y = Functional.linear(leaves[0], leaves[1], leaves[2]).tanh();
                    Tensor v = Tensor.randn(new SplittableRandom(5), y.shape());
                    return Autodiff.grad(y.mul(v).sum(), new Tensor[] {leaves[k]}, null, false, outer)[0];
                });
            };
            GradientCheck.Result r = GradientCheck.check(gradOf, new Tensor[] {x, w, b}, 1e-4, 1e-3, 11L);
            assertThat(r.passed(1e-5)).as("wrt input %d: %s", wrt, r.worst()).isTrue();
        }
    }
}
