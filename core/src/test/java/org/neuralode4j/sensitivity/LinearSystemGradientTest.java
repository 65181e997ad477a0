package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * z' = A z with a trainable A: z(T) = e^{AT} z0, so for L = wᵀ z(T), dL/dz0 = e^{AᵀT} w and
 * dL/dA = ∫₀ᵀ e^{Aᵀ(T−s)} w z(s)ᵀ ds. Both computed independently here: the matrix exponential by
 * scaling and squaring of its Taylor series, the integral by composite Gauss–Legendre quadrature.
 */
class LinearSystemGradientTest {
    private static final int D = 3;
    private static final double T = 1.5;

    @ParameterizedTest
    @EnumSource(Gradient.class)
    void gradientsMatchTheMatrixExponential(Gradient method) {
        SplittableRandom rng = new SplittableRandom(21);
        double[] a = Tensor.randn(rng, D, D).mul(0.6).toArray();
        double[] z0 = Tensor.randn(rng, D).toArray();
        double[] w = Tensor.randn(rng, D).toArray();

        Tensor aT = Tensor.fromArray(a, D, D).requiresGrad(true);
        Tensor z0T = Tensor.fromArray(z0, 1, D).requiresGrad(true);
        VectorField f = VectorField.withParameters(List.of(aT), (t, z) -> z.matmul(aT.mT()));
        SolveOptions tight = SolveOptions.builder().rtol(1e-11).atol(1e-13).build();
        GradientSolution sol = Odeint.solve(f, z0T, new double[] {0, T}, tight, method);
        sol.states().select(0, 1).mul(Tensor.fromArray(w, 1, D)).sum().backward();

        double[] expectZ0 = matVec(transpose(expm(a, T)), w);
        double[] expectA = new double[D * D];
        // Gauss-Legendre, 4 points on each of 64 panels
        double[] nodes = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526};
        double[] weights = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538};
        int panels = 64;
        for (int p = 0; p < panels; p++) {
            double lo = T * p / panels;
            double hi = T * (p + 1) / panels;
            for (int q = 0; q < 4; q++) {
                double s = 0.5 * (lo + hi) + 0.5 * (hi - lo) * nodes[q];
                double[] lambda = matVec(transpose(expm(a, T - s)), w);
                double[] zs = matVec(expm(a, s), z0);
                for (int i = 0; i < D; i++) {
                    for (int j = 0; j < D; j++) {
                        expectA[i * D + j] += 0.5 * (hi - lo) * weights[q] * lambda[i] * zs[j];
                    }
                }
            }
        }
        assertClose(z0T.grad().toArray(), expectZ0, 1e-8);
        assertClose(aT.grad().toArray(), expectA, 1e-8);
    }

    private static void assertClose(double[] actual, double[] expected, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("entry %d: %s vs %s", i, actual[i], expected[i])
                    .isLessThan(tol * (1 + Math.abs(expected[i])));
        }
    }

    /** e^{A t} by scaling and squaring of the Taylor series. */
    private static double[] expm(double[] a, double t) {
        int squarings = 8;
        double scale = t / (1 << squarings);
        double[] term = identity();
        double[] sum = identity();
        for (int k = 1; k < 30; k++) {
            term = matMul(term, a);
            for (int i = 0; i < term.length; i++) {
                term[i] *= scale / k;
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += term[i];
            }
        }
        for (int s = 0; s < squarings; s++) {
            sum = matMul(sum, sum);
        }
        return sum;
    }

    private static double[] identity() {
        double[] m = new double[D * D];
        for (int i = 0; i < D; i++) {
            m[i * D + i] = 1;
        }
        return m;
    }

    private static double[] matMul(double[] x, double[] y) {
        double[] out = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int k = 0; k < D; k++) {
                for (int j = 0; j < D; j++) {
                    out[i * D + j] += x[i * D + k] * y[k * D + j];
                }
            }
        }
        return out;
    }

    private static double[] transpose(double[] x) {
        double[] out = new double[D * D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                out[j * D + i] = x[i * D + j];
            }
        }
        return out;
    }

    private static double[] matVec(double[] m, double[] v) {
        double[] out = new double[D];
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                out[i] += m[i * D + j] * v[j];
            }
        }
        return out;
    }
}
