package io.edgerouter.engine.sampling;

import io.edgerouter.engine.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProbabilitiesTest {

    private static final float[] LOGITS = {1f, 3f, 2f, 0f, 2.5f};

    @Test
    void greedyIsAOneHotAtTheArgmax() {
        assertThat(Probabilities.of(LOGITS, 0, 5, SamplingParams.greedy())).containsExactly(0, 1, 0, 0, 0);
        assertThat(Probabilities.argmax(new float[] {9, 1, 4, 4, 2}, 1, 4)).isEqualTo(1); // offset row, tie → lowest
    }

    @Test
    void temperatureOneIsTheSoftmax() {
        double[] p = Probabilities.of(LOGITS, 0, 5, SamplingParams.sample(1, 0));
        double z = 0;
        for (float l : LOGITS) {
            z += Math.exp(l);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(p[i]).isCloseTo(Math.exp(LOGITS[i]) / z, within(1e-12));
        }
        assertThat(Probabilities.logProb(LOGITS, 0, 5, 1)).isCloseTo(3 - Math.log(z), within(1e-9));
    }

    @Test
    void lowTemperatureSharpensTheDistribution() {
        double[] hot = Probabilities.of(LOGITS, 0, 5, SamplingParams.sample(2, 0));
        double[] cold = Probabilities.of(LOGITS, 0, 5, SamplingParams.sample(0.5, 0));
        assertThat(cold[1]).isGreaterThan(hot[1]);
    }

    @Test
    void topKKeepsOnlyTheKMostLikelyTokens() {
        double[] p = Probabilities.of(LOGITS, 0, 5, new SamplingParams(1, 2, 1, 0));
        assertThat(p[0]).isZero();
        assertThat(p[2]).isZero();
        assertThat(p[3]).isZero();
        assertThat(p[1] + p[4]).isCloseTo(1, within(1e-12));
        assertThat(p[1] / p[4]).isCloseTo(Math.exp(0.5), within(1e-9));
    }

    @Test
    void topPKeepsTheSmallestSetReachingTheMass() {
        double[] full = Probabilities.of(LOGITS, 0, 5, SamplingParams.sample(1, 0));
        double[] p = Probabilities.of(LOGITS, 0, 5, new SamplingParams(1, 0, full[1] + 0.01, 0));
        assertThat(p[1]).isPositive();
        assertThat(p[4]).isPositive(); // needed to pass the mass threshold
        assertThat(p[2]).isZero();
    }

    @Test
    void seededSamplerIsReproducibleAndFollowsTheDistribution() {
        double[] p = {0.5, 0.25, 0.125, 0.125};
        Sampler a = Sampler.seeded(99);
        Sampler b = Sampler.seeded(99);
        long[] counts = new long[4];
        for (int i = 0; i < 20000; i++) {
            int x = a.sample(p);
            assertThat(b.sample(p)).isEqualTo(x);
            counts[x]++;
        }
        double[] chi = ChiSquare.statistic(counts, p, 20000);
        assertThat(chi[0]).isLessThan(ChiSquare.critical(chi[1]));
    }

    @Test
    void rejectsInvalidSamplingParameters() {
        assertThatThrownBy(() -> new SamplingParams(-0.1, 0, 1, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("temperature must be ≥ 0").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new SamplingParams(1, -3, 1, 0)).hasMessageContaining("topK must be ≥ 0");
        assertThatThrownBy(() -> new SamplingParams(1, 0, 0, 0)).hasMessageContaining("topP must be in (0, 1]");
    }
}
