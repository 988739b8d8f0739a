package io.edgerouter.engine;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real model material in {@code ../shared/data/models/} beside the clone (CI always has it; a user's clone does
 * not, and then the tests that need it are skipped with a one-line reason). Override with
 * {@code -Dedge.shared.models=DIR}.
 */
public final class SharedModels {

    private SharedModels() {
    }

    /** The folder, or skips the calling test when it is absent. */
    public static Path dir() {
        String prop = System.getProperty("edge.shared.models");
        Path dir = prop != null ? Path.of(prop) : Path.of("../../shared/data/models");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "skipped: no ../shared/data/models beside the clone (real model files live there, not in the repo)");
        return dir;
    }

    /** A file in the folder; a missing file in a present folder is a failure, not a skip. */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.exists(file)) {
            throw new AssertionError("expected " + file + " in ../shared/data/models (see its README)");
        }
        return file;
    }
}
