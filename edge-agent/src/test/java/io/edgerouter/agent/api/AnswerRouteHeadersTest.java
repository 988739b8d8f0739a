package io.edgerouter.agent.api;

import io.edgerouter.protocol.openai.RouteSummary;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two headers every chat and text completion carries, formatted without the formatter on the hot path. */
class AnswerRouteHeadersTest {

    @Test
    void overheadIsMillisecondsWithThreeDecimals() {
        assertThat(AnswerRoute.millis(0)).isEqualTo("0.000");
        assertThat(AnswerRoute.millis(5)).isEqualTo("0.005");
        assertThat(AnswerRoute.millis(42)).isEqualTo("0.042");
        assertThat(AnswerRoute.millis(190)).isEqualTo("0.190");
        assertThat(AnswerRoute.millis(8_666)).isEqualTo("8.666");
        assertThat(AnswerRoute.millis(12_345_678)).isEqualTo("12345.678");
        assertThat(Double.parseDouble(AnswerRoute.overhead(System.nanoTime(), 0))).isBetween(0.0, 1000.0);
        // time inside the engine is not overhead, and the figure never goes negative
        assertThat(AnswerRoute.overhead(System.nanoTime(), 10_000_000_000L)).isEqualTo("0.000");
    }

    @Test
    void routeHeaderKeepsEachReasonOnOneLineAndOneField() {
        RouteSummary r = new RouteSummary("OFFLOAD", 0.71204, null, List.of("score>=0.39", "cloud_error:bad;gateway\r\nx"),
                3, "router-1", 0.2);
        assertThat(AnswerRoute.header(r)).isEqualTo("OFFLOAD; score=0.7120; reasons=score>=0.39,cloud_error:bad gateway  x");
        RouteSummary forced = new RouteSummary("LOCAL", null, null, List.of("forced:request"), 1, "router-1", 0.1);
        assertThat(AnswerRoute.header(forced)).isEqualTo("LOCAL; reasons=forced:request");
    }
}
