package org.neuralode4j.data;

/**
 * Invalid training or prediction data: the message names the source, the trajectory and the index
 * (or file, line and column) and says what to fix.
 */
public class DataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and how to fix it */
    public DataException(String message) {
        super(message);
    }
}
