package org.neuralode4j.ode;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * The result of {@link OdeSolver#solvePerSample}: one {@link Solution} per batch row, each with its
 * own times, step sizes and statistics. A row's solution has states of shape [T_b, 1, ...] (the
 * [1, ...] slices the vector field saw); {@link #states(int)} drops the unit dimension.
 */
public final class PerSampleSolution {
    private final List<Solution> rows;

    PerSampleSolution(List<Solution> rows) {
        this.rows = List.copyOf(rows);
    }

    /** @return the number of rows */
    public int batchSize() {
        return rows.size();
    }

    /** @return the solution of row b */
    public Solution row(int b) {
        return rows.get(b);
    }

    /** @return all row solutions in order */
    public List<Solution> rows() {
        return rows;
    }

    /**
     * Row b's trajectory without the unit batch dimension.
     *
     * @param b the row
     * @return a tensor of shape [T_b, ...] (recorded when the solve recorded gradients)
     */
    public Tensor states(int b) {
        return rows.get(b).states().squeeze(1);
    }

    /** @return the work summed over all rows */
    public Stats stats() {
        Stats total = Stats.explicit(0, 0, 0);
        for (Solution s : rows) {
            total = total.plus(s.stats());
        }
        return total;
    }
}
