package org.neuralode4j.cli.io;

import java.nio.file.Path;
import org.neuralode4j.data.DataException;

/** A problem in a CSV file, located by file, line (1-based, the header is line 1) and column. */
public class CsvDataException extends DataException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the CSV file
     * @param line 1-based line, or 0 when the problem concerns the whole file
     * @param column column name, or {@code null}
     * @param problem what is wrong and how to fix it
     */
    public CsvDataException(Path file, long line, String column, String problem) {
        super(file + (line > 0 ? ":" + line : "") + (column != null ? " (column '" + column + "')" : "") + ": " + problem);
    }
}
