package org.neuralode4j.cli;

import java.util.function.Supplier;

/** Reports an option value out of range, or one the library rejects, as a usage mistake of that option. */
final class OptionErrors {
    private OptionErrors() {
    }

    /**
     * Runs {@code step}, which reads or applies an option's value through the library.
     *
     * @param option the option(s), for the message (e.g. {@code "--method"})
     * @param step the library call that may reject the value with an {@link IllegalArgumentException}
     * @param <T> what the step returns
     * @return what the step returns
     * @throws UsageException {@code "<option>: <the library's message>"} when the step rejects the value
     */
    static <T> T reportAs(String option, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /**
     * Checks a count-like option.
     *
     * @throws UsageException {@code "<option> <value> must be at least <min>"} when {@code value < min}
     */
    static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new UsageException(option + " " + value + " must be at least " + min);
        }
    }
}
