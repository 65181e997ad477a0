package org.neuralode4j.ode.stiff;

/**
 * The standard form (&alpha;, &Gamma;, b, bhat) of Hairer &amp; Wanner (IV.7.4), recovered from a
 * transformed {@link RosenbrockTableau} by inverting (IV.7.25): &Gamma;<sup>-1</sup> = I/&gamma; - C
 * (C strictly lower, so &Gamma;<sup>-1</sup> is lower triangular with diagonal 1/&gamma;),
 * &Gamma; by forward substitution, then &alpha; = a&Gamma;, b = m&Gamma;, bhat = (m - e)&Gamma;.
 */
final class RosenbrockStandardForm {

    final int s;
    final double gamma;
    /** &alpha;_ij, strictly lower. */
    final double[][] alpha;
    /** &gamma;_ij, lower triangular including the diagonal &gamma;. */
    final double[][] gam;
    final double[] b;
    final double[] bHat;

    RosenbrockStandardForm(RosenbrockTableau t) {
        s = t.stages();
        gamma = t.gamma();
        double[][] gInv = new double[s][s];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < i; j++) {
                gInv[i][j] = -t.cMatrix(i, j);
            }
            gInv[i][i] = 1.0 / gamma;
        }
        gam = lowerInverse(gInv);
        alpha = multiply(t.a(), gam);
        b = rowTimes(t.m(), gam);
        bHat = rowTimes(t.embeddedWeights(), gam);
    }

    /** &alpha;_i = sum_j &alpha;_ij. */
    double alphaSum(int i) {
        double r = 0;
        for (int j = 0; j < s; j++) {
            r += alpha[i][j];
        }
        return r;
    }

    /** &gamma;_i = sum_{j&le;i} &gamma;_ij. */
    double gammaSum(int i) {
        double r = 0;
        for (int j = 0; j < s; j++) {
            r += gam[i][j];
        }
        return r;
    }

    /** &beta;'_i = sum_{j&lt;i} (&alpha;_ij + &gamma;_ij). */
    double betaPrime(int i) {
        double r = 0;
        for (int j = 0; j < i; j++) {
            r += alpha[i][j] + gam[i][j];
        }
        return r;
    }

    /** &beta;_ij for j &lt; i (strictly lower part), 0 otherwise. */
    double beta(int i, int j) {
        return j < i ? alpha[i][j] + gam[i][j] : 0.0;
    }

    static double[][] lowerInverse(double[][] l) {
        int n = l.length;
        double[][] x = new double[n][n];
        for (int col = 0; col < n; col++) {
            for (int i = col; i < n; i++) {
                double r = i == col ? 1.0 : 0.0;
                for (int k = col; k < i; k++) {
                    r -= l[i][k] * x[k][col];
                }
                x[i][col] = r / l[i][i];
            }
        }
        return x;
    }

    static double[][] multiply(double[][] p, double[][] q) {
        int n = p.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] += p[i][k] * q[k][j];
                }
            }
        }
        return r;
    }

    static double[] rowTimes(double[] v, double[][] q) {
        int n = v.length;
        double[] r = new double[n];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                r[j] += v[k] * q[k][j];
            }
        }
        return r;
    }
}
