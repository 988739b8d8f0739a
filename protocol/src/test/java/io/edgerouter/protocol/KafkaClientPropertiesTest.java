package io.edgerouter.protocol;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClientPropertiesTest {

    @Test
    void dottedPropertiesAndTheEnvironmentsSpellingAreClientSettingsStreamsAndDevServicesAreNot() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", "broker:9093");
        config.put("KAFKA_BOOTSTRAP_SERVERS", "ignored-env:9092"); // the dotted spelling wins
        config.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        config.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        config.put("kafka.devservices.enabled", "false");
        config.put("KAFKA_STREAMS_NUM_STANDBY_REPLICAS", "1");
        config.put("kafka-streams.commit.interval.ms", "100");
        config.put("%test.kafka.bootstrap.servers", "test:1");
        config.put("gateway.kafka.enabled", "true");

        Map<String, String> client = KafkaClientProperties.of(config.keySet(), name -> Optional.ofNullable(config.get(name)));

        assertThat(client).containsOnly(
                Map.entry("bootstrap.servers", "broker:9093"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;"),
                Map.entry("security.protocol", "SASL_SSL"));
        assertThat(KafkaClientProperties.withPrefix(config.keySet(), name -> Optional.ofNullable(config.get(name)),
                "kafka-streams.", "KAFKA_STREAMS_", List.of()))
                .containsOnly(Map.entry("num.standby.replicas", "1"), Map.entry("commit.interval.ms", "100"));
    }
}
