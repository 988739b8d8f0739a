package io.edgerouter.gateway.policy;

import io.edgerouter.protocol.policy.Policy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest policy per key (fleet, or fleet/app) as published on {@code edge.routing.policies},
 * rebuilt from the compacted topic at start-up. Also remembers each fleet's operator target share:
 * the learning loop replaces it by calibrated thresholds in what it publishes, but keeps aiming at it.
 */
@ApplicationScoped
public class PolicyRegistry {

    /** {@code issued_by} of the policies the learning loop publishes. */
    public static final String LEARNING_LOOP = "learning-loop";

    private final Map<String, Policy> latest = new ConcurrentHashMap<>();
    private final Map<String, Policy.TargetShare> operatorTargets = new ConcurrentHashMap<>();

    /** Keeps the policy when it is newer than the one held for its key; returns whether it was kept. */
    public synchronized boolean offer(String key, Policy policy) {
        Policy current = latest.get(key);
        if (current != null && current.version() >= policy.version()) {
            return false;
        }
        latest.put(key, policy);
        if (!LEARNING_LOOP.equals(policy.issuedBy()) && key.equals(policy.fleet())) {
            policy.routing().target().ifPresentOrElse(t -> operatorTargets.put(key, t), () -> operatorTargets.remove(key));
        }
        return true;
    }

    public Optional<Policy> latest(String key) {
        return Optional.ofNullable(latest.get(key));
    }

    /** The share of traffic the fleet's operator asked to send to the cloud, if the operator set one. */
    public Optional<Policy.TargetShare> operatorTarget(String fleet) {
        return Optional.ofNullable(operatorTargets.get(fleet));
    }
}
