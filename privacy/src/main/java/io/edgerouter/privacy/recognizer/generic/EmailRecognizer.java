package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompiledPattern;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * E-mail addresses, as Presidio's EmailRecognizer finds them.
 *
 * <p>Formats: a local part of letters, digits (any script) and the RFC 5322 symbols {@code !#$%&'*+/=?^`{|}~-}
 * with inner dots, starting with a letter, digit or '_' (so a quote or a '+' before the address stays outside the
 * span, unless a letter or digit precedes it within four symbols: then that letter starts the address); '@'; two or more dot-separated labels of letters and digits (any script, so IDN domains match) with inner
 * hyphens ("xn--80ak6aa92e" punycode labels included).
 *
 * <p>Check: the last label must be a delegated top-level domain (IANA root zone, ASCII, punycode or Unicode), as
 * Presidio's public-suffix check requires; the local part must not end with a dot nor contain ".." (RFC 5322 dot
 * atoms; Presidio accepts both). Ladder: pattern 0.5, check passes 1.0, check fails: dropped. Context: "email",
 * "e-mail", "mail", "contact" (only matters for custom patterns: every reported address is already 1.0).
 *
 * <p>Speed: the regex is tried only from the '@' signs of the text, at the first letter or digit of the run of
 * local-part characters before each one; the result equals {@code Matcher.find()} (the lookbehind rejects every
 * later start in the same run).
 */
public final class EmailRecognizer extends PatternRecognizer {

    private static final String W = "[\\p{L}\\p{M}\\p{N}_]";
    private static final String SYMBOLS = "[!#$%&'*+/=?^`{|}~.-]";
    private static final String LABEL = W + "{1,63}+(?:-{1,10}+" + W + "{1,63}+){0,12}+";
    private static final String REGEX = "(?<!" + W + SYMBOLS + "{0,3}|" + W + ")" + W + "(?:" + W + "|" + SYMBOLS
            + "){0,63}+@" + LABEL + "(?:\\." + LABEL + "){1,10}+(?!" + W + ")";

    public EmailRecognizer() {
        super("EmailRecognizer", Entities.EMAIL_ADDRESS, List.of(new Pattern("email (medium)", atAnchored(), 0.5)),
                Set.of("email", "e-mail", "mail", "contact"));
    }

    /** Letter, mark, number or '_' ({@link #W}). */
    static boolean isWord(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    private static boolean isSymbol(int cp) {
        return cp < 128 && "!#$%&'*+/=?^`{|}~.-".indexOf(cp) >= 0;
    }

    /**
     * The pattern tried only where it can start: for each '@', the offsets of the run of local-part characters
     * before it where a word character follows a non-word one (or the run begins); the first that matches wins, as
     * in {@code find()}. Runs end at the previous '@', so the scans cover the text once.
     */
    private static CompiledPattern atAnchored() {
        java.util.regex.Pattern regex = java.util.regex.Pattern.compile(REGEX);
        return new CompiledPattern() {
            @Override
            public String source() {
                return REGEX;
            }

            @Override
            public void forEachMatch(CharSequence chars, MatchSink sink) {
                String text = chars.toString();
                Matcher m = regex.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                int from = 0;
                for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
                    int left = at;
                    while (left > from) {
                        int cp = Character.codePointBefore(text, left);
                        if (!isWord(cp) && !isSymbol(cp)) {
                            break;
                        }
                        left -= Character.charCount(cp);
                    }
                    if (!dotBeforeNextAt(text, at)) {
                        continue; // "a@b@c": no domain can follow this '@'
                    }
                    int previous = -1; // code point before i
                    for (int i = left; i < at; ) {
                        int cp = text.codePointAt(i);
                        if (isWord(cp) && (i == left || !isWord(previous))
                                && m.region(i, text.length()).lookingAt()) {
                            sink.accept(m.start(), m.end());
                            from = m.end();
                            break;
                        }
                        previous = cp;
                        i += Character.charCount(cp);
                    }
                }
            }
        };
    }

    /**
     * Whether a '.' follows {@code at} before the next '@' or white space (a domain needs one). Each scan stops at
     * the next '@', so all scans together read the text about once.
     */
    private static boolean dotBeforeNextAt(String text, int at) {
        for (int k = at + 1; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '.') {
                return true;
            }
            if (c == '@' || Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }

    @Override
    protected boolean mightContain(AnalysisInput input) {
        return input.text().indexOf('@') >= 0;
    }

    @Override
    protected Validation validate(String candidate) {
        int at = candidate.indexOf('@');
        String local = candidate.substring(0, at);
        if (local.endsWith(".") || local.contains("..")) {
            return Validation.INVALID;
        }
        String tld = candidate.substring(candidate.lastIndexOf('.') + 1);
        return TopLevelDomains.contains(tld) ? Validation.VALID : Validation.INVALID;
    }
}
