package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.CompiledPattern;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** E-mail addresses: a loose pattern (0.5) confirmed by a local-part and domain shape check (1.0). */
public final class EmailRecognizer extends PatternRecognizer {

    private static final String REGEX = "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+"
            + "@[A-Za-z0-9][A-Za-z0-9-]{0,62}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}\\.[A-Za-z]{2,24}+(?![\\w-]|\\.\\w)";

    /** Characters of the local part; the pattern's lookbehind forbids exactly these before the address. */
    private static final StartGate.Chars LOCAL = StartGate.Chars.ALNUM.or(StartGate.Chars.of("._%+-"));
    private static final int MAX_LOCAL = 64;

    public EmailRecognizer() {
        super("EmailRecognizer", Entities.EMAIL_ADDRESS, List.of(new Pattern("email (medium)", atAnchored(), 0.5)),
                Set.of("email", "e-mail", "mail", "contact"));
    }

    /**
     * The pattern tried only where it can start: for each '@', the start of the run of local-part characters before
     * it (any later start would have a local-part character before it, which the lookbehind forbids). Same matches
     * as {@code find()}, without running the regex at every word of the prompt.
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
                    while (left > 0 && at - left <= MAX_LOCAL && LOCAL.contains(text.charAt(left - 1))) {
                        left--;
                    }
                    if (left == at || left < from || at - left > MAX_LOCAL) {
                        continue;
                    }
                    if (m.region(left, text.length()).lookingAt()) {
                        sink.accept(m.start(), m.end());
                        from = m.end();
                    }
                }
            }
        };
    }

    @Override
    protected boolean mightContain(AnalysisInput input) {
        return input.text().indexOf('@') >= 0;
    }

    @Override
    protected Validation validate(String candidate) {
        int at = candidate.indexOf('@');
        String local = candidate.substring(0, at);
        String domain = candidate.substring(at + 1);
        if (local.endsWith(".") || local.contains("..")) {
            return Validation.INVALID;
        }
        for (String label : domain.split("\\.")) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return Validation.INVALID;
            }
        }
        return Validation.VALID;
    }
}
