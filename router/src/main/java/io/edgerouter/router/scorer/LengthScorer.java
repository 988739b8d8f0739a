package io.edgerouter.router.scorer;

import io.edgerouter.router.feature.Features;

/**
 * Baseline: longer prompts are assumed harder. Score = a squashing of log(characters) into (0, 1); only the
 * ranking matters for APGR, the squashing just keeps the number a usable threshold scale.
 */
public final class LengthScorer implements Scorer {

    @Override
    public double score(Features features) {
        return lengthScore(features.text());
    }

    /** 1 / (1 + exp(−(ln(1 + chars) − 6))): 0.5 at about 400 characters. */
    public static double lengthScore(String text) {
        double z = Math.log1p(text.length()) - 6.0;
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Override
    public String version() {
        return "length-v1";
    }
}
