package io.edgerouter.router.policy;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PrivacyAction;
import io.edgerouter.protocol.policy.Route;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the router needs from an operator policy. The edge agent builds it from the fleet policy it consumes from
 * Kafka with {@link #from(Policy, Optional)}; tests and embedders may build it directly.
 *
 * @param version        policy version, echoed in every decision
 * @param thresholds     fixed cut-offs or target shares
 * @param budget         cloud spending limits
 * @param privacy        action per PII entity type (Presidio names, e.g. PERSON, EMAIL_ADDRESS); types not
 *                       listed use {@code defaultPrivacy}
 * @param defaultPrivacy action for entity types the map does not list
 * @param apps           per-app overrides, keyed by app id
 * @param forcedRoute    route for every request of the fleet, or null
 * @param escalation     when a LOCAL generation moves to VERIFY ({@link Escalation#OFF} never)
 * @param costs          prices and speeds for the cost/latency/energy estimates
 * @param splitSubtasks  whether multi-part requests are split and each part routed on its own
 * @param defaultAppId   app whose override applies to requests that name no app, or null
 */
public record RoutingPolicy(String version, ThresholdSpec thresholds, Budget budget, Map<String, PrivacyAction> privacy,
                            PrivacyAction defaultPrivacy, Map<String, AppOverride> apps, Route forcedRoute,
                            Escalation escalation, CostRates costs, boolean splitSubtasks, String defaultAppId) {

    public RoutingPolicy {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(thresholds, "thresholds");
        budget = budget == null ? Budget.UNLIMITED : budget;
        privacy = privacy == null ? Map.of() : Map.copyOf(privacy);
        defaultPrivacy = defaultPrivacy == null ? PrivacyAction.MASK : defaultPrivacy;
        apps = apps == null ? Map.of() : Map.copyOf(apps);
        escalation = escalation == null ? Escalation.OFF : escalation;
        costs = costs == null ? CostRates.DEFAULT : costs;
    }

    /** A fleet policy without app default, subtask splitting on. */
    public RoutingPolicy(String version, ThresholdSpec thresholds, Budget budget, Map<String, PrivacyAction> privacy,
                         PrivacyAction defaultPrivacy, Map<String, AppOverride> apps, Route forcedRoute,
                         Escalation escalation, CostRates costs) {
        this(version, thresholds, budget, privacy, defaultPrivacy, apps, forcedRoute, escalation, costs, true, null);
    }

    /**
     * The router's view of a validated fleet policy (see {@link ProtocolPolicies} for the field mapping).
     *
     * @param appId the app this agent serves, if any: its override then also applies to requests naming no app
     */
    public static RoutingPolicy from(Policy policy, Optional<String> appId) {
        return ProtocolPolicies.toRoutingPolicy(policy, appId);
    }

    /** A policy sending {@code offloadShare} of traffic to OFFLOAD and {@code verifyShare} to VERIFY. */
    public static RoutingPolicy targetShare(String version, double offloadShare, double verifyShare) {
        return new RoutingPolicy(version, new ThresholdSpec.TargetShare(offloadShare, verifyShare), null, null, null,
                null, null, Escalation.atEntropy(2.5), null);
    }

    public PrivacyAction privacyActionFor(String entityType) {
        return privacy.getOrDefault(entityType, defaultPrivacy);
    }

    /** The override for a request's app (or the default app when it names none), or null. */
    public AppOverride appFor(String requestAppId) {
        String id = requestAppId != null ? requestAppId : defaultAppId;
        return id == null ? null : apps.get(id);
    }

    public RoutingPolicy withThresholds(ThresholdSpec spec) {
        return new RoutingPolicy(version, spec, budget, privacy, defaultPrivacy, apps, forcedRoute, escalation, costs,
                splitSubtasks, defaultAppId);
    }

    public RoutingPolicy withBudget(Budget b) {
        return new RoutingPolicy(version, thresholds, b, privacy, defaultPrivacy, apps, forcedRoute, escalation, costs,
                splitSubtasks, defaultAppId);
    }

    public RoutingPolicy withPrivacy(Map<String, PrivacyAction> p) {
        return new RoutingPolicy(version, thresholds, budget, p, defaultPrivacy, apps, forcedRoute, escalation, costs,
                splitSubtasks, defaultAppId);
    }

    public RoutingPolicy withApps(Map<String, AppOverride> a) {
        return new RoutingPolicy(version, thresholds, budget, privacy, defaultPrivacy, a, forcedRoute, escalation, costs,
                splitSubtasks, defaultAppId);
    }

    public RoutingPolicy withForcedRoute(Route r) {
        return new RoutingPolicy(version, thresholds, budget, privacy, defaultPrivacy, apps, r, escalation, costs,
                splitSubtasks, defaultAppId);
    }

    public RoutingPolicy withSplitSubtasks(boolean split) {
        return new RoutingPolicy(version, thresholds, budget, privacy, defaultPrivacy, apps, forcedRoute, escalation,
                costs, split, defaultAppId);
    }
}
