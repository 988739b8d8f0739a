package io.edgerouter.privacy.recognizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text under analysis plus a word tokenisation computed once and shared by all recognizers
 * (context-word lookups, gazetteers). Not thread-safe: one instance per analyze call.
 */
public final class AnalysisInput {

    private final String text;
    private String lower;
    private int[] wordStarts; // (words) offset of each word's first char
    private int[] wordEnds;   // (words) offset one past each word's last char
    private final boolean explain;
    private final Set<String> extraContext;
    private java.util.Map<String, int[]> offsetsByChars;
    private final int[][] tokenStartsByRun = new int[33][];
    private final int[][] offsetsByRun = new int[33][];
    private char[] chars;
    private int[] digitRuns;
    private int[] digitTokenStarts;
    private int[] letterTokenStarts;
    private int[] digitOffsets;
    private int[] tokenStarts; // offsets i with text[i] in [A-Za-z0-9_+(:] and text[i-1] not in [A-Za-z0-9_]
    private double minScore;

    /** @param extraContext lower-case context words from the request, supporting every recognizer's matches */
    public AnalysisInput(String text, boolean explain, Set<String> extraContext) {
        this.text = text;
        this.explain = explain;
        this.extraContext = Set.copyOf(extraContext);
    }

    public AnalysisInput(String text, boolean explain) {
        this(text, explain, Set.of());
    }

    public AnalysisInput(String text) {
        this(text, false);
    }

    public String text() {
        return text;
    }

    /** Whether recognizers should attach an {@link AnalysisExplanation} to each result. */
    public boolean explain() {
        return explain;
    }

    /**
     * The caller's score threshold: a recognizer may skip expensive validation (libphonenumber) of a candidate
     * whose best possible score stays below it, since the analyzer would drop the result anyway. 0 by default.
     */
    public double minScore() {
        return minScore;
    }

    public AnalysisInput withMinScore(double threshold) {
        this.minScore = threshold;
        return this;
    }

    /** Context words given with the request (Presidio's {@code context}), lower case. */
    public Set<String> extraContext() {
        return extraContext;
    }

    /**
     * Offsets where an ASCII token can begin: the character is a letter, digit, '_', '+', '(' or ':' and the one
     * before it (if any) is not a letter, digit or '_'. Gated patterns whose lookbehind forbids {@code \w} can only
     * match here, so they test these few hundred offsets instead of every character. Computed once per text.
     */
    public int[] tokenStarts() {
        if (tokenStarts == null) {
            int[] buf = new int[Math.min(text.length(), 1024)];
            int count = 0;
            boolean prevWord = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
                if (!prevWord && (word || c == '+' || c == '(' || c == ':')) {
                    if (count == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[count++] = i;
                }
                prevWord = word;
            }
            tokenStarts = java.util.Arrays.copyOf(buf, count);
        }
        return tokenStarts;
    }

    /** The {@link #tokenStarts()} whose character is an ASCII digit. */
    public int[] digitTokenStarts() {
        if (digitTokenStarts == null) {
            digitTokenStarts = filter(tokenStarts(), true);
        }
        return digitTokenStarts;
    }

    /**
     * The {@link #digitTokenStarts()} (when {@code tokenStartsOnly}) or {@link #digitOffsets()} where at least
     * {@code run} digits follow in a row: a pattern that needs nine digits from its start is tried only there.
     */
    int[] digitsWithRun(boolean tokenStartsOnly, int run) {
        int[] offsets = tokenStartsOnly ? digitTokenStarts() : digitOffsets();
        if (run <= 1) {
            return offsets;
        }
        int[][] cache = tokenStartsOnly ? tokenStartsByRun : offsetsByRun;
        if (run < cache.length && cache[run] != null) {
            return cache[run];
        }
        int[] out = new int[offsets.length];
        int count = 0;
        for (int i : offsets) {
            if (digitRun(i) >= run) {
                out[count++] = i;
            }
        }
        int[] result = java.util.Arrays.copyOf(out, count);
        if (run < cache.length) {
            cache[run] = result;
        }
        return result;
    }

    /** The {@link #tokenStarts()} whose character is an ASCII letter. */
    public int[] letterTokenStarts() {
        if (letterTokenStarts == null) {
            letterTokenStarts = filter(tokenStarts(), false);
        }
        return letterTokenStarts;
    }

    /** The text's characters (array access is cheaper than {@code charAt} on the hot gate paths). */
    char[] chars() {
        if (chars == null) {
            chars = text.toCharArray();
        }
        return chars;
    }

    /** How many ASCII digits follow in a row from offset {@code i} (0 when {@code text[i]} is none, or past the end). */
    int digitRun(int i) {
        if (digitRuns == null) {
            char[] c = chars();
            int[] runs = new int[c.length + 1];
            for (int k = c.length - 1; k >= 0; k--) {
                runs[k] = c[k] >= '0' && c[k] <= '9' ? runs[k + 1] + 1 : 0;
            }
            digitRuns = runs;
        }
        return i < digitRuns.length ? digitRuns[i] : 0;
    }

    /** Every offset holding an ASCII digit (digit-led patterns that may start inside a token try only these). */
    public int[] digitOffsets() {
        if (digitOffsets == null) {
            int[] buf = new int[Math.min(text.length(), 256)];
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (count == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[count++] = i;
                }
            }
            digitOffsets = java.util.Arrays.copyOf(buf, count);
        }
        return digitOffsets;
    }

    /** Every offset holding one of {@code chars} (a handful), in increasing order; cached per distinct set. */
    int[] offsetsOf(String chars) {
        if (offsetsByChars == null) {
            offsetsByChars = new java.util.HashMap<>();
        }
        return offsetsByChars.computeIfAbsent(chars, cs -> {
            int[] buf = new int[16];
            int count = 0;
            for (int k = 0; k < cs.length(); k++) {
                for (int at = text.indexOf(cs.charAt(k)); at >= 0; at = text.indexOf(cs.charAt(k), at + 1)) {
                    if (count == buf.length) {
                        buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    }
                    buf[count++] = at;
                }
            }
            int[] out = java.util.Arrays.copyOf(buf, count);
            java.util.Arrays.sort(out);
            return out;
        });
    }

    private int[] filter(int[] offsets, boolean digits) {
        int[] out = new int[offsets.length];
        int count = 0;
        for (int i : offsets) {
            char c = text.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (digits ? digit : letter) {
                out[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    public String lowerCase() {
        if (lower == null) {
            lower = text.toLowerCase(Locale.ROOT);
        }
        return lower;
    }

    public int wordCount() {
        tokenize();
        return wordStarts.length;
    }

    public int wordStart(int i) {
        tokenize();
        return wordStarts[i];
    }

    public int wordEnd(int i) {
        tokenize();
        return wordEnds[i];
    }

    public String word(int i) {
        tokenize();
        return text.substring(wordStarts[i], wordEnds[i]);
    }

    public String lowerWord(int i) {
        tokenize();
        return lowerCase().substring(wordStarts[i], wordEnds[i]);
    }

    /** Index of the first word starting at or after {@code offset} (== wordCount() when none). */
    public int firstWordAtOrAfter(int offset) {
        tokenize();
        int lo = 0;
        int hi = wordStarts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (wordStarts[mid] < offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the last word ending at or before {@code offset} (-1 when none). */
    public int lastWordEndingBefore(int offset) {
        int i = firstWordAtOrAfter(offset) - 1;
        while (i >= 0 && wordEnd(i) > offset) {
            i--;
        }
        return i;
    }

    /** Words are runs of letters or digits, joined by inner apostrophes or hyphens ("O'Brien", "Jean-Luc"). */
    private void tokenize() {
        if (wordStarts != null) {
            return;
        }
        List<int[]> spans = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i))
                    || (isJoiner(text.charAt(i)) && i + 1 < n && Character.isLetter(text.charAt(i + 1))
                        && Character.isLetter(text.charAt(i - 1))))) {
                i++;
            }
            spans.add(new int[] {s, i});
        }
        wordStarts = new int[spans.size()];
        wordEnds = new int[spans.size()];
        for (int k = 0; k < spans.size(); k++) {
            wordStarts[k] = spans.get(k)[0];
            wordEnds[k] = spans.get(k)[1];
        }
    }

    private static boolean isJoiner(char c) {
        return c == '\'' || c == '-' || c == '\u2019';
    }
}
