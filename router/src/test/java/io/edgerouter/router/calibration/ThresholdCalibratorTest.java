package io.edgerouter.router.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgerouter.router.policy.Thresholds;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThresholdCalibratorTest {

    /** Skewed scores, like a real scorer's: most requests look easy. */
    private static double[] sample(long seed, int n) {
        Random r = new Random(seed);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = Math.pow(r.nextDouble(), 2.5);
        return s;
    }

    private static double shareAtOrAbove(double[] scores, double t) {
        int c = 0;
        for (double s : scores) if (s >= t) c++;
        return c / (double) scores.length;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.05, 0.2, 0.5, 0.8, 1.0})
    void targetShareIsHitWithinTwoPointsOnFreshTraffic(double target) {
        ScoreQuantiles reference = new ScoreQuantiles(sample(1, 5000));
        Thresholds t = ThresholdCalibrator.fromShares(target, 0, reference);
        double[] fresh = sample(2, 20000); // same distribution, other requests
        assertThat(shareAtOrAbove(fresh, t.offloadAt())).isCloseTo(target, within(0.02));
    }

    @Test
    void verifyBandTakesTheNextShareBelowOffload() {
        ScoreQuantiles reference = new ScoreQuantiles(sample(3, 5000));
        Thresholds t = ThresholdCalibrator.fromShares(0.1, 0.25, reference);
        double[] fresh = sample(4, 20000);
        assertThat(t.verifyAt()).isLessThan(t.offloadAt());
        assertThat(shareAtOrAbove(fresh, t.offloadAt())).isCloseTo(0.10, within(0.02));
        assertThat(shareAtOrAbove(fresh, t.verifyAt()) - shareAtOrAbove(fresh, t.offloadAt())).isCloseTo(0.25, within(0.02));
    }

    @Test
    void budgetBuysTheShareItCanPayFor() {
        // $30/day, 10 000 requests/day, $0.01 per offload → 30 % of traffic
        assertThat(ThresholdCalibrator.shareForBudget(30, 10_000, 0.01)).isCloseTo(0.30, within(1e-12));
        assertThat(ThresholdCalibrator.shareForBudget(1e9, 10, 0.01)).isEqualTo(1.0);
        ScoreQuantiles reference = new ScoreQuantiles(sample(5, 5000));
        Thresholds t = ThresholdCalibrator.fromBudget(30, 10_000, 0.01, reference);
        assertThat(shareAtOrAbove(sample(6, 20000), t.offloadAt())).isCloseTo(0.30, within(0.02));
        assertThatThrownBy(() -> ThresholdCalibrator.shareForBudget(1, 0, 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requests/day > 0");
    }

    @Test
    void rejectsNonFiniteCalibrationScores() {
        assertThatThrownBy(() -> new ScoreQuantiles(new double[] {0.2, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }
}
