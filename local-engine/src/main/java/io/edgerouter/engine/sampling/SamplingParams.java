package io.edgerouter.engine.sampling;

import io.edgerouter.engine.InvalidRequestException;

/**
 * How the next token is chosen from logits.
 *
 * @param temperature 0 = greedy (argmax); otherwise logits are divided by it before softmax
 * @param topK        keep only the k most likely tokens; 0 = off
 * @param topP        keep the smallest set of most likely tokens whose mass reaches topP; 1 = off
 * @param seed        seed of the RNG used for sampling, so runs are reproducible
 */
public record SamplingParams(double temperature, int topK, double topP, long seed) {

    public SamplingParams {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new InvalidRequestException("temperature must be ≥ 0 and finite, got " + temperature);
        }
        if (topK < 0) {
            throw new InvalidRequestException("topK must be ≥ 0 (0 = off), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidRequestException("topP must be in (0, 1], got " + topP);
        }
    }

    public static SamplingParams greedy() {
        return new SamplingParams(0, 0, 1, 0);
    }

    public static SamplingParams sample(double temperature, long seed) {
        return new SamplingParams(temperature, 0, 1, seed);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }
}
