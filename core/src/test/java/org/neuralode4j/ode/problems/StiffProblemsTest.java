package org.neuralode4j.ode.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.neuralode4j.ode.ArrayVectorField;
import org.neuralode4j.ode.JacobianProvider;

/** The stiff problems' Jacobians match finite differences; the buck converter's eigenvalues are as documented. */
class StiffProblemsTest {

    private static void jacobianMatchesDifferences(ArrayVectorField f, double[] y) {
        int n = y.length;
        double[] j = new double[n * n];
        ((JacobianProvider) f).jacobian(0, y, j);
        double[] f0 = new double[n];
        double[] f1 = new double[n];
        for (int c = 0; c < n; c++) {
            double[] yp = y.clone();
            double[] ym = y.clone();
            double d = 1e-6 * Math.max(1e-4, Math.abs(y[c]));
            yp[c] += d;
            ym[c] -= d;
            f.evaluate(0, yp, f1);
            f.evaluate(0, ym, f0);
            for (int r = 0; r < n; r++) {
                double fd = (f1[r] - f0[r]) / (2 * d);
                assertThat(j[r * n + c]).isCloseTo(fd, within(1e-5 * (1 + Math.abs(fd))));
            }
        }
    }

    @Test
    void jacobiansMatchFiniteDifferences() {
        jacobianMatchesDifferences(StiffProblems.robertson(), new double[] {0.9, 2e-5, 0.1});
        jacobianMatchesDifferences(StiffProblems.vanDerPol(3), new double[] {1.5, -0.4});
        jacobianMatchesDifferences(StiffProblems.buckParasitic(), new double[] {1, 5, 6});
    }

    @Test
    void buckEigenvaluesAndStiffness() {
        double[] j = new double[9];
        ((JacobianProvider) StiffProblems.buckParasitic()).jacobian(0, new double[3], j);
        double trace = j[0] + j[4] + j[8];
        double[] re = StiffProblems.BUCK_EIGENVALUES_REAL;
        assertThat(trace).isCloseTo(re[0] + re[1] + re[2], within(1e-9 * Math.abs(trace)));
        // det(J - λ I) = 0 at the fast eigenvalue (relative to the scale of the terms)
        double l = re[2];
        double a = j[0] - l;
        double e = j[4] - l;
        double i = j[8] - l;
        double det = a * (e * i - j[5] * j[7]) - j[1] * (j[3] * i - j[5] * j[6]) + j[2] * (j[3] * j[7] - e * j[6]);
        assertThat(Math.abs(det)).isLessThan(1e-9 * Math.abs(l * l * l));
        assertThat(Math.abs(re[2] / re[0])).isGreaterThan(1e5);
        // steady state (1.1928, 5.9642, 5.9881): f = 0 there
        double[] out = new double[3];
        StiffProblems.buckParasitic().evaluate(0, new double[] {1.19284294, 5.96421471, 5.98807157}, out);
        assertThat(Math.abs(out[0]) * StiffProblems.BUCK_L + Math.abs(out[1]) * StiffProblems.BUCK_C).isLessThan(1e-6);
    }
}
