package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.protocol.policy.PrivacyAction;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.decision.Reasons;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.policy.AppOverride;
import io.edgerouter.router.policy.Budget;
import io.edgerouter.router.policy.Escalation;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.policy.ThresholdSpec;
import io.edgerouter.router.policy.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterDecisionRulesTest {

    private static final RoutingPolicy POLICY = new RoutingPolicy("p-7",
            new ThresholdSpec.Fixed(new Thresholds(0.40, 0.62)), Budget.UNLIMITED,
            Map.of("PERSON", PrivacyAction.MASK, "US_SSN", PrivacyAction.BLOCK_OFFLOAD), PrivacyAction.ALLOW,
            Map.of("notes", new AppOverride(Route.LOCAL, null),
                    "strict", new AppOverride(null, new ThresholdSpec.Fixed(Thresholds.single(0.9)))),
            null, Escalation.atEntropy(2.0), null);

    private static Router router(double score) {
        return new Router(FixedScorer.constant(score), null,
                new OnlineCalibrator(new ScoreQuantiles(new double[] {0.1, 0.5, 0.9})), SignalAdjustment.DEFAULT);
    }

    private static RouteRequest request(String app, Set<String> pii, Route forced) {
        return new RouteRequest(app, List.of(new ChatMessage("user", "Prove that there are infinitely many primes.")),
                pii, forced, 128, null);
    }

    @Test
    void highScoreOffloadsWithTheThresholdAsReason() {
        Decision d = router(0.8).decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.route()).isEqualTo(Route.OFFLOAD);
        assertThat(d.reasons()).containsExactly("score>=0.62");
        assertThat(d.score()).isEqualTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(d.policyVersion()).isEqualTo("p-7");
        assertThat(d.routerModelVersion()).isEqualTo("fixed-test+calib-0");
        assertThat(d.estimates()).extracting(e -> e.route()).containsExactly(Route.LOCAL, Route.VERIFY, Route.OFFLOAD);
        assertThat(d.chosenEstimate().costUsd()).isPositive();
        assertThat(d.escalationEntropy()).isNaN();
    }

    @Test
    void scoreInTheBandVerifiesAndLowScoreStaysLocalWithEscalationArmed() {
        Decision verify = router(0.5).decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(verify.route()).isEqualTo(Route.VERIFY);
        assertThat(verify.reasons()).containsExactly("score>=0.40", "verify_band:[0.40,0.62)");
        Decision local = router(0.1).decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(local.route()).isEqualTo(Route.LOCAL);
        assertThat(local.reasons()).containsExactly("score<0.40");
        assertThat(local.escalationEntropy()).isEqualTo(2.0);
        assertThat(local.chosenEstimate().costUsd()).isZero();
    }

    @Test
    void piiWithBlockOffloadKeepsEvenAForcedCloudRequestLocal() {
        Decision d = router(0.99).decide(request(null, Set.of("PERSON", "US_SSN"), Route.OFFLOAD),
                DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).containsExactly(Reasons.PII_BLOCK_OFFLOAD);
        assertThat(d.escalationEntropy()).as("no escalation to a cloud the prompt may not reach").isNaN();
    }

    @Test
    void piiWithMaskStillOffloadsButSaysSo() {
        Decision d = router(0.99).decide(request(null, Set.of("PERSON"), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.route()).isEqualTo(Route.OFFLOAD);
        assertThat(d.reasons()).contains(Reasons.PII_MASK);
    }

    @Test
    void unreachableCloudMeansLocalWhateverTheScore() {
        Decision d = router(0.99).decide(request(null, Set.of(), null), new DeviceState(false, 0, 0), POLICY);
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).containsExactly(Reasons.CLOUD_UNREACHABLE);
    }

    @Test
    void exhaustedMoneyBudgetStepsDownToLocal() {
        RoutingPolicy capped = POLICY.withBudget(new Budget(Long.MAX_VALUE, 5.0));
        Decision d = router(0.99).decide(request(null, Set.of(), null), new DeviceState(true, 0, 5.0), capped);
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).containsExactly("score>=0.62", Reasons.BUDGET_EXHAUSTED);
    }

    @Test
    void exhaustedDailyTokenBudgetKeepsRequestsLocalWhileTheHourlyOneWouldAllowThem() {
        RoutingPolicy capped = POLICY.withBudget(new Budget(100_000, 10_000, Double.POSITIVE_INFINITY));
        Decision spent = router(0.99).decide(request(null, Set.of(), null), new DeviceState(true, 500, 9_950, 0), capped);
        assertThat(spent.route()).isEqualTo(Route.LOCAL);
        assertThat(spent.reasons()).contains(Reasons.BUDGET_EXHAUSTED);
        Decision fresh = router(0.99).decide(request(null, Set.of(), null), new DeviceState(true, 500, 500, 0), capped);
        assertThat(fresh.route()).isEqualTo(Route.OFFLOAD);
    }

    @Test
    void tokenBudgetTooSmallForOffloadButEnoughForVerifyStepsDownToVerify() {
        // prompt ≈ 11 tokens + 128 answer tokens = 139 cloud tokens for either cloud route, so make OFFLOAD's
        // money cost the binding limit: OFFLOAD ≈ $0.0039, VERIFY ≈ $0.0004
        RoutingPolicy capped = POLICY.withBudget(new Budget(Long.MAX_VALUE, 0.002));
        Decision d = router(0.99).decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, capped);
        assertThat(d.route()).isEqualTo(Route.VERIFY);
        assertThat(d.reasons()).contains(Reasons.BUDGET_EXHAUSTED);
    }

    @Test
    void aCloudBudgetBuysTheOffloadShareItCanPayFor() {
        // default prices: a typical offload (200 prompt + 256 answer tokens) costs $0.00968; $9.68/day over 10,000
        // requests/day pays for 10 % of them; the shipped reference here has scores 0.00 … 0.99
        double[] ref = new double[100];
        for (int i = 0; i < ref.length; i++) ref[i] = i / 100.0;
        Router r = new Router(FixedScorer.constant(0.95), null, new OnlineCalibrator(new ScoreQuantiles(ref)), null);
        RoutingPolicy budgeted = POLICY.withThresholds(new ThresholdSpec.CloudBudget(9.68, 10_000, 0.2));
        Decision top = r.decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, budgeted);
        assertThat(top.route()).isEqualTo(Route.OFFLOAD);
        assertThat(top.reasons()).containsExactly("score>=0.90");
        Router mid = new Router(FixedScorer.constant(0.75), null, new OnlineCalibrator(new ScoreQuantiles(ref)), null);
        Decision band = mid.decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH, budgeted);
        assertThat(band.route()).isEqualTo(Route.VERIFY);
        assertThat(band.reasons()).contains("verify_band:[0.70,0.90)");
    }

    @Test
    void forcedRoutesFollowRequestThenAppThenPolicy() {
        Decision byRequest = router(0.0).decide(request("notes", Set.of(), Route.OFFLOAD), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(byRequest.route()).isEqualTo(Route.OFFLOAD);
        assertThat(byRequest.reasons()).containsExactly(Reasons.FORCED_BY_REQUEST);
        Decision byApp = router(0.99).decide(request("notes", Set.of(), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(byApp.route()).isEqualTo(Route.LOCAL);
        assertThat(byApp.reasons()).containsExactly(Reasons.FORCED_BY_APP);
        Decision byPolicy = router(0.0).decide(request(null, Set.of(), null), DeviceState.ONLINE_FRESH,
                POLICY.withForcedRoute(Route.VERIFY));
        assertThat(byPolicy.route()).isEqualTo(Route.VERIFY);
        assertThat(byPolicy.reasons()).containsExactly(Reasons.FORCED_BY_POLICY);
    }

    @Test
    void appThresholdOverrideReplacesTheFleetThresholds() {
        Decision d = router(0.8).decide(request("strict", Set.of(), null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.route()).isEqualTo(Route.LOCAL);
        assertThat(d.reasons()).containsExactly(Reasons.APP_OVERRIDE, "score<0.90");
    }

    @Test
    void multiPartRequestIsRoutedPerSubtask() {
        Router r = new Router(new FixedScorer(t -> t.contains("integral") ? 0.9 : 0.1), null,
                new OnlineCalibrator(new ScoreQuantiles(new double[] {0.5})), SignalAdjustment.DEFAULT);
        RouteRequest req = new RouteRequest(null, List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Please:\n1. Say hello in French.\n2. Evaluate the integral of x^2 sin x.")),
                Set.of(), null, 200, null);
        Decision d = r.decide(req, DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.subtasks()).hasSize(2);
        assertThat(d.subtasks().get(0).route()).isEqualTo(Route.LOCAL);
        assertThat(d.subtasks().get(1).route()).isEqualTo(Route.OFFLOAD);
        assertThat(d.reasons()).contains("decomposed:2");
    }
}
