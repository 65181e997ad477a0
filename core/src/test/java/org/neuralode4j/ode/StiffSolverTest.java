package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode4j.ode.problems.StiffProblems;
import org.neuralode4j.tensor.Tensor;

/**
 * The stiff methods through {@link OdeSolver}: a linear stiff system with a matrix-exponential
 * solution, the buck converter with parasitics, batches with independent rows, the Jacobian sources,
 * dense output and events, typed failures, and options.
 */
class StiffSolverTest {
    static final int N = 8;

    /** A = Q diag(λ) Qᵀ with λ from −1 to −1e6 (log-spaced) and Q a Householder reflection. */
    static double[][] stiffMatrix() {
        double[] v = new double[N];
        double vv = 0;
        for (int i = 0; i < N; i++) {
            v[i] = 1 + 0.3 * i;
            vv += v[i] * v[i];
        }
        double[][] q = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                q[i][j] = (i == j ? 1 : 0) - 2 * v[i] * v[j] / vv;
            }
        }
        double[][] a = new double[N][N];
        for (int k = 0; k < N; k++) {
            double lambda = -Math.pow(10, 6.0 * k / (N - 1));
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    a[i][j] += q[i][k] * lambda * q[j][k];
                }
            }
        }
        return a;
    }

    /** expm(A t) y0 = Q diag(e^{λt}) Qᵀ y0 with the same Q and λ. */
    static double[] exactLinear(double t, double[] y0) {
        double[] v = new double[N];
        double vv = 0;
        for (int i = 0; i < N; i++) {
            v[i] = 1 + 0.3 * i;
            vv += v[i] * v[i];
        }
        double[] out = new double[N];
        for (int k = 0; k < N; k++) {
            double lambda = -Math.pow(10, 6.0 * k / (N - 1));
            double c = 0;
            for (int j = 0; j < N; j++) {
                c += ((k == j ? 1 : 0) - 2 * v[k] * v[j] / vv) * y0[j];
            }
            c *= Math.exp(lambda * t);
            for (int i = 0; i < N; i++) {
                out[i] += ((i == k ? 1 : 0) - 2 * v[i] * v[k] / vv) * c;
            }
        }
        return out;
    }

    /** y' = A y written with tensors (Jacobian by reverse mode); works on [N] and on [B, N]. */
    static VectorField linearTensor() {
        Tensor at = Tensor.of(stiffMatrix()).transpose(0, 1);
        return (t, y) -> y.rank() == 1 ? y.unsqueeze(0).matmul(at).reshape(N) : y.matmul(at);
    }

    static double[] ones() {
        double[] y0 = new double[N];
        java.util.Arrays.fill(y0, 1.0);
        return y0;
    }

    /**
     * Eigenvalues from -1 to -1e6, outputs inside the initial transient and after it. Solved twice:
     * landing on the output times (the solution at step points) and reading them from the dense
     * output. The cubic Hermite interpolant of the ESDIRK methods is the weak point inside the
     * fast transient (t = 1e-6): measured up to 45 (atol + rtol|y|) for kvaerno5, while its
     * step-point values stay at about 1.2.
     */
    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "rodas4", "rosenbrock23", "kvaerno3", "kvaerno5"})
    void linearStiffSystemMeetsTheTolerance(String method) {
        boolean low = method.equals("rosenbrock23") || method.equals("kvaerno3");
        double rtol = low ? 1e-5 : 1e-8;
        double atol = rtol * 1e-2;
        double[] times = {0, 1e-6, 1e-4, 1e-2, 1};
        SolveOptions dense = SolveOptions.builder().method(method).rtol(rtol).atol(atol).build();
        SolveOptions landing = dense.toBuilder().stepTimes(times).build();
        double[] worst = new double[2];
        Solution s = null;
        for (int pass = 0; pass < 2; pass++) {
            s = OdeSolver.solve(linearTensor(), Tensor.of(ones()), times, pass == 0 ? landing : dense);
            double[] y = s.states().toArray();
            for (int k = 1; k < times.length; k++) {
                double[] ex = exactLinear(times[k], ones());
                for (int i = 0; i < N; i++) {
                    worst[pass] = Math.max(worst[pass], Math.abs(y[k * N + i] - ex[i]) / (atol + rtol * Math.abs(ex[i])));
                }
            }
        }
        System.out.printf(Locale.ROOT, "linear %s rtol %.0e: worst error / (atol + rtol|y|) = %.3g at step points, "
                + "%.3g from dense output, %s%n", method, rtol, worst[0], worst[1], s.stats());
        // global errors of a locally controlled solve; the order-2 Rosenbrock23 accumulates most
        assertThat(worst[0]).isLessThan(low ? 30 : 3);
        assertThat(worst[1]).isLessThan(method.startsWith("kvaerno") ? 100 : low ? 30 : 3);
        assertThat(s.stats().jacobianEvaluations()).isPositive();
        assertThat(s.stats().luDecompositions()).isPositive();
        // an explicit method would need ~1e6 steps for stability alone
        assertThat(s.stats().acceptedSteps()).isLessThan(3000);
    }

    @Test
    void buckConverterWithParasitics() {
        for (String method : StiffMethod.names()) {
            double rtol = method.equals("rosenbrock23") || method.equals("kvaerno3") ? 1e-6 : 1e-9;
            Solution s = OdeSolver.solve(StiffProblems.buckParasitic(), Tensor.of(StiffProblems.BUCK_Y0),
                    new double[] {0, 1e-3, 2e-3}, SolveOptions.builder().method(method).rtol(rtol).atol(rtol).build());
            double[] y = s.states().toArray();
            double err = 0;
            for (int i = 0; i < 3; i++) {
                err = Math.max(err, Math.abs(y[3 + i] - StiffProblems.BUCK_AT_1MS[i]) / (1 + Math.abs(StiffProblems.BUCK_AT_1MS[i])));
                err = Math.max(err, Math.abs(y[6 + i] - StiffProblems.BUCK_AT_2MS[i]) / (1 + Math.abs(StiffProblems.BUCK_AT_2MS[i])));
            }
            System.out.printf(Locale.ROOT, "buck %s: error %.3g, %s%n", method, err, s.stats());
            // ~300 steps over 3 periods: the order-2 and order-3 methods accumulate their local errors
            boolean low = method.equals("rosenbrock23") || method.equals("kvaerno3");
            assertThat(err).as(method).isLessThan((low ? 1000 : 100) * rtol);
        }
    }

    @Test
    void independentRowsUseBlocksAndAgreeWithTheCoupledSolve() {
        int b = 3;
        double[] y0 = new double[b * N];
        for (int i = 0; i < y0.length; i++) {
            y0[i] = 1 + 0.1 * i;
        }
        Tensor z0 = Tensor.fromArray(y0, b, N);
        double[] times = {0, 0.5, 1};
        SolveOptions coupled = SolveOptions.builder().method("rodas5p").rtol(1e-8).atol(1e-10).build();
        SolveOptions blocks = coupled.toBuilder()
                .stiffOptions(StiffOptions.builder().independentRows(true).build()).build();
        Solution a = OdeSolver.solve(linearTensor(), z0, times, coupled);
        Solution c = OdeSolver.solve(linearTensor(), z0, times, blocks);
        double[] ya = a.states().toArray();
        double[] yc = c.states().toArray();
        for (int i = 0; i < ya.length; i++) {
            assertThat(yc[i]).isCloseTo(ya[i], org.assertj.core.api.Assertions.within(1e-12 + 1e-9 * Math.abs(ya[i])));
        }
        for (int r = 0; r < b; r++) {
            double[] ex = exactLinear(1, java.util.Arrays.copyOfRange(y0, r * N, (r + 1) * N));
            for (int i = 0; i < N; i++) {
                assertThat(yc[2 * b * N + r * N + i]).isCloseTo(ex[i], org.assertj.core.api.Assertions.within(1e-7));
            }
        }
        assertThat(c.stats().acceptedSteps()).isEqualTo(a.stats().acceptedSteps());
    }

    @Test
    void jacobianSourcesAgree() {
        double[][] a = stiffMatrix();
        ArrayVectorField plain = (t, y, out) -> {
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < N; j++) {
                    s += a[i][j] * y[j];
                }
                out[i] = s;
            }
        };
        JacobianProvider exact = (t, y, out) -> {
            for (int i = 0; i < N; i++) {
                System.arraycopy(a[i], 0, out, i * N, N);
            }
        };
        double[] times = {0, 1e-3, 1};
        SolveOptions base = SolveOptions.builder().method("kvaerno5").rtol(1e-8).atol(1e-10).build();
        Solution fd = OdeSolver.solve(plain, Tensor.of(ones()), times, base);
        Solution user = OdeSolver.solve(plain, Tensor.of(ones()), times,
                base.toBuilder().stiffOptions(StiffOptions.builder().jacobian(exact).build()).build());
        Solution reverse = OdeSolver.solve(linearTensor(), Tensor.of(ones()), times, base);
        double[] ex = exactLinear(1, ones());
        for (Solution s : List.of(fd, user, reverse)) {
            double[] y = s.states().toArray();
            for (int i = 0; i < N; i++) {
                assertThat(y[2 * N + i]).isCloseTo(ex[i], org.assertj.core.api.Assertions.within(1e-7));
            }
        }
        // finite differences cost N evaluations per Jacobian, the others none
        assertThat(fd.stats().functionEvaluations()).isGreaterThan(user.stats().functionEvaluations());
        assertThatThrownBy(() -> OdeSolver.solve(plain, Tensor.of(ones()), times, base.toBuilder()
                .stiffOptions(StiffOptions.builder().jacobianMode(StiffOptions.JacobianMode.REVERSE_MODE).build()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REVERSE_MODE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "kvaerno5"})
    void denseOutputAndEvents(String method) {
        // Van der Pol, μ = 1000: the first time y1 crosses 0 (the first fast transition, t ≈ 807)
        Event crossing = Event.of((t, z) -> z.get(0)).withTerminal(true);
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-8).dense(true).events(crossing).build();
        Solution s = OdeSolver.solve(StiffProblems.vanDerPol(), Tensor.of(StiffProblems.VAN_DER_POL_Y0),
                new double[] {0, 2000}, o);
        assertThat(s.terminatedByEvent()).isTrue();
        double te = s.events().get(0).time();
        assertThat(te).isBetween(800.0, 815.0);
        // the dense solution between steps agrees with a solve that lands on the same time
        double probe = 0.5 * te;
        double dense = s.dense().at(probe).get(0);
        Solution direct = OdeSolver.solve(StiffProblems.vanDerPol(), Tensor.of(StiffProblems.VAN_DER_POL_Y0),
                new double[] {0, probe}, SolveOptions.builder().method(method).rtol(1e-10).atol(1e-10).build());
        assertThat(dense).isCloseTo(direct.states().get(1, 0), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void singularIterationMatrixIsATypedFailure() {
        // J = 1/(hγ) exactly for the fixed step: W = I/(hγ) - J = 0
        double h = 0.1;
        double gamma = StiffMethod.RODAS5P.rosenbrockTableau().gamma();
        double lambda = 1 / (h * gamma);
        ArrayVectorField f = (t, y, out) -> out[0] = lambda * y[0];
        SolveOptions o = SolveOptions.builder().method("rodas5p").stepSize(h).stiffOptions(StiffOptions.builder()
                .jacobian((t, y, out) -> out[0] = lambda).build()).build();
        assertThatThrownBy(() -> OdeSolver.solve(f, Tensor.of(1.0), new double[] {0, 1}, o))
                .isInstanceOf(SingularIterationMatrixException.class).hasMessageContaining("singular");
        // a non-finite Jacobian in an adaptive solve: halving never helps, so the typed failure comes
        SolveOptions nan = SolveOptions.builder().method("kvaerno5").stiffOptions(StiffOptions.builder()
                .jacobian((t, y, out) -> out[0] = Double.NaN).build()).build();
        assertThatThrownBy(() -> OdeSolver.solve(f, Tensor.of(1.0), new double[] {0, 1}, nan))
                .isInstanceOf(SingularIterationMatrixException.class).hasMessageContaining("did not help");
    }

    @Test
    void newtonDivergenceEndsInStepSizeUnderflow() {
        // a Jacobian of the wrong sign makes the simplified Newton iteration diverge for any large h,
        // and y' = -y^3·1e6 with y = 1 needs small steps; minStep stops the halving early
        ArrayVectorField f = (t, y, out) -> out[0] = -1e6 * y[0] * y[0] * y[0];
        SolveOptions o = SolveOptions.builder().method("kvaerno5").firstStep(1).minStep(1e-3).stiffOptions(
                StiffOptions.builder().jacobian((t, y, out) -> out[0] = 3e6 * y[0] * y[0]).build()).build();
        assertThatThrownBy(() -> OdeSolver.solve(f, Tensor.of(1.0), new double[] {0, 1}, o))
                .isInstanceOf(StepSizeUnderflowException.class).hasMessageContaining("Newton");
    }

    @Test
    void optionsNameTheStiffMethods() {
        SolveOptions o = SolveOptions.builder().method("Rodas5P").build();
        assertThat(o.isStiff()).isTrue();
        assertThat(o.methodName()).isEqualTo("rodas5p");
        assertThat(o.stiffMethod()).isSameAs(StiffMethod.RODAS5P);
        assertThatThrownBy(o::method).isInstanceOf(IllegalStateException.class).hasMessageContaining("stiff");
        assertThat(o.toBuilder().method("dopri5").build().isStiff()).isFalse();
        assertThatThrownBy(() -> SolveOptions.builder().method("radau5")).hasMessageContaining("rodas5p")
                .hasMessageContaining("dopri5");
        assertThat(StiffMethod.names()).containsExactly("rodas5p", "rodas4", "rosenbrock23", "kvaerno3", "kvaerno5");
    }
}
