package org.neuralode4j.ode.stiff;

/**
 * Reusable LU factorization of a block-diagonal matrix made of B independent D&times;D blocks, each
 * factored with partial pivoting inside the block.
 *
 * <p>This is the linear algebra of a batched stiff solve: a state of shape [B, D] whose samples do
 * not interact has a block-diagonal Jacobian, so the iteration matrix needs B factorizations of
 * cost D&sup3;/3 rather than one of cost (BD)&sup3;/3. Storage layout: the blocks are contiguous,
 * block b's entry (i, j) at index {@code b*D*D + i*D + j}; right-hand sides are [B, D] row-major,
 * block b's entry i at {@code b*D + i}.
 *
 * <p>Each block's singularity is recorded separately, so an engine can reject only the samples
 * whose block is singular. Not thread-safe.
 */
public final class BlockDiagonalLu {

    private final int blocks;
    private final int dim;
    private final double[] lu;
    private final int[] piv;
    private final int[] status;
    private int singularCount;
    private boolean factored;

    /**
     * @param blocks number of diagonal blocks B, at least 1
     * @param dim    order D of each block, at least 1
     */
    public BlockDiagonalLu(int blocks, int dim) {
        if (blocks < 1 || dim < 1) {
            throw new IllegalArgumentException(
                    "BlockDiagonalLu: need at least 1 block of order at least 1, got " + blocks + " x " + dim);
        }
        this.blocks = blocks;
        this.dim = dim;
        this.lu = new double[Math.multiplyExact(blocks, Math.multiplyExact(dim, dim))];
        this.piv = new int[blocks * dim];
        this.status = new int[blocks];
    }

    /** @return the number of blocks B */
    public int blocks() {
        return blocks;
    }

    /** @return the order D of each block */
    public int dim() {
        return dim;
    }

    /**
     * Copies the blocks into internal storage and factors each.
     *
     * @param blockMatrices B contiguous D&times;D row-major blocks, length B*D*D; <b>not modified</b>
     * @return {@code true} if every block is nonsingular
     * @throws IllegalArgumentException if the length is not B*D*D
     */
    public boolean factor(double[] blockMatrices) {
        int dd = dim * dim;
        if (blockMatrices.length != blocks * dd) {
            throw new IllegalArgumentException("BlockDiagonalLu.factor: expected " + blocks + " blocks of "
                    + dim + "x" + dim + " (length " + blocks * dd + "), got length " + blockMatrices.length);
        }
        System.arraycopy(blockMatrices, 0, lu, 0, blocks * dd);
        singularCount = 0;
        for (int b = 0; b < blocks; b++) {
            status[b] = LuKernel.factor(lu, b * dd, dim, piv, b * dim);
            if (status[b] != LuKernel.OK) {
                singularCount++;
            }
        }
        factored = true;
        return singularCount == 0;
    }

    /**
     * @param block block index in [0, B)
     * @return whether that block of the last factorization is singular or held a non-finite entry
     */
    public boolean isSingular(int block) {
        checkFactored("isSingular");
        return status[checkBlock("isSingular", block)] != LuKernel.OK;
    }

    /** @return the number of singular blocks in the last factorization */
    public int singularCount() {
        checkFactored("singularCount");
        return singularCount;
    }

    /** @return the index of the first singular block, or -1 if none */
    public int firstSingularBlock() {
        checkFactored("firstSingularBlock");
        for (int b = 0; b < blocks; b++) {
            if (status[b] != LuKernel.OK) {
                return b;
            }
        }
        return -1;
    }

    /**
     * Solves the block-diagonal system for a [B, D] right-hand side.
     *
     * @param rhs [B, D] row-major, length B*D; <b>not modified</b> unless it is the same array as
     *            {@code out}
     * @param out <b>modified</b>: receives the [B, D] solution; may be the same array as {@code rhs}
     * @throws SingularMatrixException naming the first singular block, if any
     */
    public void solve(double[] rhs, double[] out) {
        solveAllBlocks("solve", false, rhs, out);
    }

    /**
     * Solves the block-diagonal system in place.
     *
     * @param x on entry the [B, D] right-hand side, on return the solution; <b>modified</b>
     * @throws SingularMatrixException naming the first singular block, if any
     */
    public void solveInPlace(double[] x) {
        solve(x, x);
    }

    /**
     * Solves the transposed block-diagonal system (each block transposed) for a [B, D] right-hand
     * side.
     *
     * @param rhs [B, D], <b>not modified</b> unless it is the same array as {@code out}
     * @param out <b>modified</b>: receives the solution; may be the same array as {@code rhs}
     * @throws SingularMatrixException naming the first singular block, if any
     */
    public void solveTranspose(double[] rhs, double[] out) {
        solveAllBlocks("solveTranspose", true, rhs, out);
    }

    /**
     * Solves one block's system, A_b x = r.
     *
     * @param block     block index in [0, B)
     * @param rhs       holds r at {@code rhs[rhsOffset .. rhsOffset + D)}; <b>not modified</b> unless
     *                  the ranges of {@code rhs} and {@code out} coincide
     * @param rhsOffset offset of r
     * @param out       <b>modified</b>: receives x at {@code out[outOffset .. outOffset + D)}
     * @param outOffset offset of x
     * @throws SingularMatrixException if that block is singular
     */
    public void solveBlock(int block, double[] rhs, int rhsOffset, double[] out, int outOffset) {
        checkFactored("solveBlock");
        checkBlock("solveBlock", block);
        if (rhsOffset < 0 || rhsOffset + dim > rhs.length || outOffset < 0 || outOffset + dim > out.length) {
            throw new IllegalArgumentException("BlockDiagonalLu.solveBlock: need " + dim
                    + " entries at rhs offset " + rhsOffset + " (length " + rhs.length + ") and out offset "
                    + outOffset + " (length " + out.length + ")");
        }
        if (status[block] != LuKernel.OK) {
            throw singular(block);
        }
        if (rhs != out || rhsOffset != outOffset) {
            System.arraycopy(rhs, rhsOffset, out, outOffset, dim);
        }
        LuKernel.solve(lu, block * dim * dim, dim, piv, block * dim, out, outOffset);
    }

    /**
     * @param block block index in [0, B)
     * @return det of that block (NaN if it held a non-finite entry)
     */
    public double determinant(int block) {
        checkFactored("determinant");
        checkBlock("determinant", block);
        return status[block] == LuKernel.NON_FINITE ? Double.NaN
                : LuKernel.determinant(lu, block * dim * dim, dim, piv, block * dim);
    }

    /**
     * The work of {@link #solve} and {@link #solveTranspose}: checks that a matrix has been
     * factored, that {@code rhs} and {@code out} have length B*D and that no block is singular (in
     * that order, each failure reported under the name {@code op}), then copies {@code rhs} into
     * {@code out} and solves every block in place there.
     *
     * @param op        the public method's name, for the messages
     * @param transpose whether to solve with each block transposed
     * @param rhs       [B, D]; not modified unless it is the same array as {@code out}
     * @param out       <b>modified</b>: receives the solution
     */
    private void solveAllBlocks(String op, boolean transpose, double[] rhs, double[] out) {
        checkFactored(op);
        int len = blocks * dim;
        checkLength(op, "rhs", rhs, len);
        checkLength(op, "out", out, len);
        if (singularCount > 0) {
            throw singular(firstSingularBlock());
        }
        if (rhs != out) {
            System.arraycopy(rhs, 0, out, 0, len);
        }
        int dd = dim * dim;
        for (int b = 0; b < blocks; b++) {
            if (transpose) {
                LuKernel.solveTranspose(lu, b * dd, dim, piv, b * dim, out, b * dim);
            } else {
                LuKernel.solve(lu, b * dd, dim, piv, b * dim, out, b * dim);
            }
        }
    }

    private SingularMatrixException singular(int block) {
        int s = status[block];
        return new SingularMatrixException(block, s == LuKernel.NON_FINITE ? -1 : s);
    }

    private void checkFactored(String op) {
        if (!factored) {
            throw new IllegalStateException("BlockDiagonalLu." + op + ": no matrix has been factored");
        }
    }

    private int checkBlock(String op, int block) {
        if (block < 0 || block >= blocks) {
            throw new IndexOutOfBoundsException(
                    "BlockDiagonalLu." + op + ": block " + block + " outside [0, " + blocks + ")");
        }
        return block;
    }

    private static void checkLength(String op, String name, double[] v, int len) {
        if (v.length != len) {
            throw new IllegalArgumentException(
                    "BlockDiagonalLu." + op + ": " + name + " must have length " + len + ", got " + v.length);
        }
    }
}
