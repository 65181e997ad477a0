package org.neuralode4j.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.neuralode4j.cli.io.CsvDataException;

/** Output time grids for {@code simulate}: equally spaced, read from a file, or uniformly random. */
final class TimeGrid {
    private TimeGrid() {
    }

    /**
     * @param t0 the first time
     * @param t1 the last time, greater than t0
     * @param n the number of times, at least 2
     * @return n equally spaced times from t0 to exactly t1
     */
    static double[] linspace(double t0, double t1, int n) {
        double[] t = new double[n];
        double h = (t1 - t0) / (n - 1);
        for (int i = 0; i < n - 1; i++) {
            t[i] = t0 + i * h;
        }
        t[n - 1] = t1;
        return t;
    }

    /**
     * Parses {@code --times T0:T1:N}.
     *
     * @param spec the option's value
     * @return the equally spaced times
     * @throws UsageException naming what is wrong
     */
    static double[] parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 3) {
            throw new UsageException("--times '" + spec + "': expected T0:T1:N, e.g. --times 0:10:101");
        }
        double t0 = Numbers.parse("--times (T0)", parts[0]);
        double t1 = Numbers.parse("--times (T1)", parts[1]);
        int n;
        try {
            n = Integer.parseInt(parts[2].trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--times '" + spec + "': N = '" + parts[2].trim() + "' is not a whole number");
        }
        if (n < 2) {
            throw new UsageException("--times '" + spec + "': N = " + n + "; a trajectory needs at least 2 times");
        }
        if (!(t1 > t0)) {
            throw new UsageException("--times '" + spec + "': T1 must be greater than T0");
        }
        return linspace(t0, t1, n);
    }

    /**
     * N sorted times: t0 first (where the initial state is given), then N − 1 distinct times drawn
     * uniformly from (t0, t1).
     *
     * @param rng the random source; advanced
     * @param t0 the initial time
     * @param t1 the end of the span, greater than t0
     * @param n the number of times, at least 2
     * @return the times, strictly increasing
     */
    static double[] irregular(RandomGenerator rng, double t0, double t1, int n) {
        TreeSet<Double> drawn = new TreeSet<>();
        while (drawn.size() < n - 1) {
            double t = rng.nextDouble(t0, t1);
            if (t > t0) {
                drawn.add(t);
            }
        }
        double[] out = new double[n];
        out[0] = t0;
        int i = 1;
        for (double t : drawn) {
            out[i++] = t;
        }
        return out;
    }

    /**
     * Reads {@code --times-file}: one time per line (the first column of a CSV), or, when the first
     * line is a header, the column named {@code t} or {@code time}. Blank lines and lines starting
     * with {@code #} are skipped. The times must be finite and strictly increasing, at least two.
     *
     * @param file the file
     * @return the times
     * @throws CsvDataException naming the line of a bad value
     * @throws IOException when the file cannot be read
     */
    static double[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();
        List<Double> times = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            int column = 0;
            boolean first = true;
            double previous = Double.NEGATIVE_INFINITY;
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (first) {
                    first = false;
                    if (!isNumber(rec.get(0))) {
                        column = timeColumn(file, line, rec);
                        continue;
                    }
                }
                if (column >= rec.size()) {
                    throw new CsvDataException(file, line, null, "the row has " + rec.size() + " fields; the time "
                            + "column is field " + (column + 1));
                }
                String text = rec.get(column);
                if (!isNumber(text) || !Double.isFinite(Double.parseDouble(text))) {
                    throw new CsvDataException(file, line, null, "'" + text + "' is not a finite time");
                }
                double t = Double.parseDouble(text);
                if (!(t > previous)) {
                    throw new CsvDataException(file, line, null, String.format(Locale.ROOT, "time %s does not "
                            + "follow %s; --times-file needs strictly increasing times", text, previous));
                }
                times.add(t);
                previous = t;
            }
        }
        if (times.size() < 2) {
            throw new CsvDataException(file, 0, null, "holds " + times.size() + " time" + (times.size() == 1 ? "" : "s")
                    + "; give at least two, one per line");
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int timeColumn(Path file, long line, CSVRecord header) {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toLowerCase(Locale.ROOT);
            if (name.equals("t") || name.equals("time")) {
                return i;
            }
        }
        throw new CsvDataException(file, line, null, "the first line " + header.toList() + " is neither a time nor a "
                + "header with a 't' or 'time' column");
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
