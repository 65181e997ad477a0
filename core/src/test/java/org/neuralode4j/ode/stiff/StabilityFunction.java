package org.neuralode4j.ode.stiff;

/**
 * Linear stability function R(z) = 1 + z b<sup>T</sup>(I - zB)<sup>-1</sup> 1 of a method with a lower
 * triangular B (the Butcher matrix A of an ESDIRK; &beta; = &alpha; + &Gamma; of a Rosenbrock
 * method, whose step on y' = &lambda;y is (I - z&beta;)k = z 1 y0), evaluated in complex arithmetic.
 */
final class StabilityFunction {

    private StabilityFunction() {
    }

    /** @return {Re R(z), Im R(z)} */
    static double[] evaluate(double[][] lowerB, double[] b, double re, double im) {
        int s = b.length;
        double[] xr = new double[s];
        double[] xi = new double[s];
        for (int i = 0; i < s; i++) {
            // x_i = (1 + z sum_{j<i} B_ij x_j) / (1 - z B_ii)
            double sr = 0;
            double si = 0;
            for (int j = 0; j < i; j++) {
                sr += lowerB[i][j] * xr[j];
                si += lowerB[i][j] * xi[j];
            }
            double nr = 1 + re * sr - im * si;
            double ni = re * si + im * sr;
            double dr = 1 - re * lowerB[i][i];
            double di = -im * lowerB[i][i];
            double den = dr * dr + di * di;
            xr[i] = (nr * dr + ni * di) / den;
            xi[i] = (ni * dr - nr * di) / den;
        }
        double sr = 0;
        double si = 0;
        for (int i = 0; i < s; i++) {
            sr += b[i] * xr[i];
            si += b[i] * xi[i];
        }
        return new double[] {1 + re * sr - im * si, re * si + im * sr};
    }

    static double abs(double[][] lowerB, double[] b, double re, double im) {
        double[] r = evaluate(lowerB, b, re, im);
        return Math.hypot(r[0], r[1]);
    }
}
