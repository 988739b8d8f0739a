package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the gateway's fleet learning, a Kafka Streams application inside every gateway replica, needs from the build.
 * Its KafkaUser must let it own the internal topics {@code <application.id>-*} (changelogs, repartition), consume as
 * group {@code <application.id>}, produce transactionally under transactional ids {@code <application.id>-*}
 * (exactly_once_v2) and write its sinks; and every sink must have a KafkaTopic, since nothing else creates it (the
 * brokers do not auto-create topics, and the gateway's user may not create them either).
 */
final class GatewayStreamsRules {

    static final String GATEWAY_APP = "cloud-gateway";
    /** gateway.learning.application-id and its default: the group id, and the prefix of internal topics and transactional ids. */
    static final String APPLICATION_ID_ENV = "GATEWAY_LEARNING_APPLICATION_ID";
    static final String DEFAULT_APPLICATION_ID = "edge-gateway-learning";
    /** The topics the gateway writes to: learned policies, fleet statistics, telemetry it cannot take in. */
    static final List<String> SINKS = List.of("edge.routing.policies", "edge.routing.fleet-stats", "edge.routing.telemetry.dlq");

    /**
     * One grant the application cannot run without.
     *
     * @param type       Strimzi's ACL resource type: topic, group, transactionalId
     * @param name       the resource's name, or with {@code prefix} the start of every such name
     * @param operations the operations it needs on them
     * @param why        what breaks without it, for the message
     */
    record Need(String type, String name, boolean prefix, Set<String> operations, String why) {
    }

    private GatewayStreamsRules() {
    }

    static void check(String build, List<Manifest> resources, List<Problem> out) {
        Map<String, Manifest> users = new HashMap<>();
        Map<String, ConfigMap> configMaps = new HashMap<>();
        Set<String> topics = new HashSet<>();
        for (Manifest m : resources) {
            if (m.kind().equals("KafkaUser")) {
                users.put(m.name(), m);
            } else if (m.model() instanceof ConfigMap cm) {
                configMaps.put(m.name(), cm);
            } else if (m.model() instanceof KafkaTopic t && t.getSpec() != null) {
                topics.add(t.getSpec().getTopicName() == null ? m.name() : t.getSpec().getTopicName());
            }
        }
        for (Manifest m : resources) {
            PodTemplateSpec t = WorkloadRules.template(m.model());
            if (t == null || t.getSpec() == null || t.getMetadata() == null
                    || !GATEWAY_APP.equals(t.getMetadata().getLabels().get("app.kubernetes.io/name"))) {
                continue;
            }
            for (int i = 0; i < t.getSpec().getContainers().size(); i++) {
                Container c = t.getSpec().getContainers().get(i);
                Map<String, String> env = environment(c, configMaps);
                if (!KafkaAccessRules.talksToKafka(c, configMaps) || "false".equalsIgnoreCase(env.get("GATEWAY_KAFKA_ENABLED"))) {
                    continue;
                }
                String where = build + " " + m.id() + " [" + m.where() + "]";
                for (String sink : SINKS) {
                    if (!topics.contains(sink)) {
                        out.add(new Problem(where, "spec.template.spec.containers[" + i + "]", "the gateway writes to sink '" + sink
                                + "', but no KafkaTopic of this build has that topicName: its records would have nowhere to go"));
                    }
                }
                Manifest user = users.get(KafkaAccessRules.jaasSecret(c));
                if (user != null) {
                    user(build, user, env.getOrDefault(APPLICATION_ID_ENV, DEFAULT_APPLICATION_ID), out);
                }
            }
        }
    }

    private static void user(String build, Manifest user, String applicationId, List<Problem> out) {
        String where = build + " " + user.id() + " [" + user.where() + "]";
        JsonNode acls = user.tree().path("spec").path("authorization").path("acls");
        for (Need need : needs(applicationId)) {
            Set<String> missing = new TreeSet<>(need.operations());
            missing.removeAll(granted(acls, need));
            if (!missing.isEmpty()) {
                out.add(new Problem(where, "spec.authorization.acls", "the gateway's Kafka Streams application needs " + missing
                        + " on " + need.type() + " " + (need.prefix() ? "names starting with '" : "'") + need.name() + "' ("
                        + need.why() + ")"));
            }
        }
    }

    private static List<Need> needs(String applicationId) {
        List<Need> needs = new java.util.ArrayList<>(List.of(
                new Need("topic", applicationId + "-", true, Set.of("Read", "Write", "Create", "Delete", "Describe", "DescribeConfigs"),
                        "its internal changelog and repartition topics, which Streams creates and purges itself"),
                new Need("group", applicationId, false, Set.of("Read"), "its consumer group, group.id = application.id"),
                new Need("transactionalId", applicationId + "-", true, Set.of("Write", "Describe"),
                        "the transactional producers of exactly_once_v2")));
        for (String sink : SINKS) {
            needs.add(new Need("topic", sink, false, Set.of("Write", "Describe"), "one of its sinks"));
        }
        return needs;
    }

    /** The operations the ACLs allow, and do not deny, on every resource the need names. */
    static Set<String> granted(JsonNode acls, Need need) {
        Set<String> allowed = new HashSet<>();
        Set<String> denied = new HashSet<>();
        for (JsonNode rule : acls) {
            JsonNode resource = rule.path("resource");
            if (!resource.path("type").asText("").equalsIgnoreCase(need.type()) || !covers(resource, need)) {
                continue;
            }
            boolean deny = rule.path("type").asText("allow").equals("deny");
            (deny ? denied : allowed).addAll(operations(rule, !deny));
        }
        allowed.removeAll(denied);
        return allowed;
    }

    /**
     * The operations a rule names, with Kafka's own implications: All means every operation; an allowed Read, Write,
     * Delete or Alter also allows Describe, and an allowed AlterConfigs DescribeConfigs (a denied one denies only itself).
     */
    private static Set<String> operations(JsonNode rule, boolean implied) {
        Set<String> ops = new HashSet<>();
        rule.path("operations").forEach(op -> ops.add(canonical(op.asText(""))));
        if (!rule.path("operation").asText("").isEmpty()) {
            ops.add(canonical(rule.path("operation").asText()));
        }
        if (ops.contains("All")) {
            ops.addAll(OPERATIONS);
        }
        if (!implied) {
            return ops;
        }
        if (ops.contains("Read") || ops.contains("Write") || ops.contains("Delete") || ops.contains("Alter")) {
            ops.add("Describe");
        }
        if (ops.contains("AlterConfigs")) {
            ops.add("DescribeConfigs");
        }
        return ops;
    }

    private static final List<String> OPERATIONS = List.of("All", "Read", "Write", "Create", "Delete", "Alter", "Describe",
            "DescribeConfigs", "AlterConfigs", "ClusterAction", "IdempotentWrite");

    /** Strimzi's spelling of an operation, whatever its case. */
    private static String canonical(String operation) {
        return OPERATIONS.stream().filter(op -> op.equalsIgnoreCase(operation)).findFirst().orElse(operation);
    }

    /** Whether the ACL's resource pattern matches every name the need stands for. */
    private static boolean covers(JsonNode resource, Need need) {
        String name = resource.path("name").asText("");
        boolean prefix = resource.path("patternType").asText("literal").equals("prefix");
        if (!prefix && name.equals("*")) {
            return true;
        }
        return prefix ? need.name().startsWith(name) : !need.prefix() && need.name().equals(name);
    }

    /** The container's environment as the pod sees it: ConfigMaps from envFrom (with their prefix), then literal env values. */
    static Map<String, String> environment(Container c, Map<String, ConfigMap> configMaps) {
        Map<String, String> env = new HashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            ConfigMap cm = from.getConfigMapRef() == null ? null : configMaps.get(from.getConfigMapRef().getName());
            if (cm != null && cm.getData() != null) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                cm.getData().forEach((k, v) -> env.put(prefix + k, v));
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValue() != null) {
                env.put(e.getName(), e.getValue());
            }
        }
        return env;
    }
}
