package org.neuralode4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code fixtures/} directory by looking upward from the working directory. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * {@code fixtures/<name>} in the nearest ancestor holding it.
     *
     * @throws IllegalStateException when absent: the fixtures are part of the repository
     */
    public static Path path(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("fixtures").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/" + name + " not found above " + Path.of("").toAbsolutePath()
                + "; the fixtures directory belongs to the repository");
    }
}
