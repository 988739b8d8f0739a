package io.edgerouter.gateway;

import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the packaged gateway with one bad configuration value and expects it to refuse to start, naming the property. */
class StartupConfigIT {

    private static final Path JAR = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            // out of range: at least one verify session
            "gateway.verify.max-sessions, 0",
            // malformed duration
            "gateway.verify.session-idle-timeout, later",
            // not a number
            "gateway.verify.max-kv-bytes, lots",
            // an agent key must not be blank
            "gateway.agents.edge-1.key, ''",
            // a typo must not be silently ignored
            "gateway.upstream.ulr, http://127.0.0.1:1",
            // the vLLM verification backend needs its URL and tokenizer
            "gateway.verify.backend, vllm",
            // the learning loop needs at least one decision between recalibrations
            "gateway.learning.min-decisions, 0",
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
            "gateway.model.dir, /models/qwen2.5-7b, gateway.model.dir was renamed to gateway.model (a model directory or file)",
            // a renamed property names its new name
            "gateway.model.draft-dir, /models/draft, gateway.model.draft-dir was renamed to gateway.draft-model (a model directory or file)",
            // a renamed property names its new name
            "gateway.model.data-dir, /tmp/gw, gateway.model.data-dir was renamed to gateway.data-dir",
            // a renamed property names its new name
            "gateway.model.max-concurrency, 4, gateway.model.max-concurrency was renamed to gateway.engine.max-concurrency",
            // a tokenizer without a model to apply it to
            "gateway.tokenizer, /models/tokenizer.json, gateway.tokenizer and gateway.dtype apply to gateway.model",
            // a model path that does not exist is named
            "gateway.model, /nonexistent/model, /nonexistent/model"
    })
    void aRenamedOrUnusableModelSettingFailsStartUpSayingWhy(String property, String value, String message) {
        try (AppProcess app = AppProcess.start(JAR, List.of("-D" + property + "=" + value, "-Dquarkus.http.port=0"))) {
            int exit = app.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as("exit code; output:%n%s", app.output()).isNotZero();
            assertThat(app.output()).contains(message).doesNotContain("Listening on");
        }
    }
}
