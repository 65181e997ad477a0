package org.neuralode4j.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neuralode4j.cli.UsageException;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;

/**
 * Reads trajectories from a CSV file with a header row: a time column, state columns, an optional
 * trajectory-id column and optional input columns; any number of trajectories, irregular times, rows
 * in any order (sorted by time within each trajectory). Every problem is reported with file, line
 * and column.
 */
public final class CsvTimeSeriesReader {
    private CsvTimeSeriesReader() {
    }

    /** One data row kept with its line number for error messages. */
    private record Row(long line, double t, double[] states, double[] inputs) {
    }

    /**
     * Reads {@code file}.
     *
     * @throws CsvDataException for malformed content (exit code 1 in the CLI)
     * @throws UsageException when the columns named in {@code columns} are not in the header (exit code 2)
     * @throws IOException when the file cannot be read
     */
    public static TimeSeriesDataset read(Path file, CsvColumns columns) throws IOException {
        return parse(file, columns, false).dataset;
    }

    /**
     * The column names of a CSV file's header, as {@link #read} sees them (trimmed).
     *
     * @throws CsvDataException when the header is malformed
     * @throws IOException when the file cannot be read
     */
    public static List<String> header(Path file) throws IOException {
        return parse(file, null, true).header;
    }

    private record Parsed(List<String> header, TimeSeriesDataset dataset) {
    }

    private static Parsed parse(Path file, CsvColumns columns, boolean headerOnly) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setTrim(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            checkHeader(file, header);
            if (headerOnly) {
                return new Parsed(header, null);
            }
            Layout layout = Layout.resolve(file, header, columns);
            Map<String, List<Row>> groups = new LinkedHashMap<>();
            boolean any = false;
            for (CSVRecord rec : parser) {
                any = true;
                long line = rec.getParser().getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    throw new CsvDataException(file, line, null, "the row has " + rec.size() + " fields but the header has "
                            + header.size() + "; every row needs one value per column");
                }
                String id = layout.trajectory < 0 ? "0" : rec.get(layout.trajectory);
                double t = number(file, line, header, rec, layout.time);
                double[] s = new double[layout.states.length];
                for (int j = 0; j < s.length; j++) {
                    s[j] = number(file, line, header, rec, layout.states[j]);
                }
                double[] u = new double[layout.inputs.length];
                for (int j = 0; j < u.length; j++) {
                    u[j] = number(file, line, header, rec, layout.inputs[j]);
                }
                groups.computeIfAbsent(id, k -> new ArrayList<>()).add(new Row(line, t, s, u));
            }
            if (!any) {
                throw new CsvDataException(file, 0, null, "the file has a header but no data rows");
            }
            return new Parsed(header, assemble(file, header, layout, groups));
        } catch (java.io.UncheckedIOException e) {
            throw new CsvDataException(file, 0, null, "cannot parse the CSV: " + e.getCause().getMessage());
        } catch (IllegalArgumentException e) {
            if (e instanceof DataException) {
                throw e;
            }
            throw new CsvDataException(file, 0, null, "cannot parse the CSV header: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new CsvDataException(file, 0, null, "cannot parse the CSV: " + e.getMessage());
        }
    }

    private static void checkHeader(Path file, List<String> header) {
        if (header.isEmpty() || (header.size() == 1 && header.get(0).isEmpty())) {
            throw new CsvDataException(file, 0, null, "the file is empty; it needs a header row naming the columns, e.g. t,x,y");
        }
        boolean allNumeric = true;
        for (String h : header) {
            allNumeric &= isNumber(h);
        }
        if (allNumeric) {
            throw new CsvDataException(file, 1, null, "the first line holds numbers, not column names; add a header row "
                    + "naming the columns, e.g. t,x,y");
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                throw new CsvDataException(file, 1, null, "column " + (i + 1) + " has an empty name; name every column");
            }
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(Path file, long line, List<String> header, CSVRecord rec, int col) {
        String s = rec.get(col);
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new CsvDataException(file, line, header.get(col), s.isEmpty() ? "the value is empty; fill it in or drop the row"
                    : "'" + s + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CsvDataException(file, line, header.get(col), "the value is " + s
                    + "; NaN and infinite values are not allowed (drop or impute that row)");
        }
        return v;
    }

    private static TimeSeriesDataset assemble(Path file, List<String> header, Layout layout, Map<String, List<Row>> groups) {
        List<Trajectory> trajectories = new ArrayList<>();
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            String id = e.getKey();
            List<Row> rows = e.getValue();
            String where = layout.trajectory < 0 ? "the trajectory" : "trajectory '" + id + "'";
            if (rows.size() < 2) {
                throw new CsvDataException(file, rows.get(0).line(), null, where + " has a single row; a trajectory needs at "
                        + "least two samples (an initial state and a target)");
            }
            rows.sort(Comparator.comparingDouble(Row::t));
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).t() == rows.get(i - 1).t()) {
                    long a = Math.min(rows.get(i).line(), rows.get(i - 1).line());
                    long b = Math.max(rows.get(i).line(), rows.get(i - 1).line());
                    throw new CsvDataException(file, b, header.get(layout.time), where + " has time " + rows.get(i).t()
                            + " twice (lines " + a + " and " + b + "); each time may appear once per trajectory");
                }
            }
            double[] t = new double[rows.size()];
            double[][] s = new double[rows.size()][];
            double[][] u = layout.inputs.length == 0 ? null : new double[rows.size()][];
            for (int i = 0; i < rows.size(); i++) {
                t[i] = rows.get(i).t();
                s[i] = rows.get(i).states();
                if (u != null) {
                    u[i] = rows.get(i).inputs();
                }
            }
            trajectories.add(new Trajectory(id, t, s, u));
        }
        return new TimeSeriesDataset(trajectories, names(header, layout.states), names(header, layout.inputs));
    }

    private static List<String> names(List<String> header, int[] cols) {
        List<String> out = new ArrayList<>();
        for (int c : cols) {
            out.add(header.get(c));
        }
        return out;
    }

    /** Column indices of each role. */
    private record Layout(int time, int trajectory, int[] states, int[] inputs) {
        static Layout resolve(Path file, List<String> header, CsvColumns c) {
            Set<String> seen = new HashSet<>();
            for (String h : header) {
                if (!seen.add(h)) {
                    throw new CsvDataException(file, 1, h, "the header names this column twice; column names must be unique");
                }
            }
            int time = index(header, c.time(), "--time");
            int traj = -1;
            if (c.trajectory() != null) {
                traj = index(header, c.trajectory(), "--trajectory");
            } else if (header.contains(CsvColumns.DEFAULT_TRAJECTORY)) {
                traj = header.indexOf(CsvColumns.DEFAULT_TRAJECTORY);
            }
            int[] inputs = new int[c.inputs().size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = index(header, c.inputs().get(i), "--input");
            }
            int[] states;
            if (c.states() != null) {
                states = new int[c.states().size()];
                for (int i = 0; i < states.length; i++) {
                    states[i] = index(header, c.states().get(i), "--state");
                }
            } else {
                List<Integer> rest = new ArrayList<>();
                for (int i = 0; i < header.size(); i++) {
                    if (i != time && i != traj && !contains(inputs, i)) {
                        rest.add(i);
                    }
                }
                states = rest.stream().mapToInt(Integer::intValue).toArray();
            }
            if (states.length == 0) {
                throw new UsageException(file + ": no state columns: the header " + header + " has nothing besides time,"
                        + " trajectory and inputs; name the states with --state");
            }
            Set<Integer> used = new HashSet<>();
            used.add(time);
            for (int s : states) {
                if (!used.add(s) || s == traj || contains(inputs, s)) {
                    throw new UsageException("column '" + header.get(s) + "' is given more than one role (time, state, "
                            + "trajectory, input); give each column one role");
                }
            }
            return new Layout(time, traj, states, inputs);
        }

        private static boolean contains(int[] a, int v) {
            for (int x : a) {
                if (x == v) {
                    return true;
                }
            }
            return false;
        }

        private static int index(List<String> header, String name, String option) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new UsageException(option + " names column '" + name + "', which is not in the header " + header
                        + "; use one of those names");
            }
            return i;
        }
    }
}
