package org.neuralode4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.io.SafetensorsFile;

/**
 * A model read from a safetensors file: the rebuilt {@link NeuralOde} with its weights loaded, its
 * {@link ModelSpec} and all metadata strings of the file.
 *
 * <p>File layout: the field's parameters under their {@link org.neuralode4j.nn.Module} names as F64
 * tensors (PyTorch loads them with {@code safetensors.torch.load_file}), and in
 * {@code __metadata__} the spec's keys ({@link ModelSpec#toMetadata()}) plus whatever the writer
 * added (training loss, data source, …).
 *
 * @param model the model, weights loaded
 * @param spec its architecture
 * @param metadata every metadata string of the file, unmodifiable
 */
public record SavedModel(NeuralOde model, ModelSpec spec, Map<String, String> metadata) {

    /**
     * Reads a model file.
     *
     * @throws ModelSpecException naming the file when the metadata does not describe a model or the
     *     weights do not fit it
     * @throws IOException when the file cannot be read or is not a valid safetensors file
     */
    public static SavedModel read(Path file) throws IOException {
        SafetensorsFile contents = Safetensors.read(file);
        ModelSpec spec;
        try {
            spec = ModelSpec.fromMetadata(contents.metadata());
        } catch (ModelSpecException e) {
            throw new ModelSpecException("model file " + file + ": " + e.getMessage(), e);
        }
        NeuralOde model = spec.build(new SplittableRandom(0));
        try {
            model.loadStateDict(contents.tensors());
        } catch (IllegalArgumentException e) {
            throw new ModelSpecException("model file " + file + ": the weights do not fit the architecture its metadata "
                    + "describes (" + spec.kind().id() + ", network input " + spec.networkInputDim() + ", hidden "
                    + java.util.Arrays.toString(spec.hidden()) + "): " + e.getMessage(), e);
        }
        return new SavedModel(model, spec, Collections.unmodifiableMap(new LinkedHashMap<>(contents.metadata())));
    }

    /** The metadata that is not part of the spec (what the writer added). */
    public Map<String, String> extraMetadata() {
        Map<String, String> extra = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (!ModelSpec.isSpecKey(k)) {
                extra.put(k, v);
            }
        });
        return extra;
    }

    static void write(Path file, NeuralOde model, Map<String, String> extraMetadata) throws IOException {
        ModelSpec spec = model.spec().orElseThrow(() -> new IllegalStateException("this model was built from a "
                + "Module, not from a ModelSpec, so its architecture cannot be written; build it with "
                + "ModelSpec...build(rng), or store only the weights with Safetensors.write(file, model.stateDict(), "
                + "metadata)"));
        Map<String, String> metadata = new LinkedHashMap<>(spec.toMetadata());
        if (extraMetadata != null) {
            for (Map.Entry<String, String> e : extraMetadata.entrySet()) {
                if (ModelSpec.isSpecKey(e.getKey())) {
                    throw new IllegalArgumentException("extra metadata key '" + e.getKey() + "' is reserved for the "
                            + "model spec (format, model.*, solver.*, standardization.*); choose another key");
                }
                metadata.put(e.getKey(), e.getValue());
            }
        }
        Safetensors.write(file, model.stateDict(), metadata);
    }
}
