package io.edgerouter.agent;

import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the packaged agent with one bad configuration value and expects it to refuse to start, naming the property. */
class StartupConfigIT {

    private static final Path JAR = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            // out of range: concurrency must be at least 1
            "edge.engine.max-concurrency, 0",
            // malformed duration
            "edge.cloud.timeout, soon",
            // malformed URI
            "edge.cloud.url, 'http://bad host'",
            // a property nobody reads: a typo must not be silently ignored
            "edge.engine.max-concurency, 2",
            // negative queue bound
            "edge.engine.max-queue, -1",
    })
    void badConfigurationValueFailsStartUpNamingTheProperty(String property, String value) {
        try (AppProcess app = AppProcess.start(JAR, List.of("-D" + property + "=" + value, "-Dquarkus.http.port=0"))) {
            int exit = app.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code; output:%n%s", app.output()).isNotZero();
            assertThat(app.output()).contains(property).doesNotContain("Listening on");
        }
    }
}
