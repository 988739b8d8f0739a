package io.edgerouter.router.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RoutingMetricsTest {

    // four prompts: only #2 gains from the cloud (local wrong, cloud right); #3 loses (local right, cloud wrong)
    private static final boolean[] LOCAL = {true, true, false, true};
    private static final boolean[] CLOUD = {true, true, true, false};

    @Test
    void constantScoreGivesHalfByInterpolatingTheTiedBlock() {
        boolean[] local = {false, true, false, true};
        boolean[] cloud = {true, true, true, false};
        var r = RoutingMetrics.evaluate(new double[] {0.5, 0.5, 0.5, 0.5}, local, cloud);
        assertThat(r.apgr()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void withNoNetCloudGainApgrIsUndefinedAndTheQualityAreaStillRanksRouters() {
        var oracle = RoutingMetrics.evaluate(new double[] {0.5, 0.5, 0.9, 0.1}, LOCAL, CLOUD);
        var reversed = RoutingMetrics.evaluate(new double[] {0.5, 0.5, 0.1, 0.9}, LOCAL, CLOUD);
        // net gain of the cloud is 0 here (one win, one loss): PGR divides by zero
        assertThat(oracle.apgr()).isNaN();
        assertThat(oracle.gapIsSmall()).isTrue();
        // sending the gaining prompt first beats sending the losing one first
        assertThat(oracle.qualityArea()).isGreaterThan(oracle.randomArea()).isGreaterThan(reversed.qualityArea());
    }

    @Test
    void numericQualitiesUseMeanQualityAsRouteLlmDoesForMtBench() {
        // ratings normalised to [0, 1]: the cloud gains 0.6 on #0, 0.1 on #1, nothing on #2
        double[] local = {0.2, 0.5, 0.9};
        double[] cloud = {0.8, 0.6, 0.9};
        var best = RoutingMetrics.evaluate(new double[] {0.9, 0.5, 0.1}, local, cloud);
        // quality 1.6/3, 2.2/3, 2.3/3, 2.3/3 → PGR 0, 6/7, 1, 1 → area (6/7 / 2 + (6/7 + 1) / 2 + 1) / 3
        assertThat(best.apgr()).isCloseTo((3.0 / 7 + 13.0 / 14 + 1) / 3, within(1e-12));
        assertThat(best.localAccuracy()).isCloseTo(1.6 / 3, within(1e-12));
        assertThat(best.cpt80()).isCloseTo(1.0 / 3, within(1e-12));
        // APGR is the quality area shifted and divided by the gap
        assertThat((best.qualityArea() - best.localAccuracy()) / best.gap()).isCloseTo(best.apgr(), within(1e-12));
        var tied = RoutingMetrics.evaluate(new double[] {0.3, 0.3, 0.3}, local, cloud);
        assertThat(tied.apgr()).isCloseTo(0.5, within(1e-12));
        assertThat(tied.qualityArea()).isCloseTo(tied.randomArea(), within(1e-12));
    }

    @Test
    void apgrAndCptMatchAHandComputedCurve() {
        boolean[] local = {false, true, true, true};
        boolean[] cloud = {true, true, true, true};
        // the gaining prompt ranked first: PGR = 0, 1, 1, 1, 1 over k = 0..4 → trapezoid area (0.5 + 3) / 4
        var best = RoutingMetrics.evaluate(new double[] {0.9, 0.3, 0.2, 0.1}, local, cloud);
        assertThat(best.apgr()).isCloseTo(3.5 / 4, within(1e-12));
        assertThat(best.cpt50()).isEqualTo(0.25);
        // ranked last: PGR = 0, 0, 0, 0, 1 → area 0.5 / 4, and PGR 50 % needs every prompt in the cloud
        var worst = RoutingMetrics.evaluate(new double[] {0.1, 0.3, 0.2, 0.9}, local, cloud);
        assertThat(worst.apgr()).isCloseTo(0.5 / 4, within(1e-12));
        assertThat(worst.cpt80()).isEqualTo(1.0);
        assertThat(best.localAccuracy()).isEqualTo(0.75);
        // the quality curve behind them: local accuracy at share 0, cloud accuracy at share 1
        assertThat(RoutingMetrics.qualityCurve(new double[] {0.9, 0.3, 0.2, 0.1}, local, cloud))
                .containsExactly(new double[] {0.75, 1, 1, 1, 1}, within(1e-12));
        assertThat(RoutingMetrics.qualityCurve(new double[] {0.1, 0.3, 0.2, 0.9}, local, cloud))
                .containsExactly(new double[] {0.75, 0.75, 0.75, 0.75, 1}, within(1e-12));
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThatThrownBy(() -> RoutingMetrics.evaluate(new double[0], new boolean[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> RoutingMetrics.evaluate(new double[2], new boolean[1], new boolean[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
