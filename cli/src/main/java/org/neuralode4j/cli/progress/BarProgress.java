package org.neuralode4j.cli.progress;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A live progress bar (me.tongfei:progressbar) with loss and evaluations as its extra message. */
final class BarProgress implements Progress {
    private final ProgressBar bar;
    private final PrintStream err;

    BarProgress(String task, long total, PrintStream err) {
        this.err = err;
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().build();
    }

    @Override
    public void update(long iteration, double loss, double forwardEvaluations, double backwardEvaluations) {
        bar.stepTo(iteration);
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4g  nfe %.0f/%.0f", loss, forwardEvaluations,
                backwardEvaluations));
    }

    @Override
    public void message(String line) {
        bar.pause();
        err.println(line);
        bar.resume();
    }

    @Override
    public void close() {
        bar.close();
    }
}
