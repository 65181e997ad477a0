/**
 * Files for the command line: CSV time series in ({@link org.neuralode4j.cli.io.CsvTimeSeriesReader},
 * errors located by file, line and column) and out ({@link org.neuralode4j.cli.io.CsvTimeSeriesWriter}),
 * and atomic writes ({@link org.neuralode4j.cli.io.AtomicFiles}: temporary file, fsync, rename — a
 * failed command leaves no partial file).
 */
package org.neuralode4j.cli.io;
