package org.neuralode4j.io;

import java.io.IOException;

/**
 * A safetensors file (or byte array) that violates the format: its message names the source and the
 * problem, e.g. {@code model.safetensors: tensor 'net.0.bias' overlaps tensor 'net.0.weight'}. An
 * {@link IOException}, since a damaged file is an input problem the caller handles like a read
 * error.
 */
public class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source the file name or description of the bytes
     * @param problem what is wrong
     */
    public SafetensorsFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** The file name or description of the bytes that were read. */
    public String source() {
        return source;
    }
}
