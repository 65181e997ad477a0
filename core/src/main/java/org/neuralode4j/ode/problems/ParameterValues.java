package org.neuralode4j.ode.problems;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete, checked set of parameter values for one {@link Problem}: every parameter has a value
 * (its default unless overridden), in the problem's declaration order. Immutable.
 */
public final class ParameterValues {
    private final String problem;
    private final Map<String, Double> values;

    ParameterValues(String problem, Map<String, Double> values) {
        this.problem = problem;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The value of one parameter.
     *
     * @param name a parameter of the problem
     * @return its value
     * @throws IllegalArgumentException if the problem has no such parameter
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("problem " + problem + " has no parameter '" + name + "'; its "
                    + "parameters: " + (values.isEmpty() ? "none" : String.join(", ", values.keySet())));
        }
        return v;
    }

    /** @return the values by name, in declaration order (unmodifiable) */
    public Map<String, Double> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
