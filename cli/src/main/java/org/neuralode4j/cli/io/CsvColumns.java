package org.neuralode4j.cli.io;

import java.util.List;

/**
 * Which CSV columns mean what, as given on the command line.
 *
 * @param time the time column's name (e.g. {@code t})
 * @param states state columns in order, or {@code null} for "every numeric column that is not time,
 *               trajectory or input"
 * @param trajectory the trajectory-id column, or {@code null} to use a column named
 *                   {@code trajectory} when present
 * @param inputs exogenous input columns (empty for none)
 */
public record CsvColumns(String time, List<String> states, String trajectory, List<String> inputs) {
    /** The default trajectory column name. */
    public static final String DEFAULT_TRAJECTORY = "trajectory";

    /** Defaults: time column {@code t}, automatic states and trajectory, no inputs. */
    public static CsvColumns defaults() {
        return new CsvColumns("t", null, null, List.of());
    }
}
