package io.edgerouter.engine.spec;

import io.edgerouter.engine.sampling.ChiSquare;
import io.edgerouter.engine.sampling.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptanceRuleTest {

    private static final double[] P = {0.30, 0.25, 0.20, 0.10, 0.08, 0.05, 0.02};
    private static final double[] Q = {0.05, 0.40, 0.05, 0.30, 0.05, 0.10, 0.05}; // a poor draft
    private static final int N = 60_000;

    @Test
    void emittedTokenFollowsTheTargetDistributionWhateverTheDraft() {
        Sampler rng = Sampler.seeded(2024);
        long[] counts = new long[P.length];
        for (int i = 0; i < N; i++) {
            int x = rng.sample(Q);
            int decision = AcceptanceRule.decide(P, Q, x, rng);
            counts[decision == AcceptanceRule.ACCEPTED ? x : decision]++;
        }
        double[] chi = ChiSquare.statistic(counts, P, N);
        assertThat(chi[0]).isLessThan(ChiSquare.critical(chi[1]));
    }

    @Test
    void deterministicDraftTokensAreAcceptedWithTheTargetProbability() {
        Sampler rng = Sampler.seeded(7);
        long[] counts = new long[P.length];
        long accepted = 0;
        for (int i = 0; i < N; i++) {
            int decision = AcceptanceRule.decide(P, null, 3, rng); // prompt lookup always proposes token 3
            accepted += decision == AcceptanceRule.ACCEPTED ? 1 : 0;
            counts[decision == AcceptanceRule.ACCEPTED ? 3 : decision]++;
        }
        double[] chi = ChiSquare.statistic(counts, P, N);
        assertThat(chi[0]).isLessThan(ChiSquare.critical(chi[1]));
        assertThat((double) accepted / N).isBetween(0.09, 0.11);
    }

    @Test
    void theChiSquareCheckCatchesARuleThatAlwaysAcceptsTheDraft() {
        Sampler rng = Sampler.seeded(2024);
        long[] counts = new long[P.length];
        for (int i = 0; i < N; i++) {
            counts[rng.sample(Q)]++; // "accept everything" emits the draft distribution
        }
        double[] chi = ChiSquare.statistic(counts, P, N);
        assertThat(chi[0]).isGreaterThan(ChiSquare.critical(chi[1]));
    }
}
