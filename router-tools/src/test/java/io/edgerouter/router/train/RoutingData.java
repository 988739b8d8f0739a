package io.edgerouter.router.train;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find the real routing data: {@code ../shared/data} beside the clone (surefire passes it as
 * {@code routing.data.dir}). A user's clone has no ../shared: tests that need it skip with a one-line reason.
 */
public final class RoutingData {

    private RoutingData() {
    }

    /** The shared data folder holding {@code routing/} and {@code routing-extra/}; skips the test when absent. */
    public static Path requireRoot() {
        String prop = System.getProperty("routing.data.dir");
        Path root = (prop != null ? Path.of(prop) : Path.of("../../shared/data")).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(root.resolve("routing/mmlu")) && Files.isDirectory(root.resolve("routing-extra")),
                "skipped: routing data absent at " + root + "/routing{,-extra} (it lives in ../shared beside the clone; CI has it)");
        return root;
    }
}
