package org.neuralode4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.io.SafetensorsFile;
import org.neuralode4j.io.SafetensorsFormatException;
import org.neuralode4j.tensor.Tensor;

/**
 * Everything a {@link Trainer} needs to continue a run exactly, stored as one safetensors file
 * (written atomically: temporary file, fsync, rename; see {@link Safetensors}).
 *
 * <p>Layout: tensors {@code model.<name>} (the weights, by parameter name), {@code optimizer.<key>}
 * ({@link org.neuralode4j.optim.Optimizer#state()}), {@code scheduler.<key>}
 * ({@link org.neuralode4j.optim.LrScheduler#state()}) and {@code best.<name>} (the best weights kept
 * for early stopping), all F64 so every bit survives; {@code __metadata__} holds {@code format}
 * ({@value #FORMAT}), {@code format_version}, {@code iteration}, {@code seed}, {@code rng} (the
 * generator's four state words in hexadecimal), {@code best_loss} (Java's shortest round-trip
 * decimal, or {@code NaN}), {@code best_iteration}, {@code bad_validations} and {@code stopped_early}.
 * The {@code model.*} tensors load into PyTorch after stripping the prefix.
 *
 * @param iteration completed iterations
 * @param seed the run's seed (informational)
 * @param rngState the training generator's state after {@code iteration} iterations
 * @param weights parameter values by name
 * @param optimizerState the optimizer's state
 * @param schedulerState the scheduler's state (empty without a scheduler)
 * @param bestWeights the weights at the best validation (empty when not kept)
 * @param bestLoss the best validation loss (NaN before the first validation)
 * @param bestIteration its iteration (-1 before the first validation)
 * @param badValidations consecutive validations without improvement so far
 * @param stoppedEarly whether early stopping ended the run
 */
public record TrainingCheckpoint(int iteration, long seed, long[] rngState, Map<String, Tensor> weights,
                                 Map<String, Tensor> optimizerState, Map<String, Tensor> schedulerState,
                                 Map<String, Tensor> bestWeights, double bestLoss, int bestIteration,
                                 int badValidations, boolean stoppedEarly) {
    /** The value of the {@code format} metadata key. */
    public static final String FORMAT = "neuralode4j.training-checkpoint";
    private static final String VERSION = "1";
    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String SCHEDULER = "scheduler.";
    private static final String BEST = "best.";

    /** Copies the maps into unmodifiable ones (keeping their order) and the state array. */
    public TrainingCheckpoint {
        rngState = rngState.clone();
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        schedulerState = Collections.unmodifiableMap(new LinkedHashMap<>(schedulerState));
        bestWeights = Collections.unmodifiableMap(new LinkedHashMap<>(bestWeights));
    }

    @Override
    public long[] rngState() {
        return rngState.clone();
    }

    /**
     * Writes the checkpoint atomically: a reader (or a crash) sees the previous file or this one.
     *
     * @throws IllegalStateException when a weight is NaN or infinite; nothing is written then
     * @throws IOException when the file cannot be written; the previous file is untouched then
     */
    public void write(Path file) throws IOException {
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            if (e.getValue().hasNonFinite()) {
                throw new IllegalStateException("refusing to write a checkpoint of iteration " + iteration
                        + ": parameter '" + e.getKey() + "' has NaN or infinite values");
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        put(tensors, MODEL, weights);
        put(tensors, OPTIMIZER, optimizerState);
        put(tensors, SCHEDULER, schedulerState);
        put(tensors, BEST, bestWeights);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.put("iteration", Integer.toString(iteration));
        meta.put("seed", Long.toString(seed));
        meta.put("rng", hex(rngState));
        meta.put("best_loss", Double.toString(bestLoss));
        meta.put("best_iteration", Integer.toString(bestIteration));
        meta.put("bad_validations", Integer.toString(badValidations));
        meta.put("stopped_early", Boolean.toString(stoppedEarly));
        Safetensors.write(file, tensors, meta);
    }

    private static void put(Map<String, Tensor> out, String prefix, Map<String, Tensor> part) {
        for (Map.Entry<String, Tensor> e : part.entrySet()) {
            out.put(prefix + e.getKey(), e.getValue());
        }
    }

    /**
     * Reads a checkpoint written by {@link #write}.
     *
     * @throws SafetensorsFormatException when the file is not a valid safetensors file or not a
     *     training checkpoint of a supported version (the message names the file and the problem)
     * @throws IOException when the file cannot be read
     */
    public static TrainingCheckpoint read(Path file) throws IOException {
        SafetensorsFile f = Safetensors.read(file);
        String source = file.toString();
        Map<String, String> m = f.metadata();
        if (!FORMAT.equals(m.get("format"))) {
            throw new SafetensorsFormatException(source, "not a training checkpoint (metadata 'format' is "
                    + (m.containsKey("format") ? "'" + m.get("format") + "'" : "missing") + ", expected '" + FORMAT + "')");
        }
        if (!VERSION.equals(m.get("format_version"))) {
            throw new SafetensorsFormatException(source, "checkpoint format version '" + m.get("format_version")
                    + "' is not supported (this version reads " + VERSION + ")");
        }
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        Map<String, Tensor> scheduler = new LinkedHashMap<>();
        Map<String, Tensor> best = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith(MODEL)) {
                weights.put(k.substring(MODEL.length()), e.getValue());
            } else if (k.startsWith(OPTIMIZER)) {
                optimizer.put(k.substring(OPTIMIZER.length()), e.getValue());
            } else if (k.startsWith(SCHEDULER)) {
                scheduler.put(k.substring(SCHEDULER.length()), e.getValue());
            } else if (k.startsWith(BEST)) {
                best.put(k.substring(BEST.length()), e.getValue());
            } else {
                throw new SafetensorsFormatException(source, "unexpected tensor '" + k
                        + "' (a checkpoint holds model.*, optimizer.*, scheduler.* and best.*)");
            }
        }
        try {
            return new TrainingCheckpoint(Integer.parseInt(required(m, "iteration", source)),
                    Long.parseLong(required(m, "seed", source)), parseHex(required(m, "rng", source)), weights, optimizer,
                    scheduler, best, Double.parseDouble(required(m, "best_loss", source)),
                    Integer.parseInt(required(m, "best_iteration", source)),
                    Integer.parseInt(required(m, "bad_validations", source)),
                    Boolean.parseBoolean(required(m, "stopped_early", source)));
        } catch (NumberFormatException e) {
            throw new SafetensorsFormatException(source, "invalid checkpoint metadata: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> m, String key, String source) throws SafetensorsFormatException {
        String v = m.get(key);
        if (v == null) {
            throw new SafetensorsFormatException(source, "checkpoint metadata '" + key + "' is missing");
        }
        return v;
    }

    private static String hex(long[] words) {
        StringBuilder sb = new StringBuilder();
        for (long w : words) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(String.format("%016x", w));
        }
        return sb.toString();
    }

    private static long[] parseHex(String s) {
        String[] parts = s.split(",");
        if (parts.length != 4) {
            throw new NumberFormatException("'rng' must be 4 comma-separated hexadecimal words, got '" + s + "'");
        }
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = Long.parseUnsignedLong(parts[i], 16);
        }
        return out;
    }
}
