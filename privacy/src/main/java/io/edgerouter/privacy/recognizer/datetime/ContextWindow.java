package io.edgerouter.privacy.recognizer.datetime;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.ContextEnhancer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link ContextEnhancer#supportingWord} for many matches in one text: the same window (6 words before, 2 after)
 * and the same word rule (equal, or starting with a context word of 3+ letters and at most 2 letters longer),
 * with each word's verdict computed once. A text full of times ("12:30 12:30 ...") has a match per word; asking
 * the enhancer for each would re-test every nearby word against every context word again and again.
 */
public final class ContextWindow {

    private static final int WORDS_BEFORE = 6;
    private static final int WORDS_AFTER = 2;
    private static final String NONE = "";

    private final AnalysisInput input;
    private final Set<String> words;
    private final String[] verdict; // per word index: null = not computed, NONE = no context word
    private final Map<String, String> byWord = new HashMap<>();

    public ContextWindow(AnalysisInput input, Set<String> words) {
        this.input = input;
        this.words = words;
        this.verdict = new String[input.wordCount()];
    }

    /** The first supporting word near [start, end), or null. */
    public String supportingWord(int start, int end) {
        int before = input.lastWordEndingBefore(start);
        for (int i = before; i >= 0 && i > before - WORDS_BEFORE; i--) {
            String hit = at(i);
            if (hit != null) {
                return hit;
            }
        }
        int after = input.firstWordAtOrAfter(end);
        for (int i = after; i < verdict.length && i < after + WORDS_AFTER; i++) {
            String hit = at(i);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private String at(int i) {
        String v = verdict[i];
        if (v == null) {
            v = byWord.computeIfAbsent(input.lowerWord(i), this::match);
            verdict[i] = v;
        }
        return v == NONE ? null : v;
    }

    private String match(String word) {
        String hit = match(word, words);
        if (hit == null && !input.extraContext().isEmpty()) {
            hit = match(word, input.extraContext());
        }
        return hit == null ? NONE : hit;
    }

    private static String match(String word, Set<String> contextWords) {
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
