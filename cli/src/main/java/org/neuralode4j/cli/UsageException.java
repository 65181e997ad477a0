package org.neuralode4j.cli;

/**
 * A mistake in how a command was called that is only detected after parsing (an option naming a
 * column the file does not have, say). Reported as one line on stderr with exit code 2.
 */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with which option, and what to do instead */
    public UsageException(String message) {
        super(message);
    }
}
