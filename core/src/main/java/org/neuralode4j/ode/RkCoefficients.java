package org.neuralode4j.ode;

import org.neuralode4j.ode.tableau.ButcherTableau;

/**
 * A Butcher tableau read once into the form the engine loops over: for every linear combination
 * (stage i, solution, error estimates) the indices and values of its nonzero coefficients, so that
 * zeros cost nothing. Immutable; built once per {@link SolveOptions}.
 */
final class RkCoefficients {
    final String name;
    final int stages;
    final int order;
    final int embeddedOrder;
    final boolean fsal;
    final boolean adaptive;
    /** Exponent k of the error estimator (error ~ h^k), for the controller and the initial step. */
    final int errorOrder;
    final double[] c;
    /** Nonzero a_ij of stage i: column indices and values. */
    final int[][] aIndex;
    final double[][] aValue;
    final int[] bIndex;
    final double[] bValue;
    final int[] eIndex;
    final double[] eValue;
    /** DOP853's third-order estimator, or null. */
    final int[] e2Index;
    final double[] e2Value;
    /** The continuous extension: the tableau's own, DOP853's, or cubic Hermite. */
    final Interpolant interpolant;

    RkCoefficients(ButcherTableau tableau) {
        name = tableau.name();
        stages = tableau.stages();
        order = tableau.order();
        fsal = tableau.fsal();
        c = tableau.c();
        double[][] a = tableau.a();
        aIndex = new int[stages][];
        aValue = new double[stages][];
        for (int i = 0; i < stages; i++) {
            aIndex[i] = nonzeroIndices(a[i]);
            aValue[i] = nonzeroValues(a[i]);
        }
        double[] b = tableau.b();
        bIndex = nonzeroIndices(b);
        bValue = nonzeroValues(b);
        double[] e = tableau.errorWeights();
        adaptive = e != null;
        embeddedOrder = adaptive ? tableau.embeddedOrder() : 0;
        eIndex = adaptive ? nonzeroIndices(e) : null;
        eValue = adaptive ? nonzeroValues(e) : null;
        double[] e2 = adaptive ? tableau.secondaryErrorWeights() : null;
        e2Index = e2 == null ? null : nonzeroIndices(e2);
        e2Value = e2 == null ? null : nonzeroValues(e2);
        errorOrder = e2 != null ? order : Math.min(order, Math.max(embeddedOrder, 1)) + 1;
        if (tableau.hasDenseOutput()) {
            interpolant = Interpolant.fromTableau(stages, tableau.denseCoefficients(), tableau.denseOrder());
        } else if (Dop853Dense.matches(tableau)) {
            interpolant = Dop853Dense.interpolant();
        } else {
            interpolant = Interpolant.hermite(stages, order);
        }
    }

    private static int[] nonzeroIndices(double[] v) {
        int count = 0;
        for (double x : v) {
            if (x != 0) {
                count++;
            }
        }
        int[] idx = new int[count];
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                idx[j++] = i;
            }
        }
        return idx;
    }

    private static double[] nonzeroValues(double[] v) {
        int[] idx = nonzeroIndices(v);
        double[] out = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = v[idx[j]];
        }
        return out;
    }

}
