package org.neuralode4j.ode.problems;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference dynamical system: name, description and literature reference, state names, default
 * initial state and time span, parameters with defaults and units, and a factory that builds its
 * {@link Dynamics} (vector field, events, jump times) for given parameter values. Immutable; the
 * registry is {@link Problems}.
 *
 * <pre>{@code
 * Problem lv = Problems.byName("lotka-volterra");
 * Dynamics d = lv.dynamics(Map.of("alpha", 2.0));          // the others keep their defaults
 * Solution s = OdeSolver.solve(d.field(), Tensor.of(lv.y0()), new double[] {lv.t0(), lv.t1()});
 * }</pre>
 */
public final class Problem {
    private final String name;
    private final String description;
    private final String reference;
    private final List<String> stateNames;
    private final double[] y0;
    private final double t0;
    private final double t1;
    private final List<Parameter> parameters;
    private final Factory factory;

    private Problem(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.reference = b.reference;
        this.stateNames = List.copyOf(b.stateNames);
        this.y0 = b.y0.clone();
        this.t0 = b.t0;
        this.t1 = b.t1;
        this.parameters = List.copyOf(b.parameters);
        this.factory = b.factory;
    }

    /**
     * Starts a problem definition.
     *
     * @param name the registry name: lower case words joined by hyphens, e.g. {@code "van-der-pol"}
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return the registry name, e.g. {@code "lotka-volterra"} */
    public String name() {
        return name;
    }

    /** @return one line saying what the system is and its equations */
    public String description() {
        return description;
    }

    /** @return where the problem comes from (authors, year, work) */
    public String reference() {
        return reference;
    }

    /** @return the state names, in state order (unmodifiable) */
    public List<String> stateNames() {
        return stateNames;
    }

    /** @return the number of states */
    public int dim() {
        return stateNames.size();
    }

    /** @return a copy of the default initial state */
    public double[] y0() {
        return y0.clone();
    }

    /** @return the default initial time */
    public double t0() {
        return t0;
    }

    /** @return the default final time */
    public double t1() {
        return t1;
    }

    /** @return the parameters, in declaration order (unmodifiable; empty when there are none) */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Resolves parameter values: the defaults, overridden by {@code overrides}.
     *
     * @param overrides values by parameter name; not modified
     * @return every parameter's value
     * @throws IllegalArgumentException for an unknown name (the message lists the valid ones) or a
     *     value outside the parameter's domain
     */
    public ParameterValues values(Map<String, Double> overrides) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            values.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, Double> e : overrides.entrySet()) {
            Parameter p = parameter(e.getKey());
            values.put(p.name(), p.check(Objects.requireNonNull(e.getValue(), "value of " + p.name())));
        }
        return new ParameterValues(name, values);
    }

    /**
     * Looks a parameter up by its exact name.
     *
     * @param parameterName the name
     * @return the parameter
     * @throws IllegalArgumentException if there is none; the message lists the valid names
     */
    public Parameter parameter(String parameterName) {
        for (Parameter p : parameters) {
            if (p.name().equals(parameterName)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        parameters.forEach(p -> names.add(p.name()));
        throw new IllegalArgumentException("unknown parameter '" + parameterName + "' for " + name + "; "
                + (names.isEmpty() ? "it has no parameters" : "its parameters: " + String.join(", ", names)));
    }

    /** @return the dynamics at the default parameter values */
    public Dynamics dynamics() {
        return dynamics(Map.of());
    }

    /**
     * Builds the dynamics for the defaults overridden by {@code overrides}.
     *
     * @param overrides values by parameter name; not modified
     * @return the dynamics
     * @throws IllegalArgumentException as {@link #values(Map)}
     */
    public Dynamics dynamics(Map<String, Double> overrides) {
        return factory.build(values(overrides));
    }

    /**
     * Builds the dynamics for resolved values.
     *
     * @param values values from {@link #values(Map)} of this problem
     * @return the dynamics
     */
    public Dynamics dynamics(ParameterValues values) {
        return factory.build(values);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds the {@link Dynamics} of a problem for checked parameter values. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param values a value for every parameter of the problem
         * @return the dynamics
         */
        Dynamics build(ParameterValues values);
    }

    /** Collects a problem's definition; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private String description = "";
        private String reference = "";
        private List<String> stateNames = List.of();
        private double[] y0 = new double[0];
        private double t0 = 0;
        private double t1 = Double.NaN;
        private final List<Parameter> parameters = new ArrayList<>();
        private Factory factory;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("problem name '" + name + "' is invalid: use lower-case words "
                        + "joined by hyphens, e.g. van-der-pol");
            }
            this.name = name;
        }

        /**
         * @param text one line: what the system is, with its equations
         * @return this builder
         */
        public Builder description(String text) {
            this.description = Objects.requireNonNull(text, "description");
            return this;
        }

        /**
         * @param text authors, year and work the problem comes from
         * @return this builder
         */
        public Builder reference(String text) {
            this.reference = Objects.requireNonNull(text, "reference");
            return this;
        }

        /**
         * @param names one name per state, distinct
         * @return this builder
         */
        public Builder states(String... names) {
            this.stateNames = List.of(names);
            return this;
        }

        /**
         * @param values the default initial state, one value per state; copied
         * @return this builder
         */
        public Builder y0(double... values) {
            this.y0 = values.clone();
            return this;
        }

        /**
         * @param from the default initial time
         * @param to the default final time, greater than {@code from}
         * @return this builder
         */
        public Builder span(double from, double to) {
            this.t0 = from;
            this.t1 = to;
            return this;
        }

        /**
         * Adds a parameter.
         *
         * @param name its name
         * @param defaultValue its default
         * @param unit its unit ("" when dimensionless)
         * @param description its meaning
         * @param domain the values it may take
         * @return this builder
         */
        public Builder parameter(String name, double defaultValue, String unit, String description,
                                 Parameter.Domain domain) {
            parameters.add(new Parameter(name, defaultValue, unit, description, domain));
            return this;
        }

        /**
         * @param factory builds the dynamics for given parameter values
         * @return this builder
         */
        public Builder factory(Factory factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * @return the problem
         * @throws IllegalArgumentException when the definition is incomplete or inconsistent
         */
        public Problem build() {
            if (stateNames.isEmpty() || y0.length != stateNames.size()) {
                throw new IllegalArgumentException("problem " + name + ": " + stateNames.size() + " state names but "
                        + y0.length + " initial values; give at least one state and one initial value per state");
            }
            if (Collections.frequency(stateNames, null) > 0 || stateNames.stream().distinct().count() != stateNames.size()) {
                throw new IllegalArgumentException("problem " + name + ": state names " + stateNames + " must be distinct");
            }
            if (!(Double.isFinite(t0) && Double.isFinite(t1) && t1 > t0)) {
                throw new IllegalArgumentException("problem " + name + ": span [" + t0 + ", " + t1 + "] must be finite "
                        + "with t1 > t0");
            }
            if (parameters.stream().map(Parameter::name).distinct().count() != parameters.size()) {
                throw new IllegalArgumentException("problem " + name + ": parameter names must be distinct");
            }
            if (factory == null) {
                throw new IllegalArgumentException("problem " + name + ": no factory; set one with factory(...)");
            }
            return new Problem(this);
        }
    }
}
