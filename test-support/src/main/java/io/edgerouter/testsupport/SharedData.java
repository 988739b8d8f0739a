package io.edgerouter.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real data in {@code ../shared/data} beside the clone (trained models, tokenizers, routing data). CI always
 * lays it there; a user's clone has only the repository, and then the tests that need it skip with a one-line reason
 * naming the missing path instead of failing. Maven runs each module's tests in the module folder, so the folder is
 * {@code ../../shared/data} from there; {@code -Dedge.shared.data=DIR} points elsewhere.
 */
public final class SharedData {

    /** System property that overrides where the shared data folder is. */
    public static final String PROPERTY = "edge.shared.data";

    private SharedData() {
    }

    /** The shared data folder, absolute (whether or not it exists). */
    public static Path root() {
        String prop = System.getProperty(PROPERTY);
        Path root = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("../../shared/data");
        return root.toAbsolutePath().normalize();
    }

    /** {@code relative} inside the shared data folder, e.g. {@code models/stories260K} (whether or not it exists). */
    public static Path path(String relative) {
        return root().resolve(relative).normalize();
    }

    /** Whether {@code relative} exists in the shared data folder. */
    public static boolean present(String relative) {
        return Files.exists(path(relative));
    }

    /** The one-line skip reason when {@code relative} is absent, empty when it is there. */
    public static Optional<String> absence(String relative) {
        Path p = path(relative);
        return Files.exists(p) ? Optional.empty() : Optional.of(reason(p));
    }

    /** The one-line reason for a skip because {@code missing} is absent. */
    public static String reason(Path missing) {
        return "skipped: " + missing + " is absent (real data lives in ../shared beside the clone, not in the"
                + " repository; CI always has it)";
    }
}
