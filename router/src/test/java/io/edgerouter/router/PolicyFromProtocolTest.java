package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.protocol.policy.Policy;
import io.edgerouter.protocol.policy.PolicyCodec;
import io.edgerouter.protocol.policy.PrivacyAction;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.Reasons;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.policy.Budget;
import io.edgerouter.router.policy.Escalation;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.policy.ThresholdSpec;
import io.edgerouter.router.policy.Thresholds;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fleet policy as the edge agent consumes it from Kafka, parsed by the protocol codec, fed to the router. */
class PolicyFromProtocolTest {

    private static final String FLEET_POLICY = """
            {"version": 7, "fleet": "factory-eu", "router_model_version": "router-1",
             "routing": {"thresholds": {"offload": 0.7, "verify": 0.4},
                         "escalation": {"enabled": true, "entropy_threshold": 2.5, "window_tokens": 6},
                         "split_subtasks": false},
             "budget": {"cloud_tokens_per_hour": 50000, "cloud_tokens_per_day": 400000, "usd_per_day": 12.5,
                        "usd_per_million_tokens": 10},
             "privacy": {"default": "allow", "entities": {"US_SSN": "block_offload", "PERSON": "mask"}},
             "apps": {"notes": {"forced_route": "LOCAL"},
                      "kiosk": {"cloud_allowed": false},
                      "assistant": {"thresholds": {"offload": 0.95, "verify": 0.9}}}}
            """;

    private static Policy parse(String json) {
        return PolicyCodec.schemaOnly().parse(json);
    }

    private static Decision decide(RoutingPolicy policy, double score, String app, Set<String> pii) {
        Router router = new Router(FixedScorer.constant(score), null,
                new OnlineCalibrator(new ScoreQuantiles(new double[] {0.1, 0.5, 0.9})), SignalAdjustment.DEFAULT);
        RouteRequest request = new RouteRequest(app, List.of(new ChatMessage("user",
                "1. Translate 'good morning' to German.\n2. Prove that sqrt(2) is irrational.")), pii, null, 64, null);
        return router.decide(request, DeviceState.ONLINE_FRESH, policy);
    }

    @Test
    void mapsEveryFieldTheRouterUses() {
        RoutingPolicy p = RoutingPolicy.from(parse(FLEET_POLICY), Optional.empty());
        assertThat(p.version()).isEqualTo("factory-eu@7");
        assertThat(p.thresholds()).isEqualTo(new ThresholdSpec.Fixed(new Thresholds(0.4, 0.7)));
        assertThat(p.escalation()).isEqualTo(new Escalation(2.5, 6));
        assertThat(p.splitSubtasks()).isFalse();
        assertThat(p.budget()).isEqualTo(new Budget(50000, 400000, 12.5));
        assertThat(p.costs().usdPerCloudInputToken()).isEqualTo(10e-6);
        assertThat(p.privacyActionFor("US_SSN")).isEqualTo(PrivacyAction.BLOCK_OFFLOAD);
        assertThat(p.privacyActionFor("EMAIL_ADDRESS")).isEqualTo(PrivacyAction.ALLOW);
        assertThat(p.apps()).containsOnlyKeys("notes", "kiosk", "assistant");
        assertThat(p.apps().get("notes").forcedRoute()).isEqualTo(Route.LOCAL);
        assertThat(p.apps().get("kiosk").cloudAllowed()).isFalse();
        assertThat(p.appFor(null)).isNull();
    }

    @Test
    void decisionsFollowTheFleetPolicy() {
        RoutingPolicy p = RoutingPolicy.from(parse(FLEET_POLICY), Optional.empty());
        Decision offload = decide(p, 0.8, null, Set.of());
        assertThat(offload.route()).isEqualTo(Route.OFFLOAD);
        assertThat(offload.policyVersion()).isEqualTo("factory-eu@7");
        assertThat(offload.subtasks()).as("split_subtasks: false keeps a numbered list whole").hasSize(1);
        Decision local = decide(p, 0.1, null, Set.of());
        assertThat(local.route()).isEqualTo(Route.LOCAL);
        assertThat(local.escalationEntropy()).isEqualTo(2.5);
        assertThat(local.escalationWindow()).isEqualTo(6);
        assertThat(decide(p, 0.99, null, Set.of("US_SSN")).reasons()).containsExactly(Reasons.PII_BLOCK_OFFLOAD);
        assertThat(decide(p, 0.99, "notes", Set.of()).reasons()).containsExactly(Reasons.FORCED_BY_APP);
        Decision kiosk = decide(p, 0.99, "kiosk", Set.of());
        assertThat(kiosk.route()).isEqualTo(Route.LOCAL);
        assertThat(kiosk.reasons()).containsExactly(Reasons.APP_CLOUD_DISALLOWED);
        assertThat(kiosk.escalationEntropy()).as("no escalation for an app barred from the cloud").isNaN();
        assertThat(decide(p, 0.8, "assistant", Set.of()).route()).isEqualTo(Route.LOCAL);
    }

    @Test
    void anAppIdMakesThatAppsOverrideTheDefault() {
        RoutingPolicy p = RoutingPolicy.from(parse(FLEET_POLICY), Optional.of("assistant"));
        assertThat(p.defaultAppId()).isEqualTo("assistant");
        Decision d = decide(p, 0.8, null, Set.of());
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).containsExactly(Reasons.APP_OVERRIDE, "score<0.90");
        assertThat(decide(p, 0.8, "other-app", Set.of()).route()).as("a request naming another app").isEqualTo(Route.OFFLOAD);
    }

    @Test
    void targetSharesUnsetBudgetsAndDisabledEscalationMapToTheirRouterMeaning() {
        RoutingPolicy p = RoutingPolicy.from(parse("""
                {"version": 1, "fleet": "cars", "routing": {"target": {"offload_share": 0.2, "verify_share": 0.1},
                 "escalation": {"enabled": false}}}"""), Optional.empty());
        assertThat(p.thresholds()).isEqualTo(new ThresholdSpec.TargetShare(0.2, 0.1));
        assertThat(p.budget()).isEqualTo(Budget.UNLIMITED);
        assertThat(p.escalation().enabled()).isFalse();
        assertThat(p.splitSubtasks()).isTrue();
        assertThat(p.defaultPrivacy()).isEqualTo(PrivacyAction.MASK);
        assertThat(decide(p, 0.05, null, Set.of()).escalationEntropy()).isNaN();
    }

    @Test
    void aPolicyWithThresholdsAndTargetRoutesByTheThresholds() {
        // the learning loop's policy: thresholds calibrated toward the target, the operator's target carried along
        RoutingPolicy p = RoutingPolicy.from(parse("""
                {"version": 9, "fleet": "cars", "issued_by": "learning-loop",
                 "routing": {"thresholds": {"offload": 0.7, "verify": 0.4},
                             "target": {"offload_share": 0.9, "verify_share": 0.05}}}"""), Optional.empty());
        assertThat(p.thresholds()).isEqualTo(new ThresholdSpec.Fixed(new Thresholds(0.4, 0.7)));
        // a 90 % offload target would send 0.3 to the cloud on these quantiles; the thresholds keep it LOCAL
        Decision d = decide(p, 0.3, null, Set.of());
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).startsWith("score<0.40");
    }

    @Test
    void rejectsAMissingPolicyOrAppArgument() {
        assertThatThrownBy(() -> RoutingPolicy.from(null, Optional.empty())).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("policy");
        Policy p = parse(FLEET_POLICY);
        assertThatThrownBy(() -> RoutingPolicy.from(p, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("appId");
    }
}
