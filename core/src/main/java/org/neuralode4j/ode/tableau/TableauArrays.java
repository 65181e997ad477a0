package org.neuralode4j.ode.tableau;

/**
 * The array copies and combinations that the tableau classes share: {@link ButcherTableau} here
 * and the stiff tableaus of {@code org.neuralode4j.ode.stiff} (hence public). It checks nothing;
 * each tableau validates its own data with its own messages.
 */
public final class TableauArrays {
    private TableauArrays() {
    }

    /**
     * Deep copy of a coefficient matrix stored row by row (ragged or square): the copy is a new
     * outer array whose rows are fresh clones, so neither side can change the other. A null row
     * stays null, so a builder can copy first and report the null row when it validates.
     *
     * @param rows the matrix; not null; not modified
     * @return a new array with {@code copy[i]} a clone of {@code rows[i]} (or null where it is null)
     */
    public static double[][] copyRows(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i] == null ? null : rows[i].clone();
        }
        return copy;
    }

    /**
     * Entry-wise difference of two weight vectors, e.g. the error weights b - b&#770; or the
     * embedded weights m - e; each entry is the single rounded subtraction {@code x[i] - y[i]}.
     *
     * @param x the minuend; not modified
     * @param y the subtrahend, at least as long as {@code x}; not modified
     * @return a new array of length {@code x.length} with entries {@code x[i] - y[i]}
     */
    public static double[] difference(double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] - y[i];
        }
        return r;
    }
}
