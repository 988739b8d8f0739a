package io.edgerouter.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.decision.Decision;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.feature.SignalAdjustment;
import io.edgerouter.router.policy.RoutingPolicy;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.WeightsFile;
import io.edgerouter.router.scorer.WeightsFormatException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The committed static-MiniLM router: decides without a transformer, on any text, and cannot be miswired. */
class StaticRouterTest {

    private static Router router;

    @BeforeAll
    static void open() {
        router = Router.createStatic();
    }

    @AfterAll
    static void close() {
        router.close();
    }

    @Test
    void scoresFollowTheWordsAreRepeatableAndNameTheModel() {
        RoutingPolicy policy = RoutingPolicy.targetShare("p1", 0.2, 0.15);
        String law = "A plaintiff sued a defendant for breach of a covenant running with the land after the grantee's"
                + " successor in interest refused to pay the assessment. Which of the following is the defendant's"
                + " strongest argument?";
        Decision a = router.decide(RouteRequest.ofPrompt(law), DeviceState.ONLINE_FRESH, policy);
        Decision again = router.decide(RouteRequest.ofPrompt(law), DeviceState.ONLINE_FRESH, policy);
        Decision other = router.decide(RouteRequest.ofPrompt("Find the derivative of x^3 sin(x)."),
                DeviceState.ONLINE_FRESH, policy);
        assertThat(again.score()).isEqualTo(a.score());
        assertThat(other.score()).isNotEqualTo(a.score());
        assertThat(a.routerModelVersion()).startsWith("router-lr-emb-gain-static+calib-");
        assertThat(router.scorer().needsLexical()).isFalse();
    }

    @Test
    void thePriorKeepsAOneWordGreetingNearTheMiddleOfTheScoreRange() {
        // without the prior, "hello" took its one word piece's score: 0.82, top of the range
        double hello = router.calibrator().calibrate(router.rawScore("hello", null));
        assertThat(hello).isBetween(0.2, 0.6);
    }

    @Test
    void oddAndHugeTextsGetAFiniteScore() {
        RoutingPolicy policy = RoutingPolicy.targetShare("p1", 0.2, 0.15);
        for (String text : new String[] {"😀👍🏽🇫🇷", "مرحبا بالعالم، كيف حالك؟", "?", "word ".repeat(20_000),
                "[CLS][SEP]\u0000\uD800 broken surrogate"}) {
            Decision d = router.decide(RouteRequest.ofPrompt(text), DeviceState.ONLINE_FRESH, policy);
            assertThat(d.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void aStaticModelRefusesAMiniLmEncoder() {
        LearnedScorer scorer = new LearnedScorer(WeightsFile.loadResource(WeightsFile.STATIC_RESOURCE));
        try (MiniLmEncoder enc = new MiniLmEncoder(32, 16, 1)) {
            assertThatThrownBy(() -> new Router(scorer, enc, new OnlineCalibrator(new ScoreQuantiles(new double[] {0.5})),
                    SignalAdjustment.DEFAULT)).isInstanceOf(WeightsFormatException.class)
                    .hasMessageContaining("static-MiniLM model");
        }
    }
}
