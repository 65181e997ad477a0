package org.neuralode4j.testing;

/** Error measures shared by the tests. */
public final class Compare {
    private Compare() {
    }

    /** max_k |actual_k − expected_k| / max_k |expected_k|: the error relative to the largest expected value. */
    public static double maxRelative(double[] actual, double[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("lengths differ: " + actual.length + " vs " + expected.length);
        }
        double scale = 0;
        for (double x : expected) {
            scale = Math.max(scale, Math.abs(x));
        }
        double worst = 0;
        for (int k = 0; k < actual.length; k++) {
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]) / scale);
        }
        return worst;
    }
}
