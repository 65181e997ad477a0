package org.neuralode4j.ode.stiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.junit.jupiter.api.Test;

class BlockDiagonalLuTest {

    private static final long SEED = 77L;

    @Test
    void matchesDenseSolveOfTheAssembledBlockDiagonalMatrix() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int blocks = 6;
        int dim = 5;
        double[] packed = new double[blocks * dim * dim];
        RealMatrix full = MatrixUtils.createRealMatrix(blocks * dim, blocks * dim);
        for (int b = 0; b < blocks; b++) {
            double[] block = DenseLuTest.wellConditioned(dim, rnd);
            System.arraycopy(block, 0, packed, b * dim * dim, dim * dim);
            for (int i = 0; i < dim; i++) {
                for (int j = 0; j < dim; j++) {
                    full.setEntry(b * dim + i, b * dim + j, block[i * dim + j]);
                }
            }
        }
        double[] rhs = DenseLuTest.randomVector(blocks * dim, rnd);
        double[] packedCopy = packed.clone();
        double[] rhsCopy = rhs.clone();

        BlockDiagonalLu lu = new BlockDiagonalLu(blocks, dim);
        assertThat(lu.factor(packed)).isTrue();
        assertThat(packed).containsExactly(packedCopy);
        assertThat(lu.singularCount()).isZero();
        assertThat(lu.firstSingularBlock()).isEqualTo(-1);

        double[] x = new double[blocks * dim];
        lu.solve(rhs, x);
        assertThat(rhs).containsExactly(rhsCopy);
        double[] expected = new LUDecomposition(full).getSolver().solve(new ArrayRealVector(rhs)).toArray();
        assertThat(DenseLuTest.maxAbsDiff(x, expected)).isLessThan(1e-13);

        double[] xt = new double[blocks * dim];
        lu.solveTranspose(rhs, xt);
        double[] expectedT = new LUDecomposition(full.transpose()).getSolver()
                .solve(new ArrayRealVector(rhs)).toArray();
        assertThat(DenseLuTest.maxAbsDiff(xt, expectedT)).isLessThan(1e-13);

        double[] inPlace = rhs.clone();
        lu.solveInPlace(inPlace);
        assertThat(inPlace).containsExactly(x);

        double[] one = new double[dim];
        lu.solveBlock(3, rhs, 3 * dim, one, 0);
        for (int i = 0; i < dim; i++) {
            assertThat(one[i]).isEqualTo(x[3 * dim + i]);
        }

        double det = 1;
        for (int b = 0; b < blocks; b++) {
            det *= lu.determinant(b);
        }
        double fullDet = new LUDecomposition(full).getDeterminant();
        assertThat(det).isCloseTo(fullDet, within(1e-12 * Math.abs(fullDet)));
    }

    @Test
    void flagsOnlyTheSingularBlocks() {
        int dim = 2;
        double[] packed = {
            2, 1, 1, 1, // block 0: fine
            1, 2, 2, 4, // block 1: singular, zero pivot in column 1
            0, 0, 0, 0, // block 2: zero, column 0
            1, 0, 0, Double.POSITIVE_INFINITY // block 3: non-finite
        };
        BlockDiagonalLu lu = new BlockDiagonalLu(4, dim);
        assertThat(lu.factor(packed)).isFalse();
        assertThat(lu.isSingular(0)).isFalse();
        assertThat(lu.isSingular(1)).isTrue();
        assertThat(lu.isSingular(2)).isTrue();
        assertThat(lu.isSingular(3)).isTrue();
        assertThat(lu.singularCount()).isEqualTo(3);
        assertThat(lu.firstSingularBlock()).isEqualTo(1);

        double[] x = {3, 2};
        lu.solveBlock(0, x, 0, x, 0); // the healthy block still solves
        assertThat(x[0]).isCloseTo(1, within(1e-15));
        assertThat(x[1]).isCloseTo(1, within(1e-15));

        assertThatThrownBy(() -> lu.solve(new double[8], new double[8]))
                .isInstanceOfSatisfying(SingularMatrixException.class, e -> {
                    assertThat(e.block()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(1);
                })
                .hasMessageContaining("diagonal block 1");
        assertThatThrownBy(() -> lu.solveBlock(2, new double[2], 0, new double[2], 0))
                .isInstanceOfSatisfying(SingularMatrixException.class, e -> assertThat(e.column()).isZero());
        assertThatThrownBy(() -> lu.solveBlock(3, new double[2], 0, new double[2], 0))
                .isInstanceOfSatisfying(SingularMatrixException.class, e -> assertThat(e.column()).isEqualTo(-1));
        assertThat(lu.determinant(3)).isNaN();
    }

    @Test
    void rejectsMisuse() {
        BlockDiagonalLu lu = new BlockDiagonalLu(2, 3);
        assertThatThrownBy(() -> lu.solve(new double[6], new double[6])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> lu.factor(new double[9]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("18");
        lu.factor(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 2, 0, 0, 0, 2, 0, 0, 0, 2});
        assertThatThrownBy(() -> lu.solve(new double[5], new double[6])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lu.isSingular(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new BlockDiagonalLu(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void solveAndSolveTransposeNameThemselvesInTheirMessages() {
        BlockDiagonalLu lu = new BlockDiagonalLu(2, 3);
        assertThatThrownBy(() -> lu.solve(new double[6], new double[6]))
                .hasMessage("BlockDiagonalLu.solve: no matrix has been factored");
        assertThatThrownBy(() -> lu.solveTranspose(new double[6], new double[6]))
                .hasMessage("BlockDiagonalLu.solveTranspose: no matrix has been factored");
        lu.factor(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> lu.solve(new double[5], new double[6]))
                .hasMessage("BlockDiagonalLu.solve: rhs must have length 6, got 5");
        assertThatThrownBy(() -> lu.solveTranspose(new double[6], new double[7]))
                .hasMessage("BlockDiagonalLu.solveTranspose: out must have length 6, got 7");
        assertThatThrownBy(() -> lu.solveTranspose(new double[6], new double[6]))
                .isInstanceOf(SingularMatrixException.class).hasMessageContaining("diagonal block 1");
    }
}
