package io.edgerouter.router;

import io.edgerouter.router.feature.Features;
import io.edgerouter.router.scorer.Scorer;
import java.util.function.ToDoubleFunction;

/** Test scorer: the score is a function of the text, no embedding. */
record FixedScorer(ToDoubleFunction<String> fn) implements Scorer {

    static FixedScorer constant(double s) {
        return new FixedScorer(t -> s);
    }

    @Override
    public double score(Features f) {
        return fn.applyAsDouble(f.text());
    }

    @Override
    public String version() {
        return "fixed-test";
    }
}
