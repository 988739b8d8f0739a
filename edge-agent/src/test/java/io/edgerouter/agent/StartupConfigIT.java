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
            // not an Ed25519 public key: a key trusted for policy signatures must be readable
            "edge.policy.public-keys.gw1, bm90LWEta2V5",
    })
    void badConfigurationValueFailsStartUpNamingTheProperty(String property, String value) {
        try (AppProcess app = AppProcess.start(JAR, List.of("-D" + property + "=" + value, "-Dquarkus.http.port=0"))) {
            int exit = app.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code; output:%n%s", app.output()).isNotZero();
            assertThat(app.output()).contains(property).doesNotContain("Listening on");
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiterString = ", ", value = {
            // a renamed property names its new name
            "edge.engine.model-dir, /models/qwen2.5-0.5b, edge.engine.model-dir was renamed to edge.engine.model (a model directory or file)",
            // a renamed property names its new name
            "edge.engine.draft-model-dir, /models/draft, edge.engine.draft-model-dir was renamed to edge.engine.draft-model (a model directory or file)",
            // a tokenizer without a model to apply it to
            "edge.engine.tokenizer, /models/tokenizer.json, edge.engine.tokenizer and edge.engine.dtype apply to edge.engine.model",
            // a model path that does not exist is named
            "edge.engine.model, /nonexistent/model, /nonexistent/model"
    })
    void aRenamedOrUnusableModelSettingFailsStartUpSayingWhy(String property, String value, String message) {
        try (AppProcess app = AppProcess.start(JAR, List.of("-D" + property + "=" + value, "-Dquarkus.http.port=0"))) {
            int exit = app.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code; output:%n%s", app.output()).isNotZero();
            assertThat(app.output()).contains(message).doesNotContain("Listening on");
        }
    }
}
