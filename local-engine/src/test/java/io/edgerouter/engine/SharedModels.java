package io.edgerouter.engine;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real model material in {@code ../shared/data/models/} beside the clone (CI always has it; a user's clone does
 * not, and then the tests that need it are skipped with a one-line reason naming the missing folder). Maven runs the
 * tests in the module folder, hence {@code ../../shared} from there. Override with {@code -Dedge.shared.models=DIR},
 * or the whole data folder with {@code -Dedge.shared.data=DIR} as test-support's {@code SharedData} reads it.
 *
 * <p>Call {@link #dir()} or {@link #file} in the test body, never inside an {@code assertThatThrownBy} lambda (the
 * skip would be caught as the thrown exception); a class whose {@code @BeforeAll} needs the folder is marked
 * {@link NeedsSharedModels} instead, because Surefire drops a skip thrown from {@code @BeforeAll} without a trace.
 */
public final class SharedModels {

    private SharedModels() {
    }

    /** The folder, absolute, whether or not it exists. */
    public static Path location() {
        String models = System.getProperty("edge.shared.models");
        if (models != null && !models.isBlank()) {
            return Path.of(models).toAbsolutePath().normalize();
        }
        String data = System.getProperty("edge.shared.data");
        Path root = data != null && !data.isBlank() ? Path.of(data) : Path.of("../../shared/data");
        return root.resolve("models").toAbsolutePath().normalize();
    }

    /** The one-line skip reason while the folder is absent, empty when it is there. */
    public static Optional<String> absence() {
        Path dir = location();
        return Files.isDirectory(dir) ? Optional.empty() : Optional.of("skipped: " + dir + " is absent (real model"
                + " files live in ../shared beside the clone, not in the repository; CI always has it)");
    }

    /** The folder, or skips the calling test when it is absent. */
    public static Path dir() {
        Optional<String> absence = absence();
        Assumptions.assumeTrue(absence.isEmpty(), absence::get);
        return location();
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
