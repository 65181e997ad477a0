package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.neuralode4j.nn.Mlp;
import org.neuralode4j.nn.ModuleField;
import org.neuralode4j.ode.DenseSolution;
import org.neuralode4j.ode.OdeSolver;
import org.neuralode4j.ode.QuadratureTailField;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.VectorField;
import org.neuralode4j.tensor.Tensor;

/**
 * The block-structured linearization of the adjoint systems ({@link AdjointDynamics} as a
 * {@link QuadratureTailField}) against central differences of {@link AdjointDynamics#evaluate}:
 * the core Jacobian J_c, the tail products J_tc·v, the zero tail columns (a_θ never enters the
 * dynamics) and, for the interpolating layout, ∂/∂t through z(t) and through an explicit t in f.
 * Both layouts, on a small random multilayer perceptron (whose evaluations take the raw-array VJP
 * path while the linearization uses the tape) and on a hand-written non-autonomous field.
 */
class AdjointLinearizationTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void backsolveLinearizationOfAnMlpMatchesDifferences() {
        ModuleField mlp = mlpField();
        checkBacksolve(mlp, new int[] {3, 2});
    }

    @Test
    void backsolveLinearizationOfAHandWrittenFieldMatchesDifferences() {
        checkBacksolve(handWritten(), new int[] {2, 2});
    }

    @Test
    void interpolatingLinearizationOfAnMlpMatchesDifferences() {
        checkInterpolating(mlpField(), new int[] {3, 2});
    }

    @Test
    void interpolatingLinearizationOfAHandWrittenFieldMatchesDifferences() {
        checkInterpolating(handWritten(), new int[] {2, 2});
    }

    private static ModuleField mlpField() {
        ModuleField field = new ModuleField(Mlp.builder(2, 2).hidden(8).activation("tanh").seed(11).build());
        assertThat(field.hasArrayVjp()).isTrue();
        return field;
    }

    /** A nonlinear, non-autonomous field with trainable rates and coupling. */
    private static VectorField handWritten() {
        Tensor rates = Tensor.of(1.3, 7.0).requiresGrad(true);
        Tensor coupling = Tensor.of(0.5).requiresGrad(true);
        return VectorField.withParameters(List.of(rates, coupling), (t, z) -> {
            Tensor x = z.select(-1, 0);
            Tensor y = z.select(-1, 1);
            Tensor dx = x.mul(rates.select(0, 0)).neg().add(y.square().mul(coupling)).add(Math.sin(3 * t));
            Tensor dy = y.sub(x.sin()).mul(rates.select(0, 1)).mul(1.0 + 0.5 * Math.cos(2 * t)).neg()
                    .add(x.mul(y).tanh());
            return Tensor.stack(-1, dx, dy);
        });
    }

    private static void checkBacksolve(VectorField f, int[] shape) {
        ParameterSet params = new ParameterSet(f.parameters());
        AdjointDynamics g = AdjointDynamics.backsolve(f, shape, params);
        double[] y = random(g.size(), 5);
        double t = 0.37;
        checkStructure(g, t, y);
    }

    private static void checkInterpolating(VectorField f, int[] shape) {
        ParameterSet params = new ParameterSet(f.parameters());
        Tensor z0 = Tensor.fromArray(random(Math.multiplyExact(shape[0], shape[1]), 3), shape);
        SolveOptions o = SolveOptions.builder().method("dopri5").rtol(1e-9).atol(1e-11).dense(true).build();
        DenseSolution dense = OdeSolver.solve(f, z0, new double[] {0.0, 1.0}, o).dense();
        AdjointDynamics g = AdjointDynamics.interpolating(f, shape, params, dense);
        double[] y = random(g.size(), 7);
        double t = 0.4321;
        QuadratureTailField.Linearized lin = checkStructure(g, t, y);

        double[] f0 = new double[y.length];
        g.evaluate(t, y, f0);
        double[] ft = new double[y.length];
        assertThat(lin.timeDerivative(f0, ft)).isTrue();
        // a step small enough to stay inside one dense-output segment around t
        double h = 1e-6;
        double[] plus = new double[y.length];
        double[] minus = new double[y.length];
        g.evaluate(t + h, y, plus);
        g.evaluate(t - h, y, minus);
        double[] expected = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            expected[i] = (plus[i] - minus[i]) / (2 * h);
        }
        assertClose("dG/dt", ft, expected);
    }

    /** Checks J_c, the tail products and the zero tail columns at (t, y); returns the linearization. */
    private static QuadratureTailField.Linearized checkStructure(AdjointDynamics g, double t, double[] y) {
        int size = y.length;
        int m = g.coreSize();
        double[] jc = new double[m * m];
        QuadratureTailField.Linearized lin = g.linearize(t, y, jc);
        double[] column = new double[size];
        for (int j = 0; j < size; j++) {
            differenceColumn(g, t, y, j, column);
            if (j < m) {
                double[] expected = new double[m];
                double[] got = new double[m];
                for (int i = 0; i < m; i++) {
                    expected[i] = column[i];
                    got[i] = jc[i * m + j];
                }
                assertClose("core column " + j, got, expected);
                double[] unit = new double[m];
                unit[j] = 1.0;
                double[] tail = new double[size - m];
                lin.tailProduct(unit, tail);
                assertClose("tail column " + j, tail, java.util.Arrays.copyOfRange(column, m, size));
            } else {
                for (double v : column) {
                    assertThat(Math.abs(v)).as("d G / d y_%d (a tail variable)", j).isLessThan(1e-9);
                }
            }
        }
        double[] v = random(m, 9);
        double[] tail = new double[size - m];
        lin.tailProduct(v, tail);
        double[] expected = directional(g, t, y, v, m);
        assertClose("J_tc v", tail, java.util.Arrays.copyOfRange(expected, m, size));
        return lin;
    }

    private static void differenceColumn(AdjointDynamics g, double t, double[] y, int j, double[] out) {
        double[] v = new double[j + 1];
        v[j] = 1.0;
        System.arraycopy(directional(g, t, y, v, j + 1), 0, out, 0, y.length);
    }

    /** Central difference of G along [v, 0, ...] (v covers the first {@code len} entries). */
    private static double[] directional(AdjointDynamics g, double t, double[] y, double[] v, int len) {
        double h = 1e-5;
        double[] yp = y.clone();
        double[] ym = y.clone();
        for (int i = 0; i < len; i++) {
            yp[i] += h * v[i];
            ym[i] -= h * v[i];
        }
        double[] fp = new double[y.length];
        double[] fm = new double[y.length];
        g.evaluate(t, yp, fp);
        g.evaluate(t, ym, fm);
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (fp[i] - fm[i]) / (2 * h);
        }
        return out;
    }

    private static double[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextDouble(-1, 1);
        }
        return out;
    }

    private static void assertClose(String what, double[] got, double[] expected) {
        double scale = 1.0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(got[i] - expected[i])).as("%s[%d]: %s vs %s", what, i, got[i], expected[i])
                    .isLessThan(TOLERANCE * scale);
        }
    }
}
