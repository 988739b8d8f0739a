package io.edgerouter.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Kafka client settings taken from an application's configuration, for the Kafka clients an app builds itself (the
 * agent's telemetry producer, the gateway's learning loop), so they connect exactly as the SmallRye channels do:
 * every {@code kafka.<property>} (bootstrap servers, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}), or the
 * environment's {@code KAFKA_<PROPERTY>} with '_' for '.' (as {@code KAFKA_SASL_JAAS_CONFIG} in the manifests).
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {
    }

    /**
     * The Kafka client properties, without the prefix; Dev Services' and Kafka Streams' own settings
     * ({@code kafka-streams.*}, {@code KAFKA_STREAMS_*}) are not client properties and are left out.
     *
     * @param names  every configuration property name
     * @param lookup a property's value
     */
    public static Map<String, String> of(Iterable<String> names, Function<String, Optional<String>> lookup) {
        return withPrefix(names, lookup, "kafka.", "KAFKA_", List.of("kafka.devservices.", "KAFKA_DEVSERVICES_", "KAFKA_STREAMS_"));
    }

    /**
     * The properties named {@code <prefix><property>}, or from the environment {@code <envPrefix><PROPERTY>} with '_'
     * for '.', without the prefix; names starting with one of {@code skip} are left out. A dotted name wins over the
     * environment's spelling of the same property.
     */
    public static Map<String, String> withPrefix(Iterable<String> names, Function<String, Optional<String>> lookup,
                                                 String prefix, String envPrefix, List<String> skip) {
        Map<String, String> dotted = new HashMap<>();
        Map<String, String> env = new HashMap<>();
        for (String name : names) {
            if (skip.stream().anyMatch(name::startsWith)) {
                continue;
            }
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                lookup.apply(name).ifPresent(v -> dotted.put(name.substring(prefix.length()), v));
            } else if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                String key = name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
                lookup.apply(name).ifPresent(v -> env.put(key, v));
            }
        }
        env.putAll(dotted);
        return env;
    }
}
