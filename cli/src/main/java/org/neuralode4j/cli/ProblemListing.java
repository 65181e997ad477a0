package org.neuralode4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.neuralode4j.ode.problems.Parameter;
import org.neuralode4j.ode.problems.Problem;

/** {@code simulate --list}: the systems with their descriptions, states, defaults and parameters. */
final class ProblemListing {
    private ProblemListing() {
    }

    /**
     * Prints the problems.
     *
     * @param out where to print; flushed
     * @param problems the problems to describe
     */
    static void print(PrintWriter out, List<Problem> problems) {
        out.println("Systems for 'neuralode simulate SYSTEM' (set parameters with --param NAME=VALUE):");
        for (Problem p : problems) {
            out.println();
            out.println(p.name());
            out.println("  " + p.description());
            out.println("  states: " + String.join(", ", p.stateNames()) + "   y0: " + join(p.y0()) + "   span: ["
                    + Numbers.format(p.t0()) + ", " + Numbers.format(p.t1()) + "]");
            List<String> inputs = p.dynamics().inputNames();
            if (!inputs.isEmpty()) {
                out.println("  inputs: " + String.join(", ", inputs) + " (columns with --inputs)");
            }
            if (p.parameters().isEmpty()) {
                out.println("  parameters: none");
            } else {
                out.println("  parameters:");
                int width = p.parameters().stream().mapToInt(q -> q.name().length()).max().orElse(0);
                for (Parameter q : p.parameters()) {
                    String value = Numbers.format(q.defaultValue()) + (q.unit().isEmpty() ? "" : " " + q.unit());
                    out.printf("    %-" + width + "s = %-12s %s%n", q.name(), value, q.description());
                }
            }
            out.println("  reference: " + p.reference());
        }
        out.flush();
    }

    private static String join(double[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(Numbers.format(values[i]));
        }
        return b.toString();
    }
}
