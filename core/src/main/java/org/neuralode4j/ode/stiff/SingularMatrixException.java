package org.neuralode4j.ode.stiff;

/**
 * Thrown when a linear system is solved with a factorization whose matrix is singular: a zero pivot
 * was met during LU factorization with partial pivoting, or the matrix held a non-finite entry.
 *
 * <p>Stiff solvers meet this when the iteration matrix {@code I/(h gamma) - J} (Rosenbrock) or
 * {@code I - h gamma J} (ESDIRK) is singular for the current step size; the usual reaction is to
 * reject the step and retry with a smaller {@code h}. Callers that prefer a flag to an exception can
 * test the boolean returned by {@link DenseLu#factor(double[])} or {@link BlockDiagonalLu#factor(double[])}
 * before solving.
 */
public final class SingularMatrixException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    /** Index of the singular diagonal block, or -1 for a single dense matrix. */
    private final int block;
    /** 0-based column of the first zero pivot, or -1 for a non-finite entry. */
    private final int column;

    /**
     * @param block  index of the singular diagonal block, or {@code -1} for a single dense matrix
     * @param column 0-based column of the first zero pivot, or {@code -1} when the matrix held a
     *               non-finite entry
     */
    public SingularMatrixException(int block, int column) {
        super(message(block, column));
        this.block = block;
        this.column = column;
    }

    private static String message(int block, int column) {
        String where = block < 0 ? "matrix" : "diagonal block " + block;
        return column < 0
                ? "LU factorization: " + where + " has a non-finite entry (NaN or infinity)"
                : "LU factorization: " + where + " is singular (zero pivot in column " + column + ")";
    }

    /** @return the index of the singular diagonal block, or {@code -1} for a single dense matrix */
    public int block() {
        return block;
    }

    /** @return the 0-based column of the first zero pivot, or {@code -1} for a non-finite entry */
    public int column() {
        return column;
    }
}
