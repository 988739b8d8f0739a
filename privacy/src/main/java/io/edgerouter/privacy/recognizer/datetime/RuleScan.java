package io.edgerouter.privacy.recognizer.datetime;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.datetime.DateTimeRules.Rule;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds the matches of every {@link DateTimeRules} rule in one pass over the text's tokens: at each token only the
 * rules whose {@link DateTimeRules.Anchor} accepts it (a digit run of the right length before the right separator,
 * a month or weekday name, "next", "since"...) try their hand-written shape or their regex. Each rule keeps
 * {@code find()} semantics (its next match starts at or after its previous match's end), so the matches are
 * exactly those of each rule's pattern scanning the whole text on its own, as {@code RuleScanOracleTest} checks.
 */
public final class RuleScan {

    /** Receives one match of rule {@code rule} (an index in {@link DateTimeRules#rules()}), spanning [start, end). */
    @FunctionalInterface
    public interface Sink {
        void accept(int rule, int start, int end);
    }

    private static final List<Rule> RULES = DateTimeRules.rules();

    /*
     * The rules (as bits of a long, in rule order) that can start at a token, by what the token is: one of its
     * classes, the character after its run, the run's length (16: 16 or more). A token's candidates are the
     * intersection, so most tokens cost a few table look-ups whatever the number of rules.
     */
    private static final int LONG_RUN = 16;
    private static final long[] BY_CLASS = new long[32];
    private static final long[] BY_AFTER = new long[129]; // 128: a non-ASCII character
    private static final long[] BY_LENGTH = new long[LONG_RUN + 1];

    static {
        if (RULES.size() > 64) {
            throw new IllegalStateException("RuleScan keeps the rules in a long: at most 64");
        }
        for (int r = 0; r < RULES.size(); r++) {
            DateTimeRules.Anchor a = RULES.get(r).anchor();
            long bit = 1L << r;
            for (int c = 0; c < 32; c++) {
                if ((a.first() & (1 << c)) != 0) {
                    BY_CLASS[c] |= bit;
                }
            }
            for (int c = 0; c <= 128; c++) {
                if (a.after() == null || c < 128 && a.after().contains((char) c)) {
                    BY_AFTER[c] |= bit;
                }
            }
            for (int n = 0; n <= LONG_RUN; n++) {
                if (n >= a.minLength() && (n < LONG_RUN ? n <= a.maxLength() : a.maxLength() >= LONG_RUN)) {
                    BY_LENGTH[n] |= bit;
                }
            }
        }
    }

    private final String text;
    private final TokenIndex tokens;
    private final Sink sink;
    private long live; // the rules that can match somewhere in the text
    private int firsts; // token classes some live rule starts with
    private final int[] resumeAt = new int[RULES.size()];
    private final Matcher[] matchers = new Matcher[RULES.size()];
    private final Matcher[] bodyMatchers = new Matcher[RULES.size()];

    private RuleScan(AnalysisInput input, Sink sink) {
        this.text = input.text();
        this.tokens = new TokenIndex(input);
        this.sink = sink;
        boolean[] present = DateTimeRules.neededPresent(text);
        for (int r = 0; r < RULES.size(); r++) {
            Rule rule = RULES.get(r);
            if (rule.possibleIn(present) && rule.anchor().possibleIn(tokens)) {
                live |= 1L << r;
                firsts |= rule.anchor().first();
            }
        }
    }

    /** Reports every rule's matches in {@code input}, in token order. */
    public static void scan(AnalysisInput input, Sink sink) {
        RuleScan scan = new RuleScan(input, sink);
        if (scan.live == 0) {
            return;
        }
        TokenIndex tokens = scan.tokens;
        for (int k = 0; k < tokens.size(); k++) {
            if ((tokens.classes(k) & scan.firsts) != 0) {
                scan.token(k);
            }
        }
    }

    /** Tries, at token {@code k}, every live rule that can start there, in rule order. */
    private void token(int k) {
        int classes = tokens.classes(k);
        long byClass = 0;
        for (int c = classes; c != 0; c &= c - 1) {
            byClass |= BY_CLASS[Integer.numberOfTrailingZeros(c)];
        }
        char after = tokens.after(k, 0);
        long candidates = live & byClass & BY_AFTER[Math.min(after, 128)]
                & BY_LENGTH[Math.min(tokens.length(k), LONG_RUN)];
        int i = tokens.start(k);
        for (; candidates != 0; candidates &= candidates - 1) {
            int r = Long.numberOfTrailingZeros(candidates);
            Rule rule = RULES.get(r);
            if (i >= resumeAt[r] && rule.anchor().at(tokens, k) && rule.gate().canStartAt(text, i)) {
                attempt(r, rule, i);
            }
        }
    }

    /** Rule {@code j} at offset {@code i}: its hand-written shape if that knows, else its regex. */
    private void attempt(int j, Rule rule, int i) {
        int fast = rule.fast() == null ? -1 : rule.fast().end(text, i);
        if (fast > i) {
            resumeAt[j] = fast;
            sink.accept(j, i, fast);
            return;
        }
        java.util.regex.Pattern regex = rule.regexAt(text, i);
        Matcher[] cache = regex == rule.regex() ? matchers : bodyMatchers;
        Matcher m = cache[j];
        if (m == null) {
            m = regex.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            cache[j] = m;
        }
        if (!m.region(i, text.length()).lookingAt()) {
            return;
        }
        resumeAt[j] = Math.max(m.end(), i + 1);
        int s = rule.reportsGroup() ? m.start("span") : m.start();
        int e = rule.reportsGroup() ? m.end("span") : m.end();
        if (s >= 0 && e > s) {
            sink.accept(j, s, e);
        }
    }
}
