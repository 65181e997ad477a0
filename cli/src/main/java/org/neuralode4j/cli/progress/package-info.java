/**
 * Progress display for long commands: a live bar on a terminal, plain periodic lines in logs and
 * pipes, nothing with {@code --quiet}; always on stderr ({@link org.neuralode4j.cli.progress.Progress}).
 */
package org.neuralode4j.cli.progress;
