package org.neuralode4j.cli.progress;

/** Shows nothing ({@code --quiet}). */
final class QuietProgress implements Progress {
    @Override
    public void update(long iteration, double loss, double forwardEvaluations, double backwardEvaluations) {
    }

    @Override
    public void message(String line) {
    }

    @Override
    public void close() {
    }
}
