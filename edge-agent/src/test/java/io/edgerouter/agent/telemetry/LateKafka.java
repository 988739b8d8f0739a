package io.edgerouter.agent.telemetry;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kafka that is not there when the agent starts: the agent gets a bootstrap address on a free port
 * with no broker behind it, and the test starts a real broker on that port later ({@link #start}).
 */
public class LateKafka implements QuarkusTestResourceLifecycleManager {

    static volatile int port;
    static volatile EmbeddedKafkaBroker broker;
    static volatile Path bufferDir;

    @Override
    public Map<String, String> start() {
        port = KafkaBrokerResource.freePort();
        try {
            bufferDir = Files.createTempDirectory("telemetry-outage");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + port,
                "edge.kafka.telemetry-buffer-dir", bufferDir.toString(),
                "edge.fleet", "outage-test");
    }

    static synchronized String startBroker() {
        if (broker == null) {
            broker = new EmbeddedKafkaBroker().withNodeId(1).withKafkaHost("127.0.0.1").withKafkaPort(port)
                    .withControllerPort(KafkaBrokerResource.freePort()).withDeleteLogDirsOnClose(true).start();
        }
        return "127.0.0.1:" + port;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The profile: only this late broker, no shared one. */
    public static class Profile implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(LateKafka.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }
}
