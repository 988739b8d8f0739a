package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidPatternException;
import java.util.regex.Matcher;

/**
 * A compiled regular expression behind one small interface, so that built-in recognizers can use carefully
 * written {@code java.util.regex} patterns while untrusted policy patterns run on RE2/J (linear time, no
 * backtracking). A trusted pattern may report only part of its match through a group named {@code span}
 * ({@code (?<span>...)}); otherwise, and always for RE2/J, the whole match is the span.
 */
public interface CompiledPattern {

    /** Receives one match span [start, end). */
    @FunctionalInterface
    interface MatchSink {
        void accept(int start, int end);
    }

    String source();

    void forEachMatch(CharSequence text, MatchSink sink);

    /** A trusted, hand-written pattern (bounded quantifiers, no nested repetition). */
    static CompiledPattern jdk(String regex) {
        return jdk(regex, 0);
    }

    static CompiledPattern jdk(String regex, int flags) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, flags);
        boolean named = regex.contains("(?<span>");
        return new CompiledPattern() {
            @Override
            public String source() {
                return regex;
            }

            @Override
            public void forEachMatch(CharSequence text, MatchSink sink) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    int s = named ? m.start("span") : m.start();
                    int e = named ? m.end("span") : m.end();
                    if (s >= 0 && e > s) {
                        sink.accept(s, e);
                    }
                }
            }
        };
    }

    /** An untrusted pattern compiled with RE2/J; throws {@link InvalidPatternException} naming the problem. */
    static CompiledPattern re2(String regex) {
        if (regex == null || regex.isEmpty()) {
            throw new InvalidPatternException("regex must not be empty", null);
        }
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(regex);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new InvalidPatternException("invalid regex '" + regex + "': " + e.getDescription()
                    + " (RE2 syntax: no backreferences or lookaround)", e);
        }
        if (p.matcher("").matches()) {
            throw new InvalidPatternException("regex '" + regex + "' matches the empty string", null);
        }
        return new CompiledPattern() {
            @Override
            public String source() {
                return regex;
            }

            @Override
            public void forEachMatch(CharSequence text, MatchSink sink) {
                com.google.re2j.Matcher m = p.matcher(text);
                while (m.find()) {
                    if (m.end() > m.start()) {
                        sink.accept(m.start(), m.end());
                    }
                }
            }
        };
    }
}
