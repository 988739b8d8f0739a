package io.edgerouter.k8s.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on Kafka. Every listener of a cluster authenticates and the cluster authorises; every workload that
 * talks to Kafka ({@code KAFKA_BOOTSTRAP_SERVERS} in its environment) logs in as a KafkaUser of the build, through the
 * Secret the User Operator keeps for it; and no user an edge agent runs as may write the policy topic, which is what
 * keeps a compromised device from steering the fleet.
 */
final class KafkaAccessRules {

    static final String POLICY_TOPIC = "edge.routing.policies";
    /** Operations that let a user put records on a topic. */
    private static final Set<String> WRITES = Set.of("write", "all");
    private static final String AGENT_APP = "edge-agent";

    private KafkaAccessRules() {
    }

    static void check(String build, List<Manifest> resources, List<Problem> out) {
        Map<String, Manifest> users = new HashMap<>();
        for (Manifest m : resources) {
            if (m.kind().equals("KafkaUser")) {
                users.put(m.name(), m);
            }
            if (m.kind().equals("Kafka")) {
                cluster(build, m, out);
            }
        }
        Map<String, ConfigMap> configMaps = new HashMap<>();
        resources.stream().filter(m -> m.model() instanceof ConfigMap).forEach(m -> configMaps.put(m.name(), (ConfigMap) m.model()));
        for (Manifest m : resources) {
            PodTemplateSpec t = WorkloadRules.template(m.model());
            if (t == null || t.getSpec() == null) {
                continue;
            }
            String where = build + " " + m.id() + " [" + m.where() + "]";
            boolean agent = AGENT_APP.equals(t.getMetadata() == null ? null : t.getMetadata().getLabels().get("app.kubernetes.io/name"));
            for (int i = 0; i < t.getSpec().getContainers().size(); i++) {
                Container c = t.getSpec().getContainers().get(i);
                if (!talksToKafka(c, configMaps)) {
                    continue;
                }
                String path = "spec.template.spec.containers[" + i + "].env";
                String user = jaasSecret(c);
                if (user == null) {
                    out.add(new Problem(where, path, "talks to Kafka (KAFKA_BOOTSTRAP_SERVERS) but takes no KAFKA_SASL_JAAS_CONFIG"
                            + " from a KafkaUser's Secret: every Kafka client needs a user of its own"));
                } else if (!users.containsKey(user)) {
                    out.add(new Problem(where, path, "KAFKA_SASL_JAAS_CONFIG comes from Secret '" + user
                            + "', which is no KafkaUser of this build"));
                } else if (agent) {
                    agentUser(build, users.get(user), out);
                }
            }
        }
    }

    private static void cluster(String build, Manifest kafka, List<Problem> out) {
        String where = build + " " + kafka.id() + " [" + kafka.where() + "]";
        JsonNode spec = kafka.tree().path("spec").path("kafka");
        JsonNode listeners = spec.path("listeners");
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i).path("authentication").path("type").asText("").isEmpty()) {
                out.add(new Problem(where, "spec.kafka.listeners[" + i + "].authentication", "missing: listener '"
                        + listeners.get(i).path("name").asText() + "' would let any pod that reaches it publish policies"));
            }
        }
        if (spec.path("authorization").path("type").asText("").isEmpty()) {
            out.add(new Problem(where, "spec.kafka.authorization", "missing: without it every user may do everything"));
        }
    }

    /** The agents' user may not write the policy topic: by name, by a prefix of it, or by the wildcard. */
    private static void agentUser(String build, Manifest user, List<Problem> out) {
        String where = build + " " + user.id() + " [" + user.where() + "]";
        JsonNode acls = user.tree().path("spec").path("authorization").path("acls");
        for (int i = 0; i < acls.size(); i++) {
            JsonNode rule = acls.get(i);
            JsonNode resource = rule.path("resource");
            if (!resource.path("type").asText("").equals("topic") || rule.path("type").asText("allow").equals("deny")) {
                continue;
            }
            String name = resource.path("name").asText("");
            boolean prefix = resource.path("patternType").asText("literal").equals("prefix");
            boolean covers = name.equals("*") || (prefix ? POLICY_TOPIC.startsWith(name) : POLICY_TOPIC.equals(name));
            boolean writes = false;
            for (JsonNode op : rule.path("operations")) {
                writes |= WRITES.contains(op.asText("").toLowerCase(java.util.Locale.ROOT));
            }
            writes |= WRITES.contains(rule.path("operation").asText("").toLowerCase(java.util.Locale.ROOT));
            if (covers && writes) {
                out.add(new Problem(where, "spec.authorization.acls[" + i + "]", "edge agents run as this user, and it may write "
                        + POLICY_TOPIC + ": one compromised device could then publish a policy to the whole fleet"));
            }
        }
    }

    static boolean talksToKafka(Container c, Map<String, ConfigMap> configMaps) {
        if (c.getEnv().stream().anyMatch(e -> e.getName().equals("KAFKA_BOOTSTRAP_SERVERS"))) {
            return true;
        }
        return c.getEnvFrom().stream().filter(e -> e.getConfigMapRef() != null)
                .map(e -> configMaps.get(e.getConfigMapRef().getName()))
                .anyMatch(cm -> cm != null && cm.getData() != null && cm.getData().containsKey("KAFKA_BOOTSTRAP_SERVERS"));
    }

    /** The Secret whose key gives KAFKA_SASL_JAAS_CONFIG, or null. */
    static String jaasSecret(Container c) {
        for (EnvVar e : c.getEnv()) {
            if (e.getName().equals("KAFKA_SASL_JAAS_CONFIG") && e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                return e.getValueFrom().getSecretKeyRef().getName();
            }
        }
        return null;
    }
}
