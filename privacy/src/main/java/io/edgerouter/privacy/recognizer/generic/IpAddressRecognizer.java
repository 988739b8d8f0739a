package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * IP addresses (IP_ADDRESS), as Presidio's IpRecognizer finds them.
 *
 * <p>Formats: IPv4 dotted quads, optionally with a CIDR suffix ("10.0.0.0/8"); IPv6 full, compressed ("2001:db8::1",
 * "::1"), IPv4-mapped and -embedded ("::ffff:192.0.2.1", "64:ff9b::192.0.2.1"), scoped ("fe80::1%eth0") and with a
 * prefix length ("2001:db8::/32"); the unspecified address "::" (alone or "::/0") as a weak form. A suffix that is
 * no valid prefix length stays outside the span ("10.0.0.0/123" reports "10.0.0.0"); an IPv4 address followed by a
 * further ".1" or preceded by ':' still reports its four octets, as Presidio does.
 *
 * <p>Check: a small parser (octets 0-255 without leading zeros, eight 16-bit groups, one "::"), never a resolver.
 * Ladder: 0.6 for a valid address (Presidio's score; version strings look alike), 0.1 for "::", invalid ones are
 * dropped; +0.35 with context. Context: "ip", "ipv4", "ipv6" (Presidio's), "address", "host", "server", "gateway",
 * "subnet", "dns". A match inside a longer match (the IPv4 tail of a mapped IPv6 address) is not reported twice.
 */
public final class IpAddressRecognizer extends PatternRecognizer {

    private static final String V4 = "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?:/(?:3[0-2]|[12]?\\d))?(?!\\w)";
    private static final String V6 = "(?<![\\w:.%])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}+"
            + "(?:\\.\\d{1,3}){0,3}+(?:%[A-Za-z0-9_]{1,16})?(?:/(?:12[0-8]|1[01]\\d|[1-9]?\\d))?(?![\\w:]|\\.\\d)";

    public IpAddressRecognizer() {
        super("IpRecognizer", Entities.IP_ADDRESS, List.of(
                Pattern.jdk("IPv4", V4, 0.6, StartGate.DIGIT_WORD_START.withCharWithin(1, 3, StartGate.Chars.of("."))),
                // base 0.1, Presidio's score for the unspecified address "::"; every other valid address gets 0.6
                Pattern.jdk("IPv6", V6, 0.1, StartGate.first(StartGate.Chars.HEX.or(StartGate.Chars.of(":")),
                        StartGate.Chars.WORD.or(StartGate.Chars.of(":.%"))).withCharWithin(0, 4, StartGate.Chars.of(":")))),
                Set.of("ip", "ipv4", "ipv6", "address", "host", "server", "gateway", "subnet", "dns"));
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        List<RecognizerResult> all = super.analyze(input);
        if (all.size() < 2) {
            return all;
        }
        // longest first among equal starts; a result is dropped when an earlier-starting or longer one covers it
        List<RecognizerResult> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingInt(RecognizerResult::start).thenComparingInt(r -> -r.end()));
        List<RecognizerResult> out = new ArrayList<>(sorted.size());
        int coveredTo = -1;
        for (RecognizerResult r : sorted) {
            if (r.end() <= coveredTo) {
                continue;
            }
            out.add(r);
            coveredTo = r.end();
        }
        return out;
    }

    @Override
    protected Validation validate(Pattern pattern, String candidate) {
        Validation v = validate(candidate);
        return v == Validation.VALID && candidate.startsWith("::") && stripPrefixLength(candidate).equals("::")
                ? Validation.NOT_APPLICABLE // the unspecified address keeps its weak score
                : v;
    }

    @Override
    protected Validation validate(String candidate) {
        String c = stripPrefixLength(candidate);
        if (c == null) {
            return Validation.INVALID;
        }
        if (c.indexOf(':') < 0) {
            return isIpv4(c) ? Validation.VALID : Validation.INVALID;
        }
        return isIpv6(c) ? Validation.VALID : Validation.INVALID;
    }

    /** A valid address is still only moderately likely to be PII (version strings look alike). */
    @Override
    protected double validatedScore() {
        return 0.6;
    }

    private static String stripPrefixLength(String c) {
        int slash = c.indexOf('/');
        if (slash < 0) {
            return c;
        }
        int bits = Integer.parseInt(c.substring(slash + 1));
        boolean v6 = c.indexOf(':') >= 0;
        return bits <= (v6 ? 128 : 32) ? c.substring(0, slash) : null;
    }

    public static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIpv6(String address) {
        String s = address;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int groupsNeeded = 8;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        if (dbl >= 0) {
            String head = s.substring(0, dbl);
            String tail = s.substring(dbl + 2);
            int n = countGroups(head) + countGroups(tail);
            return n >= 0 && n < groupsNeeded && (head.isEmpty() || countGroups(head) > 0)
                    && (tail.isEmpty() || countGroups(tail) > 0);
        }
        return countGroups(s) == groupsNeeded;
    }

    /** Number of colon-separated 1-4 digit hex groups, or -100 when any group is malformed. */
    private static int countGroups(String s) {
        if (s.isEmpty()) {
            return 0;
        }
        String[] groups = s.split(":", -1);
        for (String g : groups) {
            if (g.isEmpty() || g.length() > 4) {
                return -100;
            }
            for (int i = 0; i < g.length(); i++) {
                if (Character.digit(g.charAt(i), 16) < 0) {
                    return -100;
                }
            }
        }
        return groups.length;
    }
}
