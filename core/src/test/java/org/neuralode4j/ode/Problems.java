package org.neuralode4j.ode;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.neuralode4j.tensor.Tensor;

/** REFERENCE.md's non-stiff test problems with exact solutions, written with tensor operations. */
final class Problems {
    private Problems() {
    }

    /**
     * A problem with its exact solution.
     *
     * @param name the REFERENCE.md name
     * @param f the vector field
     * @param t0 the initial time
     * @param t1 the final time
     * @param exact the exact solution at t, flattened
     * @param shape the state shape
     */
    record Problem(String name, VectorField f, double t0, double t1, DoubleFunction<double[]> exact, int... shape) {
        Tensor z0() {
            return Tensor.fromArray(exact.apply(t0), shape);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Problem A1 = new Problem("A1 exp decay", (t, z) -> z.neg(), 0, 10,
            t -> new double[] {Math.exp(-t)}, 1);

    static final Problem A2 = new Problem("A2", (t, z) -> z.pow(3).mul(-0.5), 0, 10,
            t -> new double[] {1 / Math.sqrt(t + 1)}, 1);

    static final Problem A3 = new Problem("A3", (t, z) -> z.mul(Math.cos(t)), 0, 10,
            t -> new double[] {Math.exp(Math.sin(t))}, 1);

    static final Problem A4 = new Problem("A4 logistic", (t, z) -> z.mul(0.25).mul(z.mul(-1.0 / 20).add(1)), 0, 10,
            t -> new double[] {20 / (1 + 19 * Math.exp(-t / 4))}, 1);

    static final Problem SINE = new Problem("sine", (t, z) -> z.mul(2 / t)
            .add(Math.pow(t, 4) * Math.sin(2 * t) - t * t + 4 * Math.pow(t, 3)), 1, 8, Problems::sineExact, 1);

    static final Problem HARMONIC = new Problem("harmonic", (t, z) -> z.matmul(Tensor.of(new double[][] {{0, -1}, {1, 0}})),
            0, 10, t -> new double[] {Math.cos(t), -Math.sin(t)}, 1, 2);

    static final Problem LINEAR = linear();

    static final List<Problem> NON_STIFF = List.of(A1, A2, A3, A4, SINE, LINEAR, HARMONIC);

    private static double[] sineExact(double t) {
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        return new double[] {-t4 * Math.cos(2 * t) / 2 + t3 * Math.sin(2 * t) / 2 + t2 * Math.cos(2 * t) / 4 - t3
                + 2 * t4 + (Math.PI - 0.25) * t2};
    }

    /** y' = A y with a seeded antisymmetric 10×10 A; exact solution expm(A t)·1. */
    private static Problem linear() {
        int d = 10;
        SplittableRandom rng = new SplittableRandom(7);
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = rng.nextDouble(-1, 1);
                a[i][j] = v;
                a[j][i] = -v;
            }
        }
        Tensor at = Tensor.of(transpose(a)); // row vector z: z' = z Aᵀ
        return new Problem("linear 10x10", (t, z) -> z.matmul(at), 0, 5, t -> Expm.apply(a, t, ones(d)), 1, d);
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] ones(int d) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    /** Lotka–Volterra of REFERENCE.md. */
    static final ArrayVectorField LOTKA_VOLTERRA = (t, z, dz) -> {
        dz[0] = 1.5 * z[0] - z[0] * z[1];
        dz[1] = -3 * z[1] + z[0] * z[1];
    };

    /** Lorenz with σ = 10, ρ = 28, β = 8/3. */
    static final ArrayVectorField LORENZ = (t, z, dz) -> {
        dz[0] = 10 * (z[1] - z[0]);
        dz[1] = z[0] * (28 - z[2]) - z[1];
        dz[2] = z[0] * z[1] - 8.0 / 3 * z[2];
    };

    /** expm(A t)·v by scaling and squaring with a Taylor series, for the linear problem's exact solution. */
    static final class Expm {
        private Expm() {
        }

        static double[] apply(double[][] a, double t, double[] v) {
            int d = a.length;
            double normA = 0;
            for (double[] row : a) {
                double s = 0;
                for (double x : row) {
                    s += Math.abs(x);
                }
                normA = Math.max(normA, s);
            }
            int squarings = Math.max(0, (int) Math.ceil(Math.log(Math.abs(t) * normA / 0.25) / Math.log(2)));
            double scale = t / Math.pow(2, squarings);
            double[][] m = new double[d][d];
            double[][] term = identity(d);
            double[][] sum = identity(d);
            for (int k = 1; k <= 30; k++) {
                term = multiply(term, a);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        term[i][j] *= scale / k;
                        sum[i][j] += term[i][j];
                    }
                }
            }
            m = sum;
            for (int s = 0; s < squarings; s++) {
                m = multiply(m, m);
            }
            double[] out = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i] += m[i][j] * v[j];
                }
            }
            return out;
        }

        private static double[][] identity(int d) {
            double[][] m = new double[d][d];
            for (int i = 0; i < d; i++) {
                m[i][i] = 1;
            }
            return m;
        }

        private static double[][] multiply(double[][] x, double[][] y) {
            int d = x.length;
            double[][] out = new double[d][d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    double xik = x[i][k];
                    for (int j = 0; j < d; j++) {
                        out[i][j] += xik * y[k][j];
                    }
                }
            }
            return out;
        }
    }
}
