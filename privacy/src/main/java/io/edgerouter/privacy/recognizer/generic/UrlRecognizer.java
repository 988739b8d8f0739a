package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * URLs, as Presidio's UrlRecognizer finds them.
 *
 * <p>Formats: "http://", "https://" or "ftp://" followed by a host and an optional port, path, query and fragment;
 * "www." hosts and bare domains ("microsoft.com", "google.co.il", "xn--80ak6aa92e.com") with an optional path.
 * Trailing sentence punctuation and surrounding quotes are not part of the span (Presidio's quoted patterns put
 * the quotes inside it; we do not, so that a masked {@code "url": "..."} stays valid JSON). A domain right after
 * '@' belongs to an e-mail address, not a URL.
 *
 * <p>Check: the host's last label must be a country-code or common generic top-level domain (Presidio's list of
 * about 660, {@link TopLevelDomains#isCommon}) or a punycode one; with a scheme the host may also be an IPv4 address, a bracketed IPv6 address or
 * "localhost". Hosts that fail are dropped ("http://microsoft", "www.microsoft"). Ladder (Presidio's): 0.6 with a
 * scheme, 0.5 without; +0.35 with context. Context: "url", "website", "link" (Presidio's), "site", "web", "page",
 * "visit", "http".
 */
public final class UrlRecognizer extends PatternRecognizer {

    private static final String TAIL = "(?:[/?#][^\\s<>\"'`]{0,2000}[^\\s<>\"'`.,;:!?)\\]])?";
    private static final String SCHEME = "with scheme";

    public UrlRecognizer() {
        super("UrlRecognizer", Entities.URL, List.of(
                Pattern.jdk(SCHEME, "(?i)\\b(?:https?|ftp)://[^\\s<>\"'`]{0,2000}[^\\s<>\"'`.,;:!?)\\]]", 0.6,
                        StartGate.first(StartGate.Chars.of("hHfF"), StartGate.Chars.WORD)
                                .withCharWithin(3, 5, StartGate.Chars.of(":"))),
                Pattern.jdk("www host", "(?i)(?<![\\w@./-])www\\.[a-z0-9-]{1,63}+(?:\\.[a-z0-9-]{1,63}+){1,6}+" + TAIL, 0.5,
                        StartGate.first(StartGate.Chars.of("wW"), StartGate.Chars.WORD)
                                .withRun(StartGate.Chars.of("wW"), 3).withCharAt(3, StartGate.Chars.of("."))),
                Pattern.jdk("bare domain", "(?i)(?<![\\w@./:-])(?:[a-z0-9][a-z0-9-]{0,62}+\\.){1,4}+"
                        + "(?:xn--[a-z0-9-]{1,59}+|[a-z]{2,63}+)(?![\\w@-]|\\.\\w)" + TAIL, 0.5, StartGate.ALNUM_WORD_START
                        .withInToken(StartGate.Chars.ALNUM.or(StartGate.Chars.of("-.")), StartGate.Chars.of("."), 300))),
                Set.of("url", "website", "site", "link", "web", "page", "visit", "http"));
    }

    @Override
    protected Validation validate(Pattern pattern, String candidate) {
        String host;
        if (pattern.name().equals(SCHEME)) {
            host = candidate.substring(candidate.indexOf("://") + 3);
            int end = firstOf(host, "/?#");
            host = host.substring(0, end);
            host = host.substring(host.lastIndexOf('@') + 1); // user:password@host
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                return close > 0 && IpAddressRecognizer.isIpv6(host.substring(1, close))
                        ? Validation.NOT_APPLICABLE : Validation.INVALID;
            }
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon); // port
            }
            if (host.equalsIgnoreCase("localhost") || IpAddressRecognizer.isIpv4(host)) {
                return Validation.NOT_APPLICABLE;
            }
        } else {
            host = candidate.substring(0, firstOf(candidate, "/?#"));
        }
        int dot = host.lastIndexOf('.');
        boolean known = dot > 0 && dot < host.length() - 1 && host.charAt(dot - 1) != '.'
                && TopLevelDomains.isCommon(host.substring(dot + 1));
        return known ? Validation.NOT_APPLICABLE : Validation.INVALID;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
