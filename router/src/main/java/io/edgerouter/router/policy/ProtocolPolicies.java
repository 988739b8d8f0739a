package io.edgerouter.router.policy;

import io.edgerouter.protocol.policy.Policy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the fleet {@link Policy} (protocol module, validated by its codec) onto {@link RoutingPolicy}:
 * <ul>
 *   <li>version → {@code "<fleet>@<version>"}; {@code routing.thresholds} (offload, verify) → {@link Thresholds}
 *       (verifyAt, offloadAt); {@code routing.target} alone → {@link ThresholdSpec.TargetShare}; with both, the
 *       thresholds (the learning loop's calibration toward that target) are what the router uses;</li>
 *   <li>{@code routing.escalation} → {@link Escalation} (disabled → OFF); {@code routing.split_subtasks} as is;</li>
 *   <li>{@code budget}: unset limits → unlimited; {@code usd_per_million_tokens} > 0 prices every cloud token
 *       (input, output, verified) in the cost model, 0 keeps {@link CostRates#DEFAULT};</li>
 *   <li>{@code privacy.default} and {@code privacy.entities} as is (custom recognizers are the privacy filter's);</li>
 *   <li>{@code apps}: forced route, thresholds (fixed) and {@code cloud_allowed} per app.</li>
 * </ul>
 * {@code verify} (draft lengths) and {@code router_model_version} are for the engine and the agent, not the router.
 */
final class ProtocolPolicies {

    private ProtocolPolicies() {
    }

    static RoutingPolicy toRoutingPolicy(Policy p, Optional<String> appId) {
        java.util.Objects.requireNonNull(p, "policy");
        java.util.Objects.requireNonNull(appId, "appId (use Optional.empty())");
        Policy.Routing routing = p.routing();
        ThresholdSpec spec = routing.thresholds().<ThresholdSpec>map(t -> new ThresholdSpec.Fixed(thresholds(t)))
                .orElseGet(() -> {
                    Policy.TargetShare t = routing.target().orElseThrow();
                    return new ThresholdSpec.TargetShare(t.offloadShare(), t.verifyShare());
                });
        Policy.Escalation e = routing.escalation();
        Escalation escalation = e.enabled() ? new Escalation(e.entropyThreshold(), e.windowTokens()) : Escalation.OFF;
        Policy.Budget b = p.budget();
        Budget budget = new Budget(b.cloudTokensPerHour().orElse(Long.MAX_VALUE),
                b.cloudTokensPerDay().orElse(Long.MAX_VALUE), b.usdPerDay().orElse(Double.POSITIVE_INFINITY));
        Map<String, AppOverride> apps = new LinkedHashMap<>();
        p.apps().forEach((id, o) -> apps.put(id, new AppOverride(o.forcedRoute().orElse(null),
                o.thresholds().map(t -> (ThresholdSpec) new ThresholdSpec.Fixed(thresholds(t))).orElse(null),
                o.cloudAllowed())));
        return new RoutingPolicy(p.fleet() + "@" + p.version(), spec, budget, p.privacy().entities(),
                p.privacy().defaultAction(), apps, null, escalation, costs(b.usdPerMillionTokens()),
                routing.splitSubtasks(), appId.orElse(null));
    }

    private static Thresholds thresholds(Policy.Thresholds t) {
        return new Thresholds(t.verify(), t.offload());
    }

    private static CostRates costs(double usdPerMillionTokens) {
        if (!(usdPerMillionTokens > 0)) {
            return CostRates.DEFAULT;
        }
        double perToken = usdPerMillionTokens / 1e6;
        CostRates d = CostRates.DEFAULT;
        return new CostRates(perToken, perToken, perToken, d.localTokensPerSecond(), d.localPrefillTokensPerSecond(),
                d.cloudTokensPerSecond(), d.networkRttMs(), d.draftTokensPerRound(), d.localJoulesPerToken(),
                d.radioJoulesPerRequest());
    }
}
