package io.edgerouter.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real single-node KRaft Kafka broker inside the test JVM, on free loopback ports.
 *
 * <p>Hands {@code kafka.bootstrap.servers} to the Quarkus application under test. The broker is
 * started once per JVM and shared by every test class that uses this resource, so a test suite
 * pays the ~3 s start-up once.
 */
public final class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedKafkaBroker broker;
    private static String bootstrapServers;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", startShared());
    }

    @Override
    public void stop() {
        // Shared for the whole JVM: stopped by the shutdown hook, not per test class.
    }

    /** Starts the shared broker if needed and returns its bootstrap address ({@code host:port}). */
    public static synchronized String startShared() {
        if (broker == null) {
            int kafkaPort = freePort();
            int controllerPort = freePort();
            EmbeddedKafkaBroker started = new EmbeddedKafkaBroker()
                    .withNodeId(1)
                    .withKafkaHost("127.0.0.1")
                    .withKafkaPort(kafkaPort)
                    .withControllerPort(controllerPort)
                    .withDeleteLogDirsOnClose(true)
                    .start();
            broker = started;
            bootstrapServers = "127.0.0.1:" + kafkaPort;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
        }
        return bootstrapServers;
    }

    /** Bootstrap address of the running shared broker. */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            throw new IllegalStateException("the embedded Kafka broker has not been started");
        }
        return bootstrapServers;
    }

    /** A free loopback TCP port. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded Kafka broker", e);
        }
    }
}
