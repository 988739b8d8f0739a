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

/** The committed default router, static MiniLM: decides without a transformer, on any text, and cannot be miswired. */
class StaticRouterTest {

    private static Router router;

    @BeforeAll
    static void open() {
        router = Router.createDefault();
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
        assertThat(a.routerModelVersion()).startsWith("router-ridge10000-both-many+len0.3-fe1-static-families+calib-");
    }

    @Test
    void shortChatPromptsStayLocalUnderTheDefaultShares() {
        // a static model without the prior and the length blend sent "hello" and this capital question to the cloud
        RoutingPolicy policy = RoutingPolicy.targetShare("default", 0.2, 0.15);
        for (String text : new String[] {"hello", "What is the capital of France?", "Write a haiku about the sea.",
                "Summarize the plot of Hamlet in two sentences."}) {
            Decision d = router.decide(RouteRequest.ofPrompt(text), DeviceState.ONLINE_FRESH, policy);
            assertThat(d.route()).as("%s scored %.3f", text, d.score()).isEqualTo(io.edgerouter.protocol.policy.Route.LOCAL);
        }
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
        LearnedScorer scorer = new LearnedScorer(WeightsFile.loadDefault());
        try (MiniLmEncoder enc = new MiniLmEncoder(32, 16, 1)) {
            assertThatThrownBy(() -> new Router(scorer, enc, new OnlineCalibrator(new ScoreQuantiles(new double[] {0.5})),
                    SignalAdjustment.DEFAULT)).isInstanceOf(WeightsFormatException.class)
                    .hasMessageContaining("static-MiniLM model");
        }
    }
}
