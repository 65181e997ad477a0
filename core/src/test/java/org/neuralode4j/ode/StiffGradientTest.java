package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;

/**
 * Direct backpropagation through the stiff methods matches central finite differences of the
 * untaped solve, for the initial state and for parameters of f that enter the Jacobian (a forced
 * Van der Pol oscillator with μ = 20, stiff on its slow branches, non-autonomous so ∂f/∂t is
 * differentiated too). With fixed steps the discretization is the same for every perturbation, so
 * the agreement is that of the finite differences themselves; adaptive solves add the
 * (non-differentiated) dependence of the step sizes on the inputs.
 */
class StiffGradientTest {
    private static final double[] WEIGHTS = {0.3, -0.2, 0.7, 0.05, -1.1, 0.02};
    private static final double[] TIMES = {0, 0.5, 1};

    private static VectorField field(Tensor mu, Tensor a) {
        return VectorField.withParameters(List.of(mu, a), (t, y) -> {
            Tensor x = y.slice(0, 0, 1);
            Tensor v = y.slice(0, 1, 2);
            Tensor dv = mu.mul(x.square().neg().add(1)).mul(v).sub(x).add(a.mul(Math.sin(3 * t)));
            return Tensor.cat(0, v, dv);
        });
    }

    /** L = Σ w_k y_k over the trajectory [3, 2]; inputs (y0 (2), μ, a). */
    private static double loss(double[] in, SolveOptions o) {
        return Autodiff.noGrad(() -> {
            Tensor mu = Tensor.of(in[2]);
            Tensor a = Tensor.of(in[3]);
            Solution s = OdeSolver.solve(field(mu, a), Tensor.of(in[0], in[1]), TIMES, o);
            double[] y = s.states().toArray();
            double l = 0;
            for (int i = 0; i < y.length; i++) {
                l += WEIGHTS[i] * y[i];
            }
            return l;
        });
    }

    @ParameterizedTest(name = "{0} step {1}")
    @CsvSource({
        "rodas5p, 0.01, 1e-7", "rodas4, 0.01, 1e-7", "rosenbrock23, 0.01, 1e-7", "kvaerno3, 0.01, 1e-7",
        "kvaerno5, 0.01, 1e-7", "rodas5p, 0, 5e-7", "rosenbrock23, 0, 5e-5", "kvaerno5, 0, 5e-7"})
    void gradientsMatchFiniteDifferences(String method, double step, double tolerance) {
        SolveOptions.Builder b = SolveOptions.builder().method(method).rtol(step > 0 ? 1e-13 : method.equals(
                "rosenbrock23") ? 1e-6 : 1e-10).atol(step > 0 ? 1e-13 : 1e-10);
        if (step > 0) {
            b.stepSize(step);
        }
        SolveOptions o = b.build();
        double[] in = {2, 0, 20, 5};
        Tensor y0 = Tensor.of(in[0], in[1]).requiresGrad(true);
        Tensor mu = Tensor.of(in[2]).requiresGrad(true);
        Tensor a = Tensor.of(in[3]).requiresGrad(true);
        Solution s = OdeSolver.solve(field(mu, a), y0, TIMES, o);
        Tensor l = s.states().reshape(6).mul(Tensor.of(WEIGHTS)).sum();
        assertThat(l.item()).isCloseTo(loss(in, o), org.assertj.core.api.Assertions.within(1e-12));
        l.backward();
        double[] analytic = {y0.grad().get(0), y0.grad().get(1), mu.grad().item(), a.grad().item()};
        double worst = 0;
        for (int k = 0; k < 4; k++) {
            double eps = 1e-5 * Math.max(1, Math.abs(in[k]));
            double[] p = in.clone();
            double[] m = in.clone();
            p[k] += eps;
            m[k] -= eps;
            double fd = (loss(p, o) - loss(m, o)) / (2 * eps);
            double rel = Math.abs(analytic[k] - fd) / Math.max(1e-3, Math.abs(fd));
            worst = Math.max(worst, rel);
            System.out.printf(Locale.ROOT, "%s step %s: dL/dx%d tape %.12g fd %.12g rel %.2e%n", method, step, k,
                    analytic[k], fd, rel);
        }
        System.out.printf(Locale.ROOT, "%s step %s: worst relative disagreement %.2e, %s%n", method, step, worst,
                s.stats());
        assertThat(worst).isLessThan(tolerance);
    }

    /** A batch [3, 2] with independent rows (block-diagonal J and its block-wise backward) gives the coupled gradients. */
    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "kvaerno5"})
    void independentRowsGiveTheCoupledGradients(String method) {
        double[][] grads = new double[2][];
        for (int pass = 0; pass < 2; pass++) {
            Tensor y0 = Tensor.of(new double[][] {{2, 0}, {1, 0.5}, {-1.5, 0.2}}).requiresGrad(true);
            Tensor mu = Tensor.of(20.0).requiresGrad(true);
            Tensor a = Tensor.of(5.0).requiresGrad(true);
            VectorField f = VectorField.withParameters(List.of(mu, a), (t, y) -> {
                Tensor x = y.slice(1, 0, 1);
                Tensor v = y.slice(1, 1, 2);
                Tensor dv = mu.mul(x.square().neg().add(1)).mul(v).sub(x).add(a.mul(Math.sin(3 * t)));
                return Tensor.cat(1, v, dv);
            });
            SolveOptions o = SolveOptions.builder().method(method).stepSize(0.02).rtol(1e-12).atol(1e-12)
                    .stiffOptions(StiffOptions.builder().independentRows(pass == 1).build()).build();
            Solution s = OdeSolver.solve(f, y0, TIMES, o);
            s.states().square().sum().backward();
            double[] g = new double[8];
            System.arraycopy(y0.grad().toArray(), 0, g, 0, 6);
            g[6] = mu.grad().item();
            g[7] = a.grad().item();
            grads[pass] = g;
        }
        for (int i = 0; i < 8; i++) {
            assertThat(grads[1][i]).isCloseTo(grads[0][i],
                    org.assertj.core.api.Assertions.within(1e-9 * (1 + Math.abs(grads[0][i]))));
        }
    }
}
