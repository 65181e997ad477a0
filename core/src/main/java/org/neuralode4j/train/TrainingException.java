package org.neuralode4j.train;

/**
 * Training cannot go on: a non-finite loss, gradient or weight, or a solver failure inside an
 * iteration. The message names the iteration and what went wrong; the last checkpoint written
 * before it is left untouched.
 */
public class TrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int iteration;

    /**
     * @param iteration the iteration that failed, 1-based
     * @param message what went wrong and what to do
     * @param cause the underlying failure, or {@code null}
     */
    public TrainingException(int iteration, String message, Throwable cause) {
        super(message, cause);
        this.iteration = iteration;
    }

    /** The iteration that failed, 1-based. */
    public int iteration() {
        return iteration;
    }
}
