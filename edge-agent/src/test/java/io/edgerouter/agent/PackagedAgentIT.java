package io.edgerouter.agent;

import io.edgerouter.testsupport.AppProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged agent starts on embedded defaults (no Kafka, no cloud) and reports ready. */
class PackagedAgentIT {

    private static final Path JAR = Path.of(System.getProperty("quarkus.app.path", "target/quarkus-app"), "quarkus-run.jar");

    @Test
    void startsOnEmbeddedDefaultsAndAnswersReadyOnLoopback() throws Exception {
        int port = AppProcess.freePort();
        try (AppProcess app = AppProcess.start(JAR, List.of("-Dquarkus.http.port=" + port))) {
            app.awaitOutput("Listening on", Duration.ofSeconds(60));

            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"status\": \"UP\"").contains("embedded-default");
            assertThat(app.output()).contains("http://127.0.0.1:" + port);
        }
    }
}
