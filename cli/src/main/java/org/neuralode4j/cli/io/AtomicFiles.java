package org.neuralode4j.cli.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.neuralode4j.io.AtomicWrite;

/**
 * Atomic file writes for the command line (CSV, PNG): see {@link AtomicWrite} — a failed command
 * leaves the previous file, or none, never a partial one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the bytes produced by {@code body} to {@code target} atomically. */
    public static void write(Path target, IoConsumer<OutputStream> body) throws IOException {
        AtomicWrite.stream(target, body::accept);
    }

    /** A consumer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        /** Consumes {@code value}. */
        void accept(T value) throws IOException;
    }
}
