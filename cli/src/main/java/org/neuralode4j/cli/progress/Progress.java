package org.neuralode4j.cli.progress;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Training progress for people: a live progress bar with iteration, loss, evaluations per iteration
 * and ETA on a terminal; plain periodic lines when stderr is not a terminal (CI logs, pipes); nothing
 * with {@code --quiet}. Always on stderr, so CSV on stdout stays clean.
 */
public interface Progress extends AutoCloseable {

    /** Reports one finished iteration (1-based). */
    void update(long iteration, double loss, double forwardEvaluations, double backwardEvaluations);

    /** A one-line message that must not be lost in the bar (validation results, checkpoints). */
    void message(String line);

    /** Ends the display. */
    @Override
    void close();

    /**
     * The display suited to where stderr goes: a bar on a console, plain lines every
     * {@code every} iterations (and at the end) otherwise, nothing when quiet.
     *
     * @param err where progress goes (stderr)
     */
    static Progress choose(String task, long total, boolean quiet, PrintWriter err, long every) {
        if (quiet) {
            return new QuietProgress();
        }
        if (System.console() != null && "true".equals(System.getProperty("neuralode.progressBar", "true"))) {
            return new BarProgress(task, total, System.err);
        }
        return new LineProgress(task, total, err, Math.max(1, every));
    }

    /** The plain-line display on a given stream (for tests and non-terminals). */
    static Progress lines(String task, long total, PrintWriter err, long every) {
        return new LineProgress(task, total, err, every);
    }

    /** A bar on the given stream. */
    static Progress bar(String task, long total, PrintStream err) {
        return new BarProgress(task, total, err);
    }
}
