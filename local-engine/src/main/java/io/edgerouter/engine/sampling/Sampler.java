package io.edgerouter.engine.sampling;

import java.util.SplittableRandom;

/** Draws a token id from a probability distribution (vocab). */
public interface Sampler {

    int sample(double[] probabilities);

    /** Uniform in [0, 1): used by the speculative acceptance test. */
    double uniform();

    /** A sampler over a seeded RNG: the same seed gives the same tokens. */
    static Sampler seeded(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sampler() {
            @Override
            public int sample(double[] probabilities) {
                return inverseCdf(probabilities, rng.nextDouble());
            }

            @Override
            public double uniform() {
                return rng.nextDouble();
            }
        };
    }

    /** The first id whose cumulative probability exceeds {@code u}; the last non-zero id if rounding leaves a gap. */
    static int inverseCdf(double[] probabilities, double u) {
        double total = 0;
        for (double p : probabilities) {
            total += p;
        }
        double target = u * total;
        double cumulative = 0;
        int lastNonZero = 0;
        for (int i = 0; i < probabilities.length; i++) {
            if (probabilities[i] > 0) {
                cumulative += probabilities[i];
                lastNonZero = i;
                if (target < cumulative) {
                    return i;
                }
            }
        }
        return lastNonZero;
    }
}
