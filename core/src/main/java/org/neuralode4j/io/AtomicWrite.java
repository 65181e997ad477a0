package org.neuralode4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * half-written file: a temporary file in the same directory (created with the default permissions,
 * not the 0600 of {@code Files.createTempFile}), written, flushed and fsynced, then renamed over the
 * target, then the directory synced where the platform allows. On any failure the temporary file is
 * deleted and the target is untouched.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    /** Writes the content into an open channel. */
    @FunctionalInterface
    public interface ChannelBody {
        /** @param channel the temporary file, positioned at 0; written, not closed */
        void write(FileChannel channel) throws IOException;
    }

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface StreamBody {
        /** @param out the temporary file's stream; written, not closed */
        void write(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with what {@code body} writes to a stream. */
    public static void stream(Path target, StreamBody body) throws IOException {
        channel(target, ch -> {
            OutputStream out = Channels.newOutputStream(ch);
            body.write(out);
            out.flush();
        });
    }

    /** Replaces {@code target} with what {@code body} writes to a channel. */
    public static void channel(Path target, ChannelBody body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(target.toString(), null, "the directory does not exist");
        }
        Path tmp = createTemp(dir, abs.getFileName().toString());
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                body.write(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** A new, empty file {@code .<name>.<random>.tmp} in {@code dir}, with default permissions. */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt == 9) {
                    throw e;
                }
            }
        }
    }

    /** Makes the rename durable where the platform allows opening a directory (POSIX); best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported on this platform (e.g. Windows): the rename itself is still atomic
        }
    }
}
