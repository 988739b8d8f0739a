package io.edgerouter.router.scorer;

import io.edgerouter.router.feature.Features;
import java.nio.charset.StandardCharsets;

/**
 * Baseline: a uniform pseudo-random score derived from the text and a seed, so the same prompt always gets the
 * same number (reproducible decisions) while the ranking carries no information: APGR ≈ 0.5.
 */
public final class RandomScorer implements Scorer {

    private final long seed;

    public RandomScorer(long seed) {
        this.seed = seed;
    }

    @Override
    public double score(Features features) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (byte b : features.text().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) / (double) (1L << 53);
    }

    @Override
    public String version() {
        return "random-" + seed;
    }
}
