package org.neuralode4j.ode.problems;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named parameter of a {@link Problem}: its default value, unit, meaning and the values it may
 * take.
 *
 * @param name the name used on the command line ({@code --param name=value}): a letter followed by
 *     letters, digits or underscores
 * @param defaultValue the value used when none is given; inside {@code domain}
 * @param unit the unit, e.g. {@code "H"}, {@code "1/s"}; empty when dimensionless
 * @param description what the parameter means, a few words
 * @param domain the values it may take
 */
public record Parameter(String name, double defaultValue, String unit, String description, Domain domain) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** The values a parameter may take. */
    public enum Domain {
        /** Any finite value. */
        ANY("finite"),
        /** Finite and greater than 0. */
        POSITIVE("positive"),
        /** Finite and at least 0. */
        NON_NEGATIVE("non-negative"),
        /** In [0, 1], e.g. a duty cycle or a coefficient of restitution. */
        UNIT_INTERVAL("in [0, 1]");

        private final String words;

        Domain(String words) {
            this.words = words;
        }

        /** @return whether {@code v} is allowed */
        public boolean contains(double v) {
            if (!Double.isFinite(v)) {
                return false;
            }
            return switch (this) {
                case ANY -> true;
                case POSITIVE -> v > 0;
                case NON_NEGATIVE -> v >= 0;
                case UNIT_INTERVAL -> v >= 0 && v <= 1;
            };
        }

        /** @return the condition in words, e.g. "positive" */
        public String words() {
            return words;
        }
    }

    /**
     * Checks the name and that the default lies in the domain.
     *
     * @throws IllegalArgumentException if not
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(domain, "domain");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("parameter name '" + name + "' is invalid: use a letter followed by "
                    + "letters, digits or underscores");
        }
        if (!domain.contains(defaultValue)) {
            throw new IllegalArgumentException("parameter " + name + ": default " + defaultValue + " is not "
                    + domain.words());
        }
    }

    /**
     * Checks a value for this parameter.
     *
     * @param value the proposed value
     * @return the value
     * @throws IllegalArgumentException naming the parameter and the allowed values
     */
    public double check(double value) {
        if (!domain.contains(value)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "parameter %s = %s is invalid: %s must be %s",
                    name, value, description, domain.words()));
        }
        return value;
    }

    /** @return e.g. {@code "L = 0.0001 H (inductance)"} */
    @Override
    public String toString() {
        return name + " = " + defaultValue + (unit.isEmpty() ? "" : " " + unit) + " (" + description + ")";
    }
}
