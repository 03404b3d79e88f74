package dev.attune.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests and their child JVMs write files: {@code target/test-tmp} of this module, never the machine's
 * temporary directory, so repeated runs leave nothing behind that {@code mvn clean} (or a fresh clone) does not
 * remove, and a failed run's files are still there to read.
 */
final class Scratch {

    private static final Path ROOT = Path.of("target", "test-tmp").toAbsolutePath();

    private Scratch() {
    }

    /** A new, empty directory named {@code prefix<random>}. */
    static Path dir(String prefix) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(ROOT), prefix);
    }

    /** A new, empty file named {@code prefix<random>suffix}. */
    static Path file(String prefix, String suffix) throws IOException {
        return Files.createTempFile(Files.createDirectories(ROOT), prefix, suffix);
    }
}
