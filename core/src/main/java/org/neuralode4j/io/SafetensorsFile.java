package org.neuralode4j.io;

import java.util.Map;
import org.neuralode4j.tensor.Tensor;

/**
 * The contents of a safetensors file: tensors (converted to double, in the order of their data in
 * the file), the element type each had in the file, and the {@code __metadata__} strings.
 *
 * @param tensors by name, unmodifiable; the tensors are fresh leaves the caller owns
 * @param dtypes the stored element type of each tensor, unmodifiable
 * @param metadata the string metadata, unmodifiable (empty when the file has none)
 */
public record SafetensorsFile(Map<String, Tensor> tensors, Map<String, DType> dtypes, Map<String, String> metadata) {

    /**
     * The tensor called {@code name}.
     *
     * @throws IllegalArgumentException naming the tensors the file does have
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
