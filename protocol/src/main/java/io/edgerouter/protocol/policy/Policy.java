package io.edgerouter.protocol.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A fleet's routing policy, as published (versioned) on the compacted topic
 * {@code edge.routing.policies} with the fleet as key. Parse and validate with {@link PolicyCodec}.
 *
 * @param version            increases with every change; an agent never applies an older version than it has
 * @param fleet              the fleet the policy is for
 * @param routerModelVersion router model the thresholds were calibrated for; empty means any
 * @param issuedBy           who produced it, e.g. {@code operator} or {@code learning-loop}
 */
public record Policy(
        long version,
        String fleet,
        Optional<String> routerModelVersion,
        String issuedBy,
        Routing routing,
        Verify verify,
        Budget budget,
        Privacy privacy,
        Map<String, AppOverride> apps) {

    public Policy {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(routerModelVersion, "routerModelVersion");
        Objects.requireNonNull(issuedBy, "issuedBy");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(privacy, "privacy");
        apps = Map.copyOf(apps);
    }

    /**
     * How scores become routes. At least one of {@code thresholds} and {@code target} is set. With both, agents route
     * by the thresholds and the target records what the operator asked for: the learning loop publishes thresholds
     * calibrated to reach the target and carries the target forward, so it survives compaction and restarts.
     *
     * @param thresholds fixed score thresholds; when set, they are what agents route by
     * @param target     shares of traffic to send to the cloud; alone, agents calibrate thresholds from it (quantiles)
     * @param escalation moving a LOCAL generation to VERIFY mid-stream when the local model grows uncertain
     * @param splitSubtasks route each subtask of a multi-part request on its own
     */
    public record Routing(Optional<Thresholds> thresholds, Optional<TargetShare> target,
                          Escalation escalation, boolean splitSubtasks) {
        public Routing {
            Objects.requireNonNull(thresholds, "thresholds");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(escalation, "escalation");
            if (thresholds.isEmpty() && target.isEmpty()) {
                throw new IllegalArgumentException("at least one of thresholds and target must be set");
            }
        }
    }

    /** score ≥ offload → OFFLOAD; verify ≤ score &lt; offload → VERIFY; below → LOCAL. */
    public record Thresholds(double offload, double verify) {
        public Thresholds {
            if (!(verify >= 0 && verify <= offload && offload <= 1)) {
                throw new IllegalArgumentException("need 0 <= verify <= offload <= 1, got verify=" + verify + " offload=" + offload);
            }
        }
    }

    /** Target shares of requests routed OFFLOAD and VERIFY; their sum is at most 1. */
    public record TargetShare(double offloadShare, double verifyShare) {
        public TargetShare {
            if (!(offloadShare >= 0 && verifyShare >= 0 && offloadShare + verifyShare <= 1)) {
                throw new IllegalArgumentException("need shares >= 0 with sum <= 1, got offload=" + offloadShare + " verify=" + verifyShare);
            }
        }
    }

    /**
     * @param enabled           whether LOCAL generations may escalate to VERIFY
     * @param entropyThreshold  mean next-token entropy (nats) over the window above which to escalate
     * @param windowTokens      tokens the running mean is taken over
     */
    public record Escalation(boolean enabled, double entropyThreshold, int windowTokens) {
        public static final Escalation OFF = new Escalation(false, 3.0, 8);
    }

    /** Draft length bounds for speculative decoding and VERIFY rounds; one-shot sends the whole draft and lets the cloud finish. */
    public record Verify(int minDraftTokens, int maxDraftTokens, boolean oneShot) {
        public Verify {
            if (minDraftTokens < 1 || maxDraftTokens < minDraftTokens || maxDraftTokens > 64) {
                throw new IllegalArgumentException("need 1 <= min_draft_tokens <= max_draft_tokens <= 64");
            }
        }
    }

    /** Cloud spending limits; an unset limit does not apply. When one is exhausted, requests stay LOCAL. */
    public record Budget(OptionalLong cloudTokensPerHour, OptionalLong cloudTokensPerDay, OptionalDouble usdPerDay,
                         double usdPerMillionTokens) {
        public static final Budget UNLIMITED = new Budget(OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), 0.0);
    }

    /**
     * @param defaultAction      action for entity types not listed
     * @param entities           action per entity type (Presidio names, e.g. {@code US_SSN})
     * @param customRecognizers  extra recognizers compiled on the device
     * @param maskThreshold      analyzer score from which an entity is masked (or blocked) before leaving the device
     * @param blockThreshold     score from which a {@code block_offload} entity keeps the request on the device; kept
     *                           low so that a weak match supported by context (a bare nine-digit number after "SSN")
     *                           blocks even where it is below the mask threshold
     */
    public record Privacy(PrivacyAction defaultAction, Map<String, PrivacyAction> entities,
                          List<CustomRecognizer> customRecognizers, double maskThreshold, double blockThreshold) {
        /** Score from which an entity is masked when the policy does not say. */
        public static final double DEFAULT_MASK_THRESHOLD = 0.4;
        /**
         * Score from which a {@code block_offload} entity blocks when the policy does not say: above the very weak
         * pattern scores (0.01-0.1, e.g. any nine digits as a US_SSN) and below every context-raised score (0.4).
         */
        public static final double DEFAULT_BLOCK_THRESHOLD = 0.3;

        public Privacy {
            Objects.requireNonNull(defaultAction, "defaultAction");
            entities = Map.copyOf(entities);
            customRecognizers = List.copyOf(customRecognizers);
            if (!(maskThreshold >= 0 && maskThreshold <= 1) || !(blockThreshold >= 0 && blockThreshold <= 1)) {
                throw new IllegalArgumentException("thresholds must be in [0, 1]: mask " + maskThreshold
                        + ", block " + blockThreshold);
            }
        }

        public Privacy(PrivacyAction defaultAction, Map<String, PrivacyAction> entities,
                       List<CustomRecognizer> customRecognizers) {
            this(defaultAction, entities, customRecognizers, DEFAULT_MASK_THRESHOLD, DEFAULT_BLOCK_THRESHOLD);
        }

        /** The lower of the two thresholds: what the analyzer must report for either decision. */
        public double analysisThreshold() {
            return Math.min(maskThreshold, blockThreshold);
        }

        public PrivacyAction actionFor(String entityType) {
            return entities.getOrDefault(entityType, defaultAction);
        }
    }

    /** A regex recognizer from policy; the device compiles it with a linear-time engine. */
    public record CustomRecognizer(String name, String entityType, String regex, List<String> context, double score) {
        public CustomRecognizer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(entityType, "entityType");
            Objects.requireNonNull(regex, "regex");
            context = List.copyOf(context);
        }
    }

    /**
     * Per-app deviations from the fleet policy; unset fields inherit.
     *
     * @param forcedRoute   always this route (privacy rules still apply)
     * @param thresholds    app-specific thresholds
     * @param cloudAllowed  false keeps every request of the app on the device
     */
    public record AppOverride(Optional<Route> forcedRoute, Optional<Thresholds> thresholds, boolean cloudAllowed) {
        public AppOverride {
            Objects.requireNonNull(forcedRoute, "forcedRoute");
            Objects.requireNonNull(thresholds, "thresholds");
        }
    }
}
