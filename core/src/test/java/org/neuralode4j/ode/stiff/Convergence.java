package org.neuralode4j.ode.stiff;

import java.util.Locale;
import java.util.function.IntToDoubleFunction;

/** Observed-order bookkeeping for fixed-step convergence studies with step counts doubling. */
final class Convergence {

    final String label;
    final int[] steps;
    final double[] errors;
    final double[] orders;

    private Convergence(String label, int[] steps, double[] errors) {
        this.label = label;
        this.steps = steps;
        this.errors = errors;
        this.orders = new double[steps.length - 1];
        for (int k = 0; k + 1 < steps.length; k++) {
            orders[k] = Math.log(errors[k] / errors[k + 1]) / Math.log((double) steps[k + 1] / steps[k]);
        }
    }

    /**
     * @param label      printed with the table
     * @param firstSteps smallest step count
     * @param count      number of step counts (each twice the previous)
     * @param error      error as a function of the step count
     */
    static Convergence study(String label, int firstSteps, int count, IntToDoubleFunction error) {
        int[] steps = new int[count];
        double[] errors = new double[count];
        for (int k = 0; k < count; k++) {
            steps[k] = firstSteps << k;
            errors[k] = error.applyAsDouble(steps[k]);
        }
        Convergence c = new Convergence(label, steps, errors);
        System.out.println(c);
        return c;
    }

    double minOrder() {
        double m = Double.POSITIVE_INFINITY;
        for (double o : orders) {
            m = Math.min(m, o);
        }
        return m;
    }

    double maxOrder() {
        double m = Double.NEGATIVE_INFINITY;
        for (double o : orders) {
            m = Math.max(m, o);
        }
        return m;
    }

    double finestError() {
        return errors[errors.length - 1];
    }

    static double maxAbsDiff(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(label).append(':');
        for (int k = 0; k < steps.length; k++) {
            sb.append(String.format(Locale.ROOT, "  N=%d %.2e", steps[k], errors[k]));
            if (k > 0) {
                sb.append(String.format(Locale.ROOT, " (%.2f)", orders[k - 1]));
            }
        }
        return sb.toString();
    }
}
