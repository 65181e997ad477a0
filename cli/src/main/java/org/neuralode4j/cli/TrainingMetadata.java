package org.neuralode4j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provenance the {@code train} command stores in a model file's metadata next to the model spec,
 * and that {@code predict} and {@code info} read back: which CSV columns the model was trained on,
 * the data file, the options and the outcome.
 */
final class TrainingMetadata {
    static final String DATA_FILE = "train.data";
    static final String TIME_COLUMN = "train.time_column";
    static final String STATE_COLUMNS = "train.state_columns";
    static final String INPUT_COLUMNS = "train.input_columns";
    static final String TRAJECTORY_COLUMN = "train.trajectory_column";
    static final String ITERATIONS = "train.iterations";
    static final String FINAL_LOSS = "train.final_loss";
    static final String VALIDATION_LOSS = "train.validation_loss";
    static final String OPTIONS = "train.options";
    static final String DATE = "train.date";
    static final String VERSION = "train.neuralode4j_version";

    private TrainingMetadata() {
    }

    static String join(List<String> names) {
        return String.join(",", names);
    }

    static List<String> split(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(joined.split(",")));
    }

    /** The provenance entries of a metadata map, in a stable order for display. */
    static Map<String, String> provenance(Map<String, String> metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of(DATA_FILE, TIME_COLUMN, STATE_COLUMNS, INPUT_COLUMNS, TRAJECTORY_COLUMN, OPTIONS,
                ITERATIONS, FINAL_LOSS, VALIDATION_LOSS, DATE, VERSION)) {
            if (metadata.containsKey(k)) {
                out.put(k, metadata.get(k));
            }
        }
        return out;
    }
}
