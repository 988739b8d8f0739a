package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.protocol.policy.Route;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.Outcome;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.feature.LocalModelSignals;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFormatException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed model, end to end through {@link Router#decide}. */
class DefaultRouterTest {

    private static Router router;
    private static final RoutingPolicy POLICY = RoutingPolicy.targetShare("fleet-3", 0.3, 0.2);

    @BeforeAll
    static void load() {
        router = Router.createDefault();
    }

    @AfterAll
    static void close() {
        router.close();
    }

    @Test
    void decidesWithScoreReasonsAndVersions() {
        Decision d = router.decide(RouteRequest.ofPrompt("What is 17 * 23? Show your working."),
                DeviceState.ONLINE_FRESH, POLICY);
        assertThat(d.score()).isBetween(0.0, 1.0);
        assertThat(d.reasons()).anyMatch(r -> r.startsWith("score"));
        assertThat(d.policyVersion()).isEqualTo("fleet-3");
        assertThat(d.routerModelVersion()).startsWith(router.scorer().version()).endsWith("+calib-0");
        assertThat(d.subtasks()).hasSize(1);
    }

    @Test
    void refusesAnEncoderOfAnotherDepthThanTheModelWasTrainedOn() {
        LearnedScorer scorer = new LearnedScorer(io.edgerouter.router.scorer.WeightsFile.loadResource(
                io.edgerouter.router.scorer.WeightsFile.MINILM_RESOURCE));
        ScoringModel m = scorer.model();
        int other = m.encoderLayers() == 6 ? 3 : 6;
        try (MiniLmEncoder encoder = new MiniLmEncoder(m.windowHead(), m.windowTail(), 1, other)) {
            assertThatThrownBy(() -> new Router(scorer, encoder, new OnlineCalibrator(ShippedQuantiles.of(m)), null))
                    .isInstanceOf(WeightsFormatException.class)
                    .hasMessageContaining(m.encoderLayers() + "-layer").hasMessageContaining("runs " + other + " layers");
        }
    }

    @Test
    void hostileInputsGetADecisionNotACrash() {
        String huge = "Summarise this log:\n" + "ERROR at line 42: null pointer\n".repeat(100 * 1024 / 31);
        for (String prompt : List.of(huge, "🙂🙃 why is the sky blue? 🤖", "ما هي عاصمة مصر؟", "שלום, מה שלומך?",
                "\uD83D broken surrogate \u0000 nul")) {
            Decision d = router.decide(new RouteRequest("app", List.of(new ChatMessage("user", prompt)), Set.of(), null,
                    64, null), DeviceState.ONLINE_FRESH, POLICY);
            assertThat(d.route()).isNotNull();
            assertThat(d.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void uncertainLocalModelSignalsRaiseTheScore() {
        String prompt = "Which planet has the most moons?\nA. Earth\nB. Mars\nC. Saturn\nD. Venus\nAnswer:";
        double calm = router.rawScore(prompt, new LocalModelSignals(0.2, -0.05, 0.95));
        double none = router.rawScore(prompt, null);
        double unsure = router.rawScore(prompt, new LocalModelSignals(3.0, -2.5, 0.3));
        assertThat(calm).isLessThan(none);
        assertThat(unsure).isGreaterThan(none);
    }

    /**
     * Feedback must carry the score before calibration (the calibrator maps it again); once calibration has moved,
     * the decision's score and raw score differ, and the raw one is what the scorer said.
     */
    @Test
    void decisionsCarryTheRawScoreThatFeedbackNeeds() {
        Router r = new Router(FixedScorer.constant(0.5), null, new io.edgerouter.router.calibration.OnlineCalibrator(
                new io.edgerouter.router.calibration.ScoreQuantiles(new double[] {0.2, 0.5, 0.8})), null);
        for (int i = 0; i < 20; i++) {
            r.feedback(new Outcome(0.5, Outcome.Kind.VERIFY_ACCEPTANCE, 1.0));
        }
        Decision d = r.decide(RouteRequest.ofPrompt("1. Name a prime.\n2. Name a square."), DeviceState.ONLINE_FRESH,
                POLICY.withSplitSubtasks(true));
        assertThat(d.rawScore()).isEqualTo(0.5);
        assertThat(d.score()).isLessThan(0.5).isEqualTo(r.calibrator().calibrate(d.rawScore()));
        assertThat(d.subtasks()).hasSize(2).allSatisfy(s -> {
            assertThat(s.rawScore()).isEqualTo(0.5);
            assertThat(s.score()).isEqualTo(d.score());
        });
    }

    @Test
    void feedbackRecalibratesWithoutRestart() {
        Router r = new Router(FixedScorer.constant(0.5), null, new io.edgerouter.router.calibration.OnlineCalibrator(
                new io.edgerouter.router.calibration.ScoreQuantiles(new double[] {0.2, 0.5, 0.8})), null);
        RoutingPolicy fixed = POLICY.withThresholds(new io.edgerouter.router.policy.ThresholdSpec.Fixed(
                io.edgerouter.router.policy.Thresholds.single(0.6)));
        Decision before = r.decide(RouteRequest.ofPrompt("hi"), DeviceState.ONLINE_FRESH, fixed);
        assertThat(before.route()).isEqualTo(Route.LOCAL);
        for (int i = 0; i < 50; i++) {
            // users keep rating the local answers at this score as bad
            r.feedback(new Outcome(0.5, Outcome.Kind.USER_RATING, 0.0));
        }
        Decision after = r.decide(RouteRequest.ofPrompt("hi"), DeviceState.ONLINE_FRESH, fixed);
        assertThat(after.route()).isEqualTo(Route.OFFLOAD);
        assertThat(after.routerModelVersion()).isEqualTo("fixed-test+calib-50");
    }
}
