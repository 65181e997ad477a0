package org.neuralode4j.ode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuralode4j.tensor.Tensor;
import org.neuralode4j.testing.PlainField;

/**
 * The stiff engines on a {@link QuadratureTailField}: a forced Van der Pol oscillator (μ = 20, the
 * core) with three quadratures of it (the tail). {@link Linearization} factors only the 2×2 core
 * block and its block-triangular solve satisfies W x = b for the full W = I/(hγ) − J; every stiff
 * method then gives the solution of the same field solved with the dense 5×5 Jacobian; and a
 * taped solve (direct backpropagation) falls back to the dense path with the same gradients.
 */
class QuadratureTailFieldTest {
    private static final double[] TIMES = {0, 0.5, 1.5};

    /** x' = v, v' = μ(1 − x²)v − x + 0.3 sin 3t; q0' = x², q1' = x v, q2' = v cos t. */
    private static final class Oscillator implements QuadratureTailField {
        private final Tensor mu;

        Oscillator(Tensor mu) {
            this.mu = mu;
        }

        @Override
        public Tensor apply(double t, Tensor y) {
            Tensor x = y.slice(0, 0, 1);
            Tensor v = y.slice(0, 1, 2);
            Tensor dv = mu.mul(x.square().neg().add(1)).mul(v).sub(x).add(0.3 * Math.sin(3 * t));
            return Tensor.cat(0, v, dv, x.square(), x.mul(v), v.mul(Math.cos(t)));
        }

        @Override
        public List<Tensor> parameters() {
            return List.of(mu);
        }

        @Override
        public int coreSize() {
            return 2;
        }

        @Override
        public Linearized linearize(double t, double[] y, double[] coreJacobian) {
            double m = mu.item();
            double x = y[0];
            double v = y[1];
            coreJacobian[0] = 0;
            coreJacobian[1] = 1;
            coreJacobian[2] = -2 * m * x * v - 1;
            coreJacobian[3] = m * (1 - x * x);
            return new Linearized() {
                @Override
                public void tailProduct(double[] c, double[] out) {
                    out[0] = 2 * x * c[0];
                    out[1] = v * c[0] + x * c[1];
                    out[2] = Math.cos(t) * c[1];
                }

                @Override
                public boolean timeDerivative(double[] f, double[] out) {
                    exactTimeDerivative(t, v, out);
                    return true;
                }
            };
        }

        static void exactTimeDerivative(double t, double v, double[] out) {
            out[0] = 0;
            out[1] = 0.9 * Math.cos(3 * t);
            out[2] = 0;
            out[3] = 0;
            out[4] = -Math.sin(t) * v;
        }

        /** The full 5×5 Jacobian and ∂f/∂t, for the dense comparison. */
        JacobianProvider dense() {
            return new JacobianProvider() {
                @Override
                public void jacobian(double t, double[] y, double[] out) {
                    java.util.Arrays.fill(out, 0.0);
                    double[] core = new double[4];
                    double[] tail = new double[3];
                    Linearized lin = linearize(t, y, core);
                    for (int i = 0; i < 2; i++) {
                        System.arraycopy(core, 2 * i, out, 5 * i, 2);
                    }
                    for (int j = 0; j < 2; j++) {
                        double[] unit = new double[2];
                        unit[j] = 1;
                        lin.tailProduct(unit, tail);
                        for (int i = 0; i < 3; i++) {
                            out[5 * (2 + i) + j] = tail[i];
                        }
                    }
                }

                @Override
                public boolean timeDerivative(double t, double[] y, double[] out) {
                    exactTimeDerivative(t, y[1], out);
                    return true;
                }
            };
        }
    }


    private static Tensor y0() {
        return Tensor.of(2.0, 0.0, 0.0, 0.0, 0.0);
    }

    @Test
    void onlyTheCoreBlockIsFactoredAndTheSolveInvertsTheFullMatrix() {
        Oscillator f = new Oscillator(Tensor.of(20.0));
        FieldEvaluator fe = new FieldEvaluator(f, new int[] {5});
        Linearization lin = new Linearization(f, fe, StiffOptions.defaults(), 1, false);
        assertThat(lin.factoredOrder()).isEqualTo(2);
        assertThat(new Linearization(f, fe, StiffOptions.defaults(), 1, true).factoredOrder()).isEqualTo(5);

        double t = 0.3;
        double[] y = {1.2, -0.7, 0.4, 0.1, -0.3};
        double[] f0 = new double[5];
        fe.evaluate(t, y, f0);
        lin.evaluate(t, y, f0);
        double hg = 0.013;
        assertThat(lin.factor(hg)).isTrue();
        double[] b = {0.5, -1.0, 2.0, 0.25, -0.75};
        double[] x = b.clone();
        lin.solve(x);
        double[] jac = new double[25];
        f.dense().jacobian(t, y, jac);
        for (int i = 0; i < 5; i++) {
            double wx = x[i] / hg;
            for (int j = 0; j < 5; j++) {
                wx -= jac[5 * i + j] * x[j];
            }
            assertThat(wx).as("row %d of W x", i).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-12 / hg));
        }
        double[] ft = new double[5];
        lin.timeDerivative(t, y, f0, ft);
        assertThat(ft[1]).isEqualTo(0.9 * Math.cos(3 * t));
        assertThat(ft[4]).isEqualTo(-Math.sin(t) * y[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "rodas4", "rosenbrock23", "kvaerno3", "kvaerno5"})
    void everyStiffMethodGivesTheDenseSolution(String method) {
        Oscillator f = new Oscillator(Tensor.of(20.0));
        SolveOptions structured = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-10).build();
        SolveOptions dense = structured.toBuilder()
                .stiffOptions(StiffOptions.builder().jacobian(f.dense()).build()).build();
        Solution a = OdeSolver.solve(f, y0(), TIMES, structured);
        Solution b = OdeSolver.solve(new PlainField(f), y0(), TIMES, dense);
        double[] ya = a.states().toArray();
        double[] yb = b.states().toArray();
        for (int i = 0; i < ya.length; i++) {
            assertThat(Math.abs(ya[i] - yb[i])).as("%s entry %d: %s vs %s", method, i, ya[i], yb[i])
                    .isLessThan(1e-9 * (1 + Math.abs(yb[i])));
        }
        assertThat(a.stats().acceptedSteps()).isEqualTo(b.stats().acceptedSteps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rodas5p", "kvaerno5"})
    void aTapedSolveFallsBackToTheDensePath(String method) {
        SolveOptions o = SolveOptions.builder().method(method).rtol(1e-8).atol(1e-10).build();
        double[] structured = gradient(mu -> new Oscillator(mu), o);
        double[] plain = gradient(mu -> new PlainField(new Oscillator(mu)), o);
        assertThat(structured).containsExactly(plain);
    }

    private static double[] gradient(java.util.function.Function<Tensor, VectorField> field, SolveOptions o) {
        Tensor mu = Tensor.of(20.0).requiresGrad(true);
        Tensor y0 = y0().requiresGrad(true);
        OdeSolver.solve(field.apply(mu), y0, TIMES, o).states().sum().backward();
        double[] g = new double[6];
        System.arraycopy(y0.grad().toArray(), 0, g, 0, 5);
        g[5] = mu.grad().item();
        return g;
    }
}
