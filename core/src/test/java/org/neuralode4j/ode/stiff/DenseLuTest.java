package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class DenseLuTest {

    private static final long SEED = 20240611L;

    /** Random matrix with entries in [-1, 1) plus a shifted diagonal, rows then shuffled so pivoting is needed. */
    static double[] wellConditioned(int n, SplittableRandom rnd) {
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = 2 * rnd.nextDouble() - 1;
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += (rnd.nextBoolean() ? 1 : -1) * (2 + n / 4.0);
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            for (int k = 0; k < n; k++) {
                double t = a[i * n + k];
                a[i * n + k] = a[j * n + k];
                a[j * n + k] = t;
            }
        }
        return a;
    }

    static double[] randomVector(int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * rnd.nextDouble() - 1;
        }
        return v;
    }

    static RealMatrix toHipparchus(double[] a, int n) {
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, d[i], 0, n);
        }
        return new Array2DRowRealMatrix(d, false);
    }

    static double maxAbsDiff(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void solvesMatchHipparchusOnRandomWellConditionedMatrices() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int n = 1; n <= 40; n += (n < 8 ? 1 : 7)) {
            DenseLu lu = new DenseLu(n);
            for (int trial = 0; trial < 5; trial++) {
                double[] a = wellConditioned(n, rnd);
                double[] aCopy = a.clone();
                double[] b = randomVector(n, rnd);
                double[] bCopy = b.clone();

                assertThat(lu.factor(a)).isTrue();
                assertThat(a).as("factor must not modify its argument").containsExactly(aCopy);
                double[] x = new double[n];
                lu.solve(b, x);
                assertThat(b).as("solve must not modify rhs").containsExactly(bCopy);

                DecompositionSolver oracle = new LUDecomposition(toHipparchus(a, n)).getSolver();
                double[] expected = oracle.solve(new ArrayRealVector(b)).toArray();
                assertThat(maxAbsDiff(x, expected)).as("n=%d", n).isLessThan(1e-13);

                double[] xt = new double[n];
                lu.solveTranspose(b, xt);
                double[] expectedT = new LUDecomposition(toHipparchus(a, n).transpose()).getSolver()
                        .solve(new ArrayRealVector(b)).toArray();
                assertThat(maxAbsDiff(xt, expectedT)).as("transpose n=%d", n).isLessThan(1e-13);

                double det = new LUDecomposition(toHipparchus(a, n)).getDeterminant();
                assertThat(lu.determinant()).isCloseTo(det, within(1e-12 * Math.abs(det)));
            }
        }
    }

    @Test
    void residualIsAtRoundoffLevelForGaussianMatrices() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        int n = 60;
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            // Box-Muller: N(0,1) entries; such matrices need pivoting and are moderately conditioned
            a[i] = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        double[] b = randomVector(n, rnd);
        DenseLu lu = new DenseLu(n);
        assertThat(lu.factor(a)).isTrue();
        double[] x = new double[n];
        lu.solve(b, x);
        double resid = 0;
        double normA = 0;
        double normX = 0;
        for (int i = 0; i < n; i++) {
            double s = -b[i];
            double row = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
                row += Math.abs(a[i * n + j]);
            }
            resid = Math.max(resid, Math.abs(s));
            normA = Math.max(normA, row);
            normX = Math.max(normX, Math.abs(x[i]));
        }
        assertThat(resid / (normA * normX)).isLessThan(n * 1e-15);
    }

    @Test
    void inPlaceAndOffsetSolvesAgreeWithPlainSolve() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        int n = 7;
        double[] a = wellConditioned(n, rnd);
        double[] b = randomVector(n, rnd);
        DenseLu lu = new DenseLu(n);
        lu.factor(a);
        double[] x = new double[n];
        lu.solve(b, x);

        double[] inPlace = b.clone();
        lu.solveInPlace(inPlace);
        assertThat(inPlace).containsExactly(x);

        double[] big = new double[3 * n];
        System.arraycopy(b, 0, big, n, n);
        double[] out = new double[2 * n + 1];
        lu.solve(big, n, out, n + 1);
        for (int i = 0; i < n; i++) {
            assertThat(out[n + 1 + i]).isEqualTo(x[i]);
        }
        assertThat(out[n]).isZero();
    }

    @Test
    void reusesStorageAcrossFactorizations() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        int n = 5;
        DenseLu lu = new DenseLu(n);
        for (int k = 0; k < 10; k++) {
            double[] a = wellConditioned(n, rnd);
            double[] b = randomVector(n, rnd);
            assertThat(lu.factor(a)).isTrue();
            double[] x = new double[n];
            lu.solve(b, x);
            double[] expected = new LUDecomposition(toHipparchus(a, n)).getSolver()
                    .solve(new ArrayRealVector(b)).toArray();
            assertThat(maxAbsDiff(x, expected)).isLessThan(1e-13);
        }
    }

    @Test
    void reportsSingularMatricesWithTheZeroPivotColumn() {
        DenseLu lu = new DenseLu(3);
        double[] dependent = {1, 2, 3, 2, 4, 6, 1, 0, 1}; // row 2 = 2 * row 1
        assertThat(lu.factor(dependent)).isFalse();
        assertThat(lu.isSingular()).isTrue();
        assertThat(lu.determinant()).isZero();
        assertThatThrownBy(() -> lu.solve(new double[3], new double[3]))
                .isInstanceOf(SingularMatrixException.class)
                .hasMessageContaining("singular")
                .satisfies(e -> {
                    SingularMatrixException s = (SingularMatrixException) e;
                    assertThat(s.block()).isEqualTo(-1);
                    assertThat(s.column()).isEqualTo(2);
                });

        assertThat(lu.factor(new double[9])).isFalse();
        assertThatThrownBy(() -> lu.solveInPlace(new double[3]))
                .isInstanceOfSatisfying(SingularMatrixException.class, s -> assertThat(s.column()).isZero());

        double[] withNaN = {1, 0, 0, 0, Double.NaN, 0, 0, 0, 1};
        assertThat(lu.factor(withNaN)).isFalse();
        assertThatThrownBy(() -> lu.solveTranspose(new double[3], new double[3]))
                .isInstanceOfSatisfying(SingularMatrixException.class, s -> assertThat(s.column()).isEqualTo(-1))
                .hasMessageContaining("non-finite");

        // a nonsingular matrix afterwards clears the flag
        assertThat(lu.factor(new double[] {0, 1, 0, 0, 0, 1, 1, 0, 0})).isTrue();
        double[] x = {1, 2, 3};
        lu.solveInPlace(x);
        assertThat(x).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsMisuse() {
        DenseLu lu = new DenseLu(2);
        assertThatThrownBy(() -> lu.solve(new double[2], new double[2])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lu.factor(new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2x2").hasMessageContaining("3");
        lu.factor(new double[] {1, 0, 0, 1});
        assertThatThrownBy(() -> lu.solve(new double[1], new double[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DenseLu(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factorAndSolveDoNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        if (!sun.isThreadAllocatedMemorySupported() || !sun.isThreadAllocatedMemoryEnabled()) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        int n = 12;
        double[] a = wellConditioned(n, rnd);
        double[] b = randomVector(n, rnd);
        double[] x = new double[n];
        DenseLu lu = new DenseLu(n);
        for (int k = 0; k < 20_000; k++) { // warm up (class loading, JIT)
            lu.factor(a);
            lu.solve(b, x);
            lu.solveTranspose(b, x);
        }
        long tid = Thread.currentThread().getId();
        long before = sun.getThreadAllocatedBytes(tid);
        for (int k = 0; k < 10_000; k++) {
            lu.factor(a);
            lu.solve(b, x);
            lu.solveTranspose(b, x);
        }
        long allocated = sun.getThreadAllocatedBytes(tid) - before;
        // a single allocating call per iteration would show up as hundreds of kilobytes
        assertThat(allocated).isLessThan(4096);
    }
}
