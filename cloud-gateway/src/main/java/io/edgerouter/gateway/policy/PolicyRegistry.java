package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest policy per key (fleet, or fleet/app) as published on {@code edge.routing.policies},
 * rebuilt from the compacted topic at start-up. Holds nothing the topic does not: the operator's
 * target share is read from the latest policy itself, because the learning loop carries it forward
 * next to the thresholds it calibrates, so it survives compaction and restarts.
 */
@ApplicationScoped
public class PolicyRegistry {

    /** {@code issued_by} of the policies the learning loop publishes. */
    public static final String LEARNING_LOOP = "learning-loop";

    private final Map<String, Policy> latest = new ConcurrentHashMap<>();

    /** Keeps the policy when it is newer than the one held for its key; returns whether it was kept. */
    public synchronized boolean offer(String key, Policy policy) {
        Policy current = latest.get(key);
        if (current != null && current.version() >= policy.version()) {
            return false;
        }
        latest.put(key, policy);
        return true;
    }

    public Optional<Policy> latest(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /**
     * The share of traffic the fleet's operator asked to send to the cloud, if the operator set one: the target of
     * the fleet's latest policy, whether the operator published it or the learning loop carried it forward.
     */
    public Optional<Policy.TargetShare> operatorTarget(String fleet) {
        return latest(fleet).flatMap(p -> p.routing().target());
    }
}
