package org.neuralode4j.cli.progress;

import java.io.PrintWriter;
import java.util.Locale;

/** Plain lines every N iterations, and for the last one: for logs and pipes. */
final class LineProgress implements Progress {
    private final String task;
    private final long total;
    private final PrintWriter err;
    private final long every;
    private final long start = System.nanoTime();

    LineProgress(String task, long total, PrintWriter err, long every) {
        this.task = task;
        this.total = total;
        this.err = err;
        this.every = every;
    }

    @Override
    public void update(long iteration, double loss, double forwardEvaluations, double backwardEvaluations) {
        if (iteration % every != 0 && iteration != total && iteration != 1) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double eta = iteration > 0 ? elapsed / iteration * (total - iteration) : 0;
        err.println(String.format(Locale.ROOT, "%s: iteration %d/%d  loss %.6g  nfe %.1f fwd %.1f bwd  %.1fs elapsed, eta %.1fs",
                task, iteration, total, loss, forwardEvaluations, backwardEvaluations, elapsed, eta));
        err.flush();
    }

    @Override
    public void message(String line) {
        err.println(task + ": " + line);
        err.flush();
    }

    @Override
    public void close() {
        err.flush();
    }
}
