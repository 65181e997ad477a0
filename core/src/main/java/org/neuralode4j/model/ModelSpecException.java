package org.neuralode4j.model;

/**
 * A model file whose metadata does not describe a model this library can build, or whose weights do
 * not fit the described architecture. The message names the key (or tensor) and says what to fix.
 */
public class ModelSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public ModelSpecException(String message) {
        super(message);
    }

    /** @param message what is wrong and how to fix it */
    public ModelSpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
