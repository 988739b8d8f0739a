package io.edgerouter.privacy.recognizer;

import java.util.Set;

/**
 * Raises a weak score when a supporting word ("card", "phone", "ssn"...) appears near the match:
 * up to {@link #WORDS_BEFORE} words before it or {@link #WORDS_AFTER} words after it.
 * A context word matches a text word equal to it or starting with it (so "card" supports "cards").
 */
public final class ContextEnhancer {

    /** Added to the score when a context word is found. */
    public static final double BOOST = 0.35;
    /** Score floor once context supports a match, so that very weak patterns become usable. */
    public static final double FLOOR_WITH_CONTEXT = 0.4;
    static final int WORDS_BEFORE = 6;
    static final int WORDS_AFTER = 2;

    private ContextEnhancer() {
    }

    /** The first supporting word near [start, end), or null. */
    public static String supportingWord(AnalysisInput input, int start, int end, Set<String> contextWords) {
        Set<String> extra = input.extraContext();
        if (contextWords.isEmpty() && extra.isEmpty()) {
            return null;
        }
        int before = input.lastWordEndingBefore(start);
        for (int i = before; i >= 0 && i > before - WORDS_BEFORE; i--) {
            String hit = match(input.lowerWord(i), contextWords, extra);
            if (hit != null) {
                return hit;
            }
        }
        int after = input.firstWordAtOrAfter(end);
        for (int i = after; i < input.wordCount() && i < after + WORDS_AFTER; i++) {
            String hit = match(input.lowerWord(i), contextWords, extra);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static String match(String word, Set<String> contextWords, Set<String> extra) {
        String hit = match(word, contextWords);
        return hit != null || extra.isEmpty() ? hit : match(word, extra);
    }

    public static double boosted(double score) {
        return Math.min(1.0, Math.max(FLOOR_WITH_CONTEXT, score + BOOST));
    }

    /**
     * The context word {@code word} stands for: itself, or a context word of at least 3 letters it starts with and
     * exceeds by at most 2 ("cards" for "card"); null when none.
     */
    public static String match(String word, Set<String> contextWords) {
        if (contextWords.contains(word)) {
            return word;
        }
        for (String c : contextWords) {
            if (c.length() >= 3 && word.length() <= c.length() + 2 && word.startsWith(c)) {
                return c;
            }
        }
        return null;
    }
}
