package io.edgerouter.e2e;

import io.edgerouter.testsupport.AppProcess;
import io.edgerouter.testsupport.KafkaTopics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** bench/kafka-broker starts a real standalone broker that stores records and stops cleanly on SIGTERM. */
class StandaloneKafkaBrokerIT {

    private static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();

    @Test
    void brokerRoundTripsARecordAndCleansUpOnSigterm() throws Exception {
        int port = AppProcess.freePort();
        Path log = Files.createTempFile("kafka-broker-", ".log");
        Process broker = new ProcessBuilder(ROOT.resolve("bench/kafka-broker").toString(), "--port", Integer.toString(port),
                "--controller-port", Integer.toString(AppProcess.freePort()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String ready = awaitLine(broker, log, "READY bootstrap=", Duration.ofSeconds(120));
            Matcher dataDir = Pattern.compile("data_dir=(\\S+)").matcher(ready);
            assertThat(dataDir.find()).as(ready).isTrue();
            String bootstrap = "127.0.0.1:" + port;
            String value = "e2e-" + UUID.randomUUID();

            KafkaTopics.write(bootstrap, "e2e.broker.check", "k", value);

            assertThat(KafkaTopics.read(bootstrap, "e2e.broker.check", 1, Duration.ofSeconds(30)))
                    .containsExactly(Map.entry("k", value));

            broker.destroy(); // SIGTERM
            assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as("broker stopped after SIGTERM").isTrue();
            assertThat(broker.exitValue()).isZero();
            assertThat(Path.of(dataDir.group(1))).doesNotExist();
        } finally {
            broker.destroyForcibly();
            ProcessHandle.of(broker.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroyForcibly));
            Files.deleteIfExists(log);
        }
    }

    private static String awaitLine(Process process, Path log, String prefix, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + prefix + "' line; output:\n" + Files.readString(log));
    }
}
