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

    /** Same matches as {@link #forEachMatch(CharSequence, MatchSink)}; may use the input's shared token offsets. */
    default void forEachMatch(AnalysisInput input, MatchSink sink) {
        forEachMatch(input.text(), sink);
    }

    /**
     * How many digits every match of {@code regex} starts with, read conservatively off its source: after an optional
     * {@code (?i)} and any leading lookbehinds, a {@code \d{n...}} or {@code [0-9]{n...}} (or a bare {@code \d});
     * 0 when the regex has a top-level alternative or starts any other way.
     */
    static int leadingDigits(String regex) {
        for (int k = 0; k < regex.length(); k = atomEnd(regex, k) + 1) {
            if (regex.charAt(k) == '|') {
                return 0; // a top-level alternative could start otherwise
            }
        }
        int i = regex.startsWith("(?i)") ? 4 : 0;
        while (regex.startsWith("(?<!", i) || regex.startsWith("(?<=", i)) {
            i = atomEnd(regex, i) + 1;
        }
        int after;
        if (regex.startsWith("\\d", i)) {
            after = i + 2;
        } else if (regex.startsWith("[0-9]", i)) {
            after = i + 5;
        } else {
            return 0;
        }
        if (after < regex.length() && regex.charAt(after) == '{') {
            int n = 0;
            int k = after + 1;
            while (k < regex.length() && Character.isDigit(regex.charAt(k))) {
                n = n * 10 + (regex.charAt(k++) - '0');
            }
            return k < regex.length() && (regex.charAt(k) == ',' || regex.charAt(k) == '}') ? n : 0;
        }
        boolean optional = after < regex.length() && "?*".indexOf(regex.charAt(after)) >= 0;
        return optional ? 0 : 1;
    }

    /**
     * The index of the last character of the atom starting at {@code k}: an escape, a character class, a group (with
     * everything nested in it) or one character. Past the end when a class or group is not closed.
     */
    private static int atomEnd(String regex, int k) {
        char c = regex.charAt(k);
        if (c == '\\') {
            return k + 1;
        }
        if (c == '[') {
            int j = k + 1;
            if (j < regex.length() && regex.charAt(j) == '^') {
                j++;
            }
            if (j < regex.length() && regex.charAt(j) == ']') {
                j++; // a leading ']' is a member
            }
            for (; j < regex.length() && regex.charAt(j) != ']'; j++) {
                if (regex.charAt(j) == '\\') {
                    j++;
                }
            }
            return j;
        }
        if (c == '(') {
            int j = k + 1;
            while (j < regex.length() && regex.charAt(j) != ')') {
                j = atomEnd(regex, j) + 1;
            }
            return j;
        }
        return k;
    }

    /** Where a match may start ({@link StartGate#ANYWHERE} for patterns without a gate). */
    default StartGate gate() {
        return StartGate.ANYWHERE;
    }

    /** A trusted, hand-written pattern (bounded quantifiers, no nested repetition). */
    static CompiledPattern jdk(String regex) {
        return jdk(regex, 0);
    }

    static CompiledPattern jdk(String regex, int flags) {
        return jdk(regex, flags, StartGate.ANYWHERE);
    }

    /** A trusted pattern tried only at offsets its {@link StartGate} accepts. */
    static CompiledPattern jdk(String regex, StartGate gate) {
        return jdk(regex, 0, gate);
    }

    static CompiledPattern jdk(String regex, int flags, StartGate gate) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex, flags);
        boolean named = regex.contains("(?<span>");
        String firstChars = gate.firstChars(4); // "AKIA...", "xox...": found with indexOf instead of a scan
        // "nine digits from the start" (declared by the gate, or read off the regex): only offsets where they follow
        int digitRun = gate.firstIsDigit() ? Math.max(gate.leadingDigitRun(), leadingDigits(regex)) : 0;
        return new CompiledPattern() {
            @Override
            public String source() {
                return regex;
            }

            @Override
            public StartGate gate() {
                return gate;
            }

            @Override
            public void forEachMatch(CharSequence text, MatchSink sink) {
                Matcher m = p.matcher(text);
                if (gate == StartGate.ANYWHERE) {
                    while (m.find()) {
                        report(m, sink);
                    }
                    return;
                }
                // same matches as find(): leftmost start at or after the previous match's end, gated offsets only
                m.useTransparentBounds(true).useAnchoringBounds(false);
                int n = text.length();
                int i = 0;
                while (i < n) {
                    if (gate.canStartAt(text, i) && m.region(i, n).lookingAt()) {
                        report(m, sink);
                        i = Math.max(m.end(), i + 1);
                    } else {
                        i++;
                    }
                }
            }

            @Override
            public void forEachMatch(AnalysisInput input, MatchSink sink) {
                int[] offsets; // every offset the gate can accept is in here (a superset, in increasing order)
                if (gate == StartGate.ANYWHERE) {
                    forEachMatch(input.text(), sink);
                    return;
                } else if (gate.onlyAtTokenStarts()) {
                    offsets = gate.firstIsDigit() ? input.digitsWithRun(true, digitRun)
                            : gate.firstIsLetter() ? input.letterTokenStarts() : input.tokenStarts();
                } else if (gate.firstIsDigit()) {
                    offsets = input.digitsWithRun(false, digitRun);
                } else if (firstChars != null) {
                    offsets = input.offsetsOf(firstChars);
                } else {
                    forEachMatch(input.text(), sink);
                    return;
                }
                String text = input.text();
                Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                int resumeAt = 0; // find() semantics: the next match starts at or after the previous match's end
                for (int i : offsets) {
                    if (i >= resumeAt && gate.canStartAt(input, i) && m.region(i, text.length()).lookingAt()) {
                        report(m, sink);
                        resumeAt = Math.max(m.end(), i + 1);
                    }
                }
            }

            private void report(Matcher m, MatchSink sink) {
                int s = named ? m.start("span") : m.start();
                int e = named ? m.end("span") : m.end();
                if (s >= 0 && e > s) {
                    sink.accept(s, e);
                }
            }
        };
    }

    /** An untrusted pattern compiled with RE2/J; throws {@link InvalidPatternException} naming the problem. */
    static CompiledPattern re2(String regex) {
        return re2(regex, 0);
    }

    /**
     * @param flags RE2/J flags ({@code com.google.re2j.Pattern.CASE_INSENSITIVE | DOTALL | MULTILINE})
     * @throws InvalidPatternException with field {@code regex} when RE2/J rejects the pattern, when it matches the
     *                                 empty string (it would report nothing useful at every offset), or when it
     *                                 compiles to a program too large to run quickly on long texts
     */
    static CompiledPattern re2(String regex, int flags) {
        if (regex == null || regex.isEmpty()) {
            throw new InvalidPatternException("regex", "must not be empty", null);
        }
        long states = RegexSize.estimate(regex);
        if (states > RegexSize.MAX_STATES) {
            throw new InvalidPatternException("regex", "'" + regex + "' expands to about " + states
                    + " matcher states (limit " + RegexSize.MAX_STATES + "); use smaller or fewer nested repeat counts", null);
        }
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(regex, flags);
        } catch (com.google.re2j.PatternSyntaxException e) {
            throw new InvalidPatternException("regex", "'" + regex + "' is not a valid RE2 pattern: "
                    + e.getDescription() + " (RE2 syntax has no backreferences and no lookaround)", e);
        } catch (RuntimeException e) { // RE2/J signals some oversized programs with other unchecked exceptions
            throw new InvalidPatternException("regex", "'" + regex + "' cannot be compiled by RE2: " + e, e);
        }
        if (p.matcher("").matches()) {
            throw new InvalidPatternException("regex", "'" + regex + "' matches the empty string", null);
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
