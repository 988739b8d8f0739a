package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * URLs with a scheme, "www." hosts, and bare domains with a common top-level domain. Trailing sentence
 * punctuation is not part of the match. A domain right after '@' belongs to an e-mail address, not a URL.
 */
public final class UrlRecognizer extends PatternRecognizer {

    private static final String TAIL = "(?:[/?#][^\\s<>\"'`]{0,2000}[^\\s<>\"'`.,;:!?)\\]])?";
    private static final String TLDS = "com|org|net|io|dev|ai|app|edu|gov|info|biz|co\\.uk|org\\.uk|ac\\.uk|uk|de|fr"
            + "|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|eu|us|ca|au|nz|jp|cn|in|br|mx|ru|za|sg|co";

    public UrlRecognizer() {
        super("UrlRecognizer", Entities.URL, List.of(
                Pattern.jdk("with scheme", "(?i)\\b(?:https?|ftp)://[^\\s<>\"'`]{0,2000}[^\\s<>\"'`.,;:!?)\\]]", 0.6,
                        StartGate.first(StartGate.Chars.of("hHfF"), StartGate.Chars.WORD)
                                .withCharWithin(3, 5, StartGate.Chars.of(":"))),
                Pattern.jdk("www host", "(?i)(?<![\\w@./-])www\\.[a-z0-9-]{1,63}+(?:\\.[a-z0-9-]{1,63}+){1,6}+" + TAIL, 0.5,
                        StartGate.first(StartGate.Chars.of("wW"), StartGate.Chars.WORD)
                                .withRun(StartGate.Chars.of("wW"), 3).withCharAt(3, StartGate.Chars.of("."))),
                Pattern.jdk("bare domain", "(?i)(?<![\\w@./:-])(?:[a-z0-9][a-z0-9-]{0,62}+\\.){1,4}+(?:" + TLDS
                        + ")(?![\\w@-]|\\.\\w)" + TAIL, 0.45, StartGate.ALNUM_WORD_START
                        .withInToken(StartGate.Chars.ALNUM.or(StartGate.Chars.of("-.")), StartGate.Chars.of("."), 300))),
                Set.of("url", "website", "site", "link", "web", "page", "visit", "http"));
    }
}
