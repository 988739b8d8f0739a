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
    private final boolean[] asciiFirsts = new boolean[128]; // first chars of the context words
    private boolean otherFirsts;                              // a context word starts with a non-ASCII char
    private int cursor;                                       // the last answer of firstWordAtOrAfter

    public ContextWindow(AnalysisInput input, Set<String> words) {
        this.input = input;
        this.words = words;
        this.verdict = new String[input.wordCount()];
        noteFirsts(words);
        noteFirsts(input.extraContext());
    }

    private void noteFirsts(Set<String> contextWords) {
        for (String w : contextWords) {
            if (w.isEmpty()) {
                continue;
            }
            char c = w.charAt(0);
            if (c < 128) {
                asciiFirsts[c] = true;
            } else {
                otherFirsts = true;
            }
        }
    }

    /** The first supporting word near [start, end), or null. */
    public String supportingWord(int start, int end) {
        int before = lastWordEndingBefore(start);
        for (int i = before; i >= 0 && i > before - WORDS_BEFORE; i--) {
            String hit = at(i);
            if (hit != null) {
                return hit;
            }
        }
        int after = firstWordAtOrAfter(end);
        for (int i = after; i < verdict.length && i < after + WORDS_AFTER; i++) {
            String hit = at(i);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * {@link AnalysisInput#firstWordAtOrAfter}, first tried next to the previous answer: matches mostly come in text
     * order, so a text full of them costs a step per match instead of a binary search.
     */
    private int firstWordAtOrAfter(int offset) {
        int n = verdict.length;
        for (int i = cursor; i <= cursor + 2 && i <= n; i++) {
            if ((i == n || input.wordStart(i) >= offset) && (i == 0 || input.wordStart(i - 1) < offset)) {
                cursor = i;
                return i;
            }
        }
        cursor = input.firstWordAtOrAfter(offset);
        return cursor;
    }

    /** {@link AnalysisInput#lastWordEndingBefore} through {@link #firstWordAtOrAfter(int)}. */
    private int lastWordEndingBefore(int offset) {
        int i = firstWordAtOrAfter(offset) - 1;
        while (i >= 0 && input.wordEnd(i) > offset) {
            i--;
        }
        return i;
    }

    private String at(int i) {
        String v = verdict[i];
        if (v == null) {
            // a word can only match a context word with its first letter ("12" in a text full of times never does)
            char c = input.lowerCase().charAt(input.wordStart(i));
            boolean possible = c < 128 ? asciiFirsts[c] : otherFirsts;
            v = possible ? byWord.computeIfAbsent(input.lowerWord(i), this::match) : NONE;
            verdict[i] = v;
        }
        return v == NONE ? null : v;
    }

    private String match(String word) {
        String hit = ContextEnhancer.match(word, words);
        if (hit == null && !input.extraContext().isEmpty()) {
            hit = ContextEnhancer.match(word, input.extraContext());
        }
        return hit == null ? NONE : hit;
    }
}
