package org.neuralode4j.cli.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;

/**
 * Writes trajectories as CSV in the layout {@link CsvTimeSeriesReader} reads by default: a header
 * row, then one row per sample with columns {@code [trajectory,] t, <states...>, <inputs...>}.
 * Numbers are written in Java's shortest round-trip form ({@code 0.1}, {@code 1.0E-4}), so reading
 * the file back gives the same doubles. Lines end with {@code \n}.
 */
public final class CsvTimeSeriesWriter {
    private CsvTimeSeriesWriter() {
    }

    /**
     * Writes {@code data} to {@code out}.
     *
     * @param out the destination; written to and flushed, not closed
     * @param data the trajectories
     * @param trajectoryColumn whether to write the {@code trajectory} column (each trajectory's id);
     *     without it the rows of several trajectories could not be told apart, so it is required
     *     when there is more than one
     * @throws IllegalArgumentException when several trajectories are to be written without the column
     * @throws IOException from the writer
     */
    public static void write(Writer out, TimeSeriesDataset data, boolean trajectoryColumn) throws IOException {
        if (!trajectoryColumn && data.size() > 1) {
            throw new IllegalArgumentException(data.size() + " trajectories need the trajectory column");
        }
        List<String> header = new ArrayList<>();
        if (trajectoryColumn) {
            header.add(CsvColumns.DEFAULT_TRAJECTORY);
        }
        header.add(CsvColumns.defaults().time());
        header.addAll(data.stateNames());
        header.addAll(data.inputNames());
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
        CSVPrinter printer = new CSVPrinter(out, format);
        printer.printRecord(header);
        List<String> row = new ArrayList<>(header.size());
        for (Trajectory tr : data.trajectories()) {
            for (int i = 0; i < tr.length(); i++) {
                row.clear();
                if (trajectoryColumn) {
                    row.add(tr.id());
                }
                row.add(Double.toString(tr.time(i)));
                for (int j = 0; j < tr.dim(); j++) {
                    row.add(Double.toString(tr.state(i, j)));
                }
                for (int j = 0; j < tr.inputDim(); j++) {
                    row.add(Double.toString(tr.input(i, j)));
                }
                printer.printRecord(row);
            }
        }
        printer.flush();
    }

    /**
     * Writes {@code data} to {@code file} atomically ({@link AtomicFiles}): on failure no partial
     * file is left and an existing file is untouched.
     *
     * @param file the destination
     * @param data the trajectories
     * @param trajectoryColumn as in {@link #write(Writer, TimeSeriesDataset, boolean)}
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, TimeSeriesDataset data, boolean trajectoryColumn) throws IOException {
        AtomicFiles.write(file, stream -> {
            Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            write(w, data, trajectoryColumn);
            w.flush();
        });
    }
}
