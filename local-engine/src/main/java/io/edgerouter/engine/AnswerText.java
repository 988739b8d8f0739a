package io.edgerouter.engine;

import java.util.List;
import java.util.function.Function;

/**
 * The text side of the decoding loop: decodes the answer as the client sees it (the answer prefix the client already
 * has, then the new tokens), cuts it before a stop string, and decides how much of the new text may be streamed yet.
 *
 * <p>Decoding prefix and new tokens together lets the tokenizer treat the boundary like any other position: a
 * SentencePiece piece's leading space and a multi-byte character split across the boundary come out as they would
 * in one answer. The new text is what follows the prefix's own text, so nothing the client has is sent again.
 */
final class AnswerText {

    private static final char REPLACEMENT = '\uFFFD';

    private final Function<int[], String> detokenizer;
    private final List<String> stops;
    private final String prefixText;
    private String streamed = "";
    private String text = "";
    private boolean stopped;

    /**
     * @param prefix the answer prefix's ids (possibly none); its text is what the client was already handed
     */
    AnswerText(Function<int[], String> detokenizer, List<String> stops, int[] prefix) {
        this.detokenizer = detokenizer;
        this.stops = stops;
        this.prefixText = prefix.length == 0 ? "" : detokenizer.apply(prefix);
    }

    /**
     * Decodes {@code answer} (prefix + new tokens so far) and returns the new text that may be shown now: all of it
     * when {@code last} or when a stop string was found, else without a trailing incomplete multi-byte character or
     * a tail that may be the start of a stop string.
     */
    String update(int[] answer, boolean last) {
        String full = detokenizer.apply(answer);
        int from = commonPrefixLength(full, prefixText);
        int stopAt = firstStop(full, from);
        if (stopAt >= 0) {
            full = full.substring(0, Math.max(stopAt, from)); // a stop string straddling the boundary cuts all new text
            stopped = true;
        }
        int visible = full.length();
        if (!last && !stopped) {
            if (full.endsWith(String.valueOf(REPLACEMENT))) { // an incomplete character: wait for its other bytes
                visible = full.lastIndexOf(REPLACEMENT);
            }
            visible = Math.min(visible, full.length() - stopPrefixLength(full));
        }
        String fresh = full.substring(from);
        String shown = fresh.substring(0, Math.min(fresh.length(), Math.max(visible - from, streamed.length())));
        String delta = shown.length() > streamed.length() ? shown.substring(streamed.length()) : "";
        streamed = shown;
        text = fresh;
        return delta;
    }

    /** Whether the last {@link #update} found a stop string. */
    boolean stopped() {
        return stopped;
    }

    /** The new text of the whole answer: cut before the stop string when one was found. */
    String finalText(int[] answer) {
        if (stopped) {
            return text;
        }
        String full = detokenizer.apply(answer);
        return full.substring(commonPrefixLength(full, prefixText));
    }

    /** Earliest start of a stop string that ends in the new text (one wholly inside the prefix does not count). */
    private int firstStop(String full, int from) {
        int first = -1;
        for (String stop : stops) {
            int at = full.indexOf(stop, Math.max(0, from - stop.length() + 1));
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    private int stopPrefixLength(String full) {
        int longest = 0;
        for (String stop : stops) {
            for (int n = Math.min(stop.length() - 1, full.length()); n > longest; n--) {
                if (full.endsWith(stop.substring(0, n))) {
                    longest = n;
                    break;
                }
            }
        }
        return longest;
    }

    /**
     * Where the new text starts: normally after the whole prefix text, but earlier when the prefix ended inside a
     * multi-byte character (its replacement character turns into the completed character).
     */
    private static int commonPrefixLength(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }
}
