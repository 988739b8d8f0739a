package io.edgerouter.agent.pipeline;

import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.sampling.TopLogprobs;

/**
 * Passes the loop's deltas on and remembers them, so that what the loop held back and never streamed — a tail that
 * might have begun a stop string, an incomplete character — can be handed on when the answer ends on a stop token:
 * the streamed answer then equals the whole one.
 */
final class HeldBack implements TokenListener {

    private final TokenListener inner;
    private final StringBuilder shown = new StringBuilder();

    HeldBack(TokenListener inner) {
        this.inner = inner;
    }

    @Override
    public void onToken(int tokenId, String textDelta) {
        shown.append(textDelta);
        inner.onToken(tokenId, textDelta);
    }

    @Override
    public void onToken(int tokenId, String textDelta, double logProb) {
        shown.append(textDelta);
        inner.onToken(tokenId, textDelta, logProb);
    }

    @Override
    public void onToken(int tokenId, String textDelta, double logProb, TopLogprobs top) {
        shown.append(textDelta);
        inner.onToken(tokenId, textDelta, logProb, top);
    }

    /** What {@code finalText} (the answer as the loop returned it) has beyond the deltas handed on, or "". */
    String rest(String finalText) {
        return finalText.length() > shown.length() && finalText.startsWith(shown.toString()) ? finalText.substring(shown.length()) : "";
    }
}
