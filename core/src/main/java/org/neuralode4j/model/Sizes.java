package org.neuralode4j.model;

/**
 * The range checks the model builders share for widths and channel counts, with messages of the
 * form "{@code <what> <value> must be at least 1}" or "{@code <what> <value> must be >= 0}".
 */
final class Sizes {
    private Sizes() {
    }

    /** @return {@code value}, checked to be at least 1 */
    static int atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " " + value + " must be at least 1");
        }
        return value;
    }

    /** @return {@code value}, checked to be non-negative */
    static int nonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " " + value + " must be >= 0");
        }
        return value;
    }

    /** @return a copy of {@code widths}, each checked to be at least 1 */
    static int[] allAtLeastOne(String what, int[] widths) {
        for (int w : widths) {
            atLeastOne(what, w);
        }
        return widths.clone();
    }
}
