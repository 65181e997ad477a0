package org.neuralode4j.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.tensor.Tensor;

/**
 * Gradients of a scalar loss of a whole solve, by backpropagation through the chosen gradient
 * method and by central finite differences that re-solve with perturbed inputs, and their
 * comparison.
 */
final class WholeSolveGradients {
    private WholeSolveGradients() {
    }

    /** The gradients of {@code leaves} after a backward pass, one after another in one flat array. */
    static double[] flatGradients(List<Tensor> leaves) {
        int size = 0;
        for (Tensor t : leaves) {
            size += t.numel();
        }
        double[] flat = new double[size];
        int at = 0;
        for (Tensor t : leaves) {
            double[] g = t.grad().toArray();
            System.arraycopy(g, 0, flat, at, g.length);
            at += g.length;
        }
        return flat;
    }

    /**
     * Asserts that the gradient of a loss by {@code method} agrees with the one by direct
     * backpropagation and with central differences (step 5e-4), both to 1e-6 relative (entries below
     * 1e-3 compared absolutely), and prints the agreement measured.
     *
     * @param problem the loss of a whole solve by the given gradient method, as a function of the inputs
     */
    static void assertAgreement(Gradient method, Function<Gradient, Function<Tensor[], Tensor>> problem,
                                Tensor... inputs) {
        Tensor[] byMethod = backpropagated(problem.apply(method), inputs);
        Tensor[] direct = backpropagated(problem.apply(Gradient.DIRECT), inputs);
        Tensor[] numeric = finiteDifferences(problem.apply(method), 5e-4, inputs);
        double vsDirect = maxRelativeDifference(byMethod, direct, 1e-3);
        double vsNumeric = maxRelativeDifference(byMethod, numeric, 1e-3);
        String detail = method + "\n method  " + describe(byMethod) + "\n direct  " + describe(direct) + "\n numeric "
                + describe(numeric);
        System.out.printf(Locale.ROOT, "%s: max relative difference to DIRECT %.3g, to central differences %.3g%n",
                method, vsDirect, vsNumeric);
        assertThat(vsDirect).as(detail).isLessThan(1e-6);
        assertThat(vsNumeric).as(detail).isLessThan(1e-6);
    }

    /** The gradient of {@code loss} with respect to fresh leaves holding the inputs' values. */
    static Tensor[] backpropagated(Function<Tensor[], Tensor> loss, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Tensor.fromArray(inputs[i].toArray(), inputs[i].shape()).requiresGrad(true);
        }
        Tensor value = Autodiff.enableGrad(() -> loss.apply(leaves));
        value.backward();
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            grads[i] = leaves[i].grad() == null ? Tensor.zerosLike(inputs[i]) : leaves[i].grad();
        }
        return grads;
    }

    /**
     * Fourth-order central differences (8(L(x+h) − L(x−h)) − (L(x+2h) − L(x−2h)))/(12h), h = ε·max(1, |x|),
     * each L a whole solve without any gradient recorded.
     */
    static Tensor[] finiteDifferences(Function<Tensor[], Tensor> loss, double eps, Tensor... inputs) {
        Tensor[] grads = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            double[] base = inputs[i].toArray();
            double[] g = new double[base.length];
            for (int j = 0; j < base.length; j++) {
                double h = eps * Math.max(1.0, Math.abs(base[j]));
                double plus = at(loss, inputs, i, j, base[j] + h);
                double minus = at(loss, inputs, i, j, base[j] - h);
                double plus2 = at(loss, inputs, i, j, base[j] + 2 * h);
                double minus2 = at(loss, inputs, i, j, base[j] - 2 * h);
                g[j] = (8 * (plus - minus) - (plus2 - minus2)) / (12 * h);
            }
            grads[i] = Tensor.fromArray(g, inputs[i].shape());
        }
        return grads;
    }

    private static double at(Function<Tensor[], Tensor> loss, Tensor[] inputs, int which, int index, double value) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            double[] d = inputs[k].toArray();
            if (k == which) {
                d[index] = value;
            }
            xs[k] = Tensor.fromArray(d, inputs[k].shape());
        }
        return Autodiff.noGrad(() -> loss.apply(xs)).item();
    }

    /**
     * The largest |a − b| / max(|a|, |b|, floor) over all entries.
     *
     * @param floor keeps entries near zero from dividing by roundoff
     */
    static double maxRelativeDifference(Tensor[] a, Tensor[] b, double floor) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double[] x = a[i].toArray();
            double[] y = b[i].toArray();
            for (int j = 0; j < x.length; j++) {
                double d = Math.abs(x[j] - y[j]) / Math.max(floor, Math.max(Math.abs(x[j]), Math.abs(y[j])));
                worst = Math.max(worst, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
            }
        }
        return worst;
    }

    /** All entries, for failure messages. */
    static String describe(Tensor[] grads) {
        StringBuilder s = new StringBuilder();
        for (Tensor g : grads) {
            for (double v : g.toArray()) {
                s.append(String.format(Locale.ROOT, "%.10g ", v));
            }
            s.append("| ");
        }
        return s.toString();
    }
}
