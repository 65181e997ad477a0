package org.neuralode4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.sensitivity.Gradient;

/** Reads a {@link ModelSpec} from metadata strings, collecting every problem before failing. */
final class ModelSpecReader {
    private final Map<String, String> m;
    private final List<String> problems = new ArrayList<>();

    ModelSpecReader(Map<String, String> metadata) {
        this.m = Objects.requireNonNull(metadata, "metadata");
    }

    ModelSpec read() {
        String format = m.get("format");
        if (format == null) {
            throw new ModelSpecException("the metadata has no 'format' key, so it does not describe a neuralode4j "
                    + "model (a plain weights file?); expected format = " + ModelSpec.FORMAT);
        }
        if (!format.equals(ModelSpec.FORMAT)) {
            throw new ModelSpecException("unsupported model format '" + format + "'; this version reads " + ModelSpec.FORMAT);
        }
        String kindName = string("model.kind");
        ModelSpec.Kind kind = null;
        if (kindName != null) {
            for (ModelSpec.Kind k : ModelSpec.Kind.values()) {
                if (k.id().equals(kindName.trim().toLowerCase(Locale.ROOT))) {
                    kind = k;
                }
            }
            if (kind == null) {
                problems.add("model.kind = '" + kindName + "' is unknown; expected mlp or spiral");
            }
        }
        int stateDim = integer("model.state_dim", 1);
        int augment = integer("model.augment", 0);
        int inputDim = integer("model.input_dim", 0);
        Boolean time = bool("model.time_dependent");
        int[] hidden = widths("model.hidden");
        Activation activation = parse("model.activation", Activation::fromName);
        Interpolation interpolation = parse("model.input_interpolation", Interpolation::fromName);
        String method = parse("solver.method", name -> SolveOptions.builder().method(name).build().methodName());
        double rtol = tolerance("solver.rtol");
        double atol = tolerance("solver.atol");
        Gradient gradient = parse("solver.gradient", Gradient::fromName);
        Standardization standardization = standardization();
        if (!problems.isEmpty()) {
            throw new ModelSpecException("invalid model metadata: " + String.join("; ", problems));
        }
        try {
            return ModelSpec.builder(kind, stateDim).augment(augment).inputs(inputDim).timeDependent(time).hidden(hidden)
                    .activation(activation).inputInterpolation(interpolation).method(method).rtol(rtol).atol(atol)
                    .gradient(gradient).standardization(standardization).build();
        } catch (IllegalArgumentException e) {
            throw new ModelSpecException("invalid model metadata: " + e.getMessage(), e);
        }
    }

    private String string(String key) {
        String v = m.get(key);
        if (v == null) {
            problems.add("missing key '" + key + "'");
        }
        return v;
    }

    private int integer(String key, int min) {
        String v = string(key);
        if (v == null) {
            return min;
        }
        try {
            int x = Integer.parseInt(v.trim());
            if (x >= min) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " = '" + v + "' is not an integer >= " + min);
        return min;
    }

    private Boolean bool(String key) {
        String v = string(key);
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            problems.add(key + " = '" + v + "' is not true or false");
            return false;
        }
        return t.equals("true");
    }

    private int[] widths(String key) {
        String v = string(key);
        if (v == null || v.isBlank()) {
            return new int[0];
        }
        String[] parts = v.split(",");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                w[i] = 0;
            }
            if (w[i] < 1) {
                problems.add(key + " = '" + v + "' is not a comma-separated list of positive integers (entry "
                        + i + " is '" + parts[i].trim() + "')");
                return new int[0];
            }
        }
        return w;
    }

    private double tolerance(String key) {
        String v = string(key);
        if (v == null) {
            return 0;
        }
        try {
            double x = Double.parseDouble(v.trim());
            if (x >= 0 && Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + " = '" + v + "' is not a finite number >= 0");
        return 0;
    }

    private <T> T parse(String key, Function<String, T> parser) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return null;
        }
    }

    private Standardization standardization() {
        boolean any = m.keySet().stream().anyMatch(k -> k.startsWith("standardization."));
        if (!any) {
            return null;
        }
        try {
            return Standardization.fromMetadata(m);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }
}
