/**
 * Model files: {@link org.neuralode4j.io.Safetensors} reads and writes the safetensors format, the
 * format PyTorch models are exchanged in, so a model trained here loads in PyTorch and the reverse.
 * Parameters travel as a state dict ({@link org.neuralode4j.nn.Module#stateDict()}); the
 * architecture, options and data normalization ride in the {@code __metadata__} strings.
 *
 * <p>Writes are atomic (temporary file, fsync, rename); reads validate every header field against
 * the file before allocating and report violations as
 * {@link org.neuralode4j.io.SafetensorsFormatException}. Java serialization is never used.
 */
package org.neuralode4j.io;
