package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.recognizer.StartGate;

/**
 * Edges shared by this package's patterns. Presidio brackets its patterns with {@code \b}; these edges are that
 * word boundary (letters and digits of any script count as word characters, as in Python) plus one refinement
 * for numbers: a digit group joined to more digits by '-', '.' or '/' ({@code 12-536-22-8726}, {@code 4.536228726})
 * is a piece of a longer number, not an identifier of its own.
 */
final class Bounds {

    /** No letter, digit or '_' just before. */
    static final String WORD_START = "(?<![\\p{L}\\p{N}_])";
    /** No letter, digit or '_' just after. */
    static final String WORD_END = "(?![\\p{L}\\p{N}_])";
    /** Word start, and not the tail of a digit run joined by '-', '.' or '/'. */
    static final String NUMBER_START = WORD_START + "(?<!\\d[-./])";
    /** Word end, and not followed by '-', '.' or '/' and another digit. */
    static final String NUMBER_END = WORD_END + "(?![-./]\\d)";
    /** Word start, and neither a hyphen before (licence numbers are never hyphenated onto another token). */
    static final String CODE_START = "(?<![\\p{L}\\p{N}_-])";
    /** Word end, and no hyphen after. */
    static final String CODE_END = "(?![\\p{L}\\p{N}_-])";

    static final StartGate.Chars LETTER = StartGate.Chars.UPPER.or(StartGate.Chars.of("abcdefghijklmnopqrstuvwxyz"));
    /** Digit-led match at a word start. */
    static final StartGate DIGIT = StartGate.DIGIT_WORD_START;
    /** Letter-led match (either case) at a word start. */
    static final StartGate LETTER_START = StartGate.first(LETTER, StartGate.Chars.WORD);

    private Bounds() {
    }

    /** The ASCII digits of {@code s}, in order. */
    static String digits(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
