package org.neuralode4j.cli;

import java.util.Locale;

/** Parsing of numeric option values with messages that name the option, and compact number printing. */
final class Numbers {
    private Numbers() {
    }

    /**
     * Parses one finite number.
     *
     * @param option the option, for the message (e.g. {@code "--t0"})
     * @param text the value
     * @return the number
     * @throws UsageException when it is not a finite number
     */
    static double parse(String option, String text) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + ": '" + text.trim() + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new UsageException(option + ": '" + text.trim() + "' is not a finite number");
        }
        return v;
    }

    /**
     * Parses a comma-separated list with one value per state, or a single value for all states.
     *
     * @param option the option, for messages
     * @param text e.g. {@code "1,0.5"} or {@code "0.1"}
     * @param dim the number of states
     * @param what the expected count in words, e.g. "2 states (x, y)"
     * @param broadcast whether a single value stands for all states
     * @return {@code dim} values
     * @throws UsageException for a non-number or the wrong count
     */
    static double[] parseList(String option, String text, int dim, String what, boolean broadcast) {
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = parse(option, parts[i]);
        }
        if (broadcast && values.length == 1) {
            double[] all = new double[dim];
            java.util.Arrays.fill(all, values[0]);
            return all;
        }
        if (values.length != dim) {
            throw new UsageException(option + " has " + values.length + " value" + (values.length == 1 ? "" : "s")
                    + " but the system has " + what + "; give " + (dim == 1 ? "one value"
                    : (broadcast ? "one value or " : "") + dim + ", separated by commas"));
        }
        return values;
    }

    /**
     * Formats for people: integers without a fraction, moderate values as Java prints them, others
     * in short exponent form ({@code 1e-4}, {@code 3e7}).
     */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e7) {
            return Double.toString(v);
        }
        return Double.toString(v).replace(".0E", "E").replace("E", "e").toLowerCase(Locale.ROOT);
    }
}
