package io.edgerouter.engine.sampling;

/**
 * The most likely tokens at one position and the model's log-probabilities of them (temperature 1), most likely first:
 * what OpenAI's {@code logprobs} / {@code top_logprobs} report.
 */
public record TopLogprobs(int[] ids, double[] logProbs) {

    public static final TopLogprobs NONE = new TopLogprobs(new int[0], new double[0]);

    public TopLogprobs {
        if (ids.length != logProbs.length) {
            throw new IllegalArgumentException(ids.length + " ids for " + logProbs.length + " log-probs");
        }
        ids = ids.clone();
        logProbs = logProbs.clone();
    }
}
