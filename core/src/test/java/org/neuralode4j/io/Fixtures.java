package org.neuralode4j.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the project's shared fixtures by looking upward from the working directory. */
final class Fixtures {
    private Fixtures() {
    }

    /** {@code shared/fixtures/<name>} in the nearest ancestor having it; skips the test when absent. */
    static Path shared(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/fixtures/" + name + " not found above " + Path.of("").toAbsolutePath()
                + "; skipping the interop check");
        return null;
    }
}
