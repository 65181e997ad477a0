package org.neuralode4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.neuralode4j.cli.io.CsvTimeSeriesWriter;
import org.neuralode4j.data.TimeSeriesDataset;

/** Where a command's CSV result goes: the {@code --out} file when one is given, else stdout. */
final class CsvOutput {
    private CsvOutput() {
    }

    /**
     * Writes {@code data} as CSV to {@code file} (atomically, by {@link CsvTimeSeriesWriter}) or,
     * when {@code file} is null, to {@code stdout}, which is then flushed.
     *
     * @param file the {@code --out} file, or null for stdout
     * @param stdout the command's standard output
     * @param data the trajectories
     * @param trajectoryColumn whether to write the leading trajectory-id column
     * @throws IOException when writing fails
     */
    static void write(Path file, PrintWriter stdout, TimeSeriesDataset data, boolean trajectoryColumn)
            throws IOException {
        if (file != null) {
            CsvTimeSeriesWriter.write(file, data, trajectoryColumn);
        } else {
            CsvTimeSeriesWriter.write(stdout, data, trajectoryColumn);
            stdout.flush();
        }
    }
}
