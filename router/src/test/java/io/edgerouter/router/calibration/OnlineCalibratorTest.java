package io.edgerouter.router.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineCalibratorTest {

    private static ScoreQuantiles uniform() {
        double[] s = new double[101];
        for (int i = 0; i <= 100; i++) s[i] = i / 100.0;
        return new ScoreQuantiles(s);
    }

    @Test
    void startsAsIdentityAtVersionZero() {
        OnlineCalibrator c = new OnlineCalibrator(uniform());
        assertThat(c.calibrate(0.3)).isCloseTo(0.3, within(1e-9));
        assertThat(c.version()).isEqualTo("calib-0");
    }

    @Test
    void feedbackThatLocalAnswersAreFineLowersScoresAndBumpsTheVersion() {
        OnlineCalibrator c = new OnlineCalibrator(uniform());
        Random r = new Random(1);
        for (int i = 0; i < 400; i++) {
            // VERIFY accepted almost every draft token: the local model was good enough
            c.feedback(new Outcome(0.3 + 0.4 * r.nextDouble(), Outcome.Kind.VERIFY_ACCEPTANCE, 0.95));
        }
        assertThat(c.calibrate(0.5)).isLessThan(0.3);
        assertThat(c.version()).isEqualTo("calib-400");
        // still increasing in the raw score: calibration never reorders requests
        assertThat(c.calibrate(0.6)).isGreaterThan(c.calibrate(0.4));
    }

    @Test
    void liveTrafficReplacesTheShippedDistributionForTargetShares() {
        OnlineCalibrator c = new OnlineCalibrator(uniform(), 1000, 100, 0.05);
        assertThat(c.reference().thresholdForShare(0.5)).isCloseTo(0.5, within(0.02));
        Random r = new Random(2);
        for (int i = 0; i < 1000; i++) c.observe(0.8 + 0.2 * r.nextDouble()); // traffic is harder than training
        assertThat(c.reference().thresholdForShare(0.5)).isCloseTo(0.9, within(0.02));
    }

    @Test
    void rejectsOutcomesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new Outcome(0.5, Outcome.Kind.USER_RATING, 4.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localGood");
    }
}
