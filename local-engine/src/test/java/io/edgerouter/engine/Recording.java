package io.edgerouter.engine;

import java.util.ArrayList;
import java.util.List;

/** A listener that records each streamed token with its text delta, as {@code id:delta}. */
final class Recording implements TokenListener {

    final List<String> events = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    @Override
    public void onToken(int tokenId, String textDelta) {
        events.add(tokenId + ":" + textDelta);
        text.append(textDelta);
    }

    List<String> deltas() {
        return events.stream().map(e -> e.substring(e.indexOf(':') + 1)).toList();
    }
}
