/**
 * The {@code neuralode} command line, built with picocli: each command is one class, progress goes to
 * stderr, results to stdout or files, and user mistakes end as one line on stderr with exit code 2
 * (usage) or 1 (failure).
 */
package org.neuralode4j.cli;
