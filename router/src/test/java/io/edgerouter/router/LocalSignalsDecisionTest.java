package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.protocol.policy.PrivacyAction;
import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.feature.LocalModelSignals;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.policy.Budget;
import io.edgerouter.router.policy.Escalation;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.policy.ThresholdSpec;
import io.edgerouter.router.policy.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The prefill's signals reach the decision: the score moves, the route can move, the reason says by what. */
class LocalSignalsDecisionTest {

    private static final RoutingPolicy POLICY = new RoutingPolicy("p-1",
            new ThresholdSpec.Fixed(new Thresholds(0.40, 0.62)), Budget.UNLIMITED, Map.of(), PrivacyAction.ALLOW,
            Map.of(), null, Escalation.atEntropy(2.0), null);

    private static final SignalAdjustment PRIOR = SignalAdjustment.DEFAULT;

    private static Router router(double score) {
        return new Router(FixedScorer.constant(score), null,
                new OnlineCalibrator(new ScoreQuantiles(new double[] {0.1, 0.5, 0.9})), PRIOR);
    }

    private static RouteRequest request(LocalModelSignals signals) {
        return new RouteRequest(null, List.of(new ChatMessage("user", "Summarise the meeting notes.")), Set.of(), null,
                64, signals);
    }

    @Test
    void aSurprisedUnsureLocalModelRaisesTheScoreAndACalmOneLowersIt() {
        double base = 0.3;
        double surprised = PRIOR.apply(base, LocalModelSignals.fromPrefill(5.0, Double.NaN));
        double familiar = PRIOR.apply(base, LocalModelSignals.fromPrefill(1.0, Double.NaN));
        double unsure = PRIOR.apply(base, LocalModelSignals.fromPrefill(Double.NaN, 2.5));
        double sure = PRIOR.apply(base, LocalModelSignals.fromPrefill(Double.NaN, 0.1));
        assertThat(surprised).isGreaterThan(base);
        assertThat(familiar).isLessThan(base);
        assertThat(unsure).isGreaterThan(base);
        assertThat(sure).isLessThan(base);
        // at the centres (3.0 nats surprisal, 1.0 nat entropy) nothing moves
        assertThat(PRIOR.apply(base, LocalModelSignals.fromPrefill(3.0, 1.0))).isEqualTo(base, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void unmeasuredSignalsLeaveTheScoreAsItWas() {
        assertThat(PRIOR.apply(0.37, LocalModelSignals.fromPrefill(Double.NaN, Double.NaN))).isEqualTo(0.37);
        assertThat(PRIOR.apply(0.37, LocalModelSignals.NONE)).isEqualTo(0.37);
        Decision d = router(0.37).decide(request(null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.signals()).isEqualTo(LocalModelSignals.NONE);
        assertThat(d.reasons()).noneMatch(r -> r.startsWith("local_signals"));
    }

    @Test
    void noSignalsFromARandomModelCanMoveTheOddsByMoreThanTheCap() {
        // a random model is maximally unsure (ln 259 ≈ 5.6 nats everywhere): the prior may not decide alone
        double shifted = PRIOR.apply(0.2, LocalModelSignals.fromPrefill(5.6, 5.6));
        double z = Math.log(shifted / (1 - shifted)) - Math.log(0.2 / 0.8);
        assertThat(z).isEqualTo(PRIOR.maxShift(), org.assertj.core.data.Offset.offset(1e-9));
        assertThatThrownBy(() -> new SignalAdjustment(1, 1, 1, -0.7, 3, 0.7, 0.5, 3, 0))
                .hasMessageContaining("maxShift must be > 0");
    }

    @Test
    void extremeSignalsMoveALocalDecisionToTheCloudAndTheDecisionSaysWhichSignals() {
        Router router = router(0.30);
        Decision text = router.decide(request(null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(text.route()).isEqualTo(Route.LOCAL);
        LocalModelSignals measured = LocalModelSignals.fromPrefill(5.31, 2.87);
        Decision again = router.redecide(request(null).withSignals(measured), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(again.route()).isEqualTo(Route.OFFLOAD);
        assertThat(again.score()).isGreaterThan(text.score());
        assertThat(again.signals()).isEqualTo(measured);
        assertThat(again.reasons()).contains("local_signals:surprisal=5.31,entropy=2.87");
        // calm signals keep it local, and still say so
        Decision calm = router.redecide(request(LocalModelSignals.fromPrefill(1.2, 0.3)), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(calm.route()).isEqualTo(Route.LOCAL);
        assertThat(calm.reasons()).contains("local_signals:surprisal=1.20,entropy=0.30");
    }

    @Test
    void hardRulesStillWinOverSignals() {
        Decision offline = router(0.3).redecide(request(LocalModelSignals.fromPrefill(6.0, 6.0)),
                new DeviceState(false, 0, 0, 0), POLICY);
        assertThat(offline.route()).isEqualTo(Route.LOCAL);
        assertThat(offline.reasons()).contains("cloud_unreachable");
    }

    @Test
    void signalsShiftEverySubtaskOfASplitRequest() {
        RoutingPolicy split = POLICY.withSplitSubtasks(true);
        RouteRequest two = new RouteRequest(null, List.of(new ChatMessage("user",
                "1. Summarise the notes.\n2. List the action items.")), Set.of(), null, 64, null);
        Router router = router(0.30);
        Decision text = router.decide(two, DeviceState.ONLINE_FRESH, split);
        Decision measured = router.redecide(two.withSignals(LocalModelSignals.fromPrefill(5.0, 3.0)),
                DeviceState.ONLINE_FRESH, split);
        assertThat(text.subtasks()).hasSize(2).allSatisfy(s -> assertThat(s.route()).isEqualTo(Route.LOCAL));
        assertThat(measured.subtasks()).hasSize(2).allSatisfy(s -> assertThat(s.route()).isEqualTo(Route.OFFLOAD));
    }

    @Test
    void aRedecisionDoesNotCountTheRequestTwiceInTheLiveScoreWindow() {
        // live quantiles replace the shipped ones once two scores were observed
        OnlineCalibrator calibrator = new OnlineCalibrator(new ScoreQuantiles(new double[] {0.5}), 2, 2, 0.05);
        Router router = new Router(FixedScorer.constant(0.30), null, calibrator, PRIOR);
        double[] shipped = calibrator.reference().quantiles(3);
        router.decide(request(null), DeviceState.ONLINE_FRESH, POLICY);
        router.redecide(request(LocalModelSignals.fromPrefill(6.0, 6.0)), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(calibrator.reference().quantiles(3)).as("one request, one observed score").containsExactly(shipped);
        router.decide(request(null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(calibrator.reference().quantiles(3)).as("the second request").isNotEqualTo(shipped);
    }

    @Test
    void dryRunsAndForcedRoutesLeaveTheLiveScoreWindowAlone() {
        OnlineCalibrator calibrator = new OnlineCalibrator(new ScoreQuantiles(new double[] {0.5}), 10, 2, 0.05);
        Router router = new Router(FixedScorer.constant(0.30), null, calibrator, PRIOR);
        Decision preview = router.preview(request(null), DeviceState.ONLINE_FRESH, POLICY);
        RouteRequest forced = new RouteRequest(null, List.of(new ChatMessage("user", "Draft a reply.")), Set.of(),
                Route.OFFLOAD, 64, null);
        Decision forcedDecision = router.decide(forced, DeviceState.ONLINE_FRESH, POLICY);
        assertThat(calibrator.observed()).as("a dry run and a forced route").isZero();
        Decision real = router.decide(request(null), DeviceState.ONLINE_FRESH, POLICY);
        assertThat(calibrator.observed()).as("an auto request").isEqualTo(1);
        assertThat(preview.route()).as("the dry run shows what the request gets").isEqualTo(real.route());
        assertThat(preview.score()).isEqualTo(real.score());
        assertThat(forcedDecision.route()).isEqualTo(Route.OFFLOAD);
    }
}
