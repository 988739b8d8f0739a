package io.edgerouter.k8s.validate;

import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import java.util.List;
import java.util.Map;

/** A KRaft cluster with node pools for both roles, and the six topics of the system, correctly configured. */
final class StrimziRules {

    /**
     * Topic name → cleanup.policy it must have. The two compacted topics are read from the start by every consumer
     * (agents and gateway replicas) for the latest record per fleet; deleting old records would lose fleets.
     */
    private static final Map<String, String> TOPICS = Map.of(
            "edge.routing.policies", "compact",
            "edge.routing.fleet-stats", "compact",
            "edge.routing.policies.dlq", "delete",
            "edge.routing.decisions", "delete",
            "edge.routing.ratings", "delete",
            "edge.routing.telemetry.dlq", "delete");

    private StrimziRules() {
    }

    static void check(String build, List<Manifest> resources, List<Problem> out) {
        for (Manifest m : resources) {
            if (!(m.model() instanceof Kafka kafka)) {
                continue;
            }
            String where = build + " " + m.id() + " [" + m.where() + "]";
            for (String annotation : List.of("strimzi.io/kraft", "strimzi.io/node-pools")) {
                if (!"enabled".equals(kafka.getMetadata().getAnnotations().get(annotation))) {
                    out.add(new Problem(where, "metadata.annotations", annotation + " must be 'enabled'"));
                }
            }
            int brokers = 0;
            int controllers = 0;
            for (Manifest p : resources) {
                if (p.model() instanceof KafkaNodePool pool && m.name().equals(cluster(p)) && pool.getSpec() != null) {
                    List<ProcessRoles> roles = pool.getSpec().getRoles();
                    brokers += roles.contains(ProcessRoles.BROKER) ? pool.getSpec().getReplicas() : 0;
                    controllers += roles.contains(ProcessRoles.CONTROLLER) ? pool.getSpec().getReplicas() : 0;
                }
            }
            if (brokers == 0 || controllers == 0) {
                out.add(new Problem(where, "", "needs KafkaNodePools labelled strimzi.io/cluster=" + m.name()
                        + " with broker and controller replicas (found " + brokers + " brokers, " + controllers + " controllers)"));
            }
            topics(build, m.name(), brokers, resources, out);
        }
        for (Manifest m : resources) {
            if ((m.model() instanceof KafkaTopic || m.model() instanceof KafkaNodePool)
                    && resources.stream().noneMatch(k -> k.model() instanceof Kafka && k.name().equals(cluster(m)))) {
                out.add(new Problem(build + " " + m.id() + " [" + m.where() + "]", "metadata.labels",
                        "strimzi.io/cluster '" + cluster(m) + "' names no Kafka of this build"));
            }
        }
    }

    private static void topics(String build, String cluster, int brokers, List<Manifest> resources, List<Problem> out) {
        for (Map.Entry<String, String> wanted : TOPICS.entrySet()) {
            Manifest found = null;
            for (Manifest m : resources) {
                if (m.model() instanceof KafkaTopic t && cluster.equals(cluster(m)) && t.getSpec() != null
                        && wanted.getKey().equals(t.getSpec().getTopicName() == null ? m.name() : t.getSpec().getTopicName())) {
                    found = m;
                }
            }
            if (found == null) {
                out.add(new Problem(build, "", "no KafkaTopic for '" + wanted.getKey() + "' on cluster " + cluster));
                continue;
            }
            KafkaTopic topic = (KafkaTopic) found.model();
            String where = build + " " + found.id() + " [" + found.where() + "]";
            Object policy = topic.getSpec().getConfig().get("cleanup.policy");
            if (!wanted.getValue().equals(policy)) {
                out.add(new Problem(where, "spec.config.cleanup.policy", "must be " + wanted.getValue() + " for " + wanted.getKey()
                        + ", is " + policy));
            }
            Integer replicas = topic.getSpec().getReplicas();
            if (replicas == null || replicas > brokers) {
                out.add(new Problem(where, "spec.replicas", replicas + " must be set and at most the " + brokers + " brokers"));
            } else if (topic.getSpec().getConfig().get("min.insync.replicas") instanceof Number isr && isr.intValue() > replicas) {
                out.add(new Problem(where, "spec.config.min.insync.replicas", isr + " exceeds the " + replicas + " replicas"));
            }
        }
    }

    private static String cluster(Manifest m) {
        return m.tree().path("metadata").path("labels").path("strimzi.io/cluster").asText("");
    }
}
