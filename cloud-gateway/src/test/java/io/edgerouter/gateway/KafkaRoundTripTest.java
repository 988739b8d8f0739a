package io.edgerouter.gateway;

import io.edgerouter.testsupport.KafkaBrokerResource;
import io.edgerouter.testsupport.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class KafkaRoundTripTest {

    @Inject
    KafkaProbe probe;

    @Test
    void recordSentByTheAppComesBackThroughTheRealBroker() {
        String value = "probe-" + UUID.randomUUID();

        probe.send(value);

        await().atMost(Duration.ofSeconds(20)).until(() -> probe.received().contains(value));
        assertThat(KafkaTopics.read(KafkaBrokerResource.bootstrapServers(), "gateway.foundation.probe", 1, Duration.ofSeconds(15)))
                .extracting(Map.Entry::getValue)
                .contains(value);
    }
}
