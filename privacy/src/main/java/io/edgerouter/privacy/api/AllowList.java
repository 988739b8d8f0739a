package io.edgerouter.privacy.api;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.InvalidPatternException;
import io.edgerouter.privacy.recognizer.RegexSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Presidio's {@code allow_list}: detected values that must not be reported. With {@code allow_list_match: exact}
 * a value is allowed when it equals an entry; with {@code regex} when an entry (RE2/J, linear time) matches the
 * whole value.
 */
final class AllowList {

    private static final AllowList NONE = new AllowList(Set.of(), List.of());

    private final Set<String> exact;
    private final List<com.google.re2j.Pattern> patterns;

    private AllowList(Set<String> exact, List<com.google.re2j.Pattern> patterns) {
        this.exact = exact;
        this.patterns = patterns;
    }

    static AllowList of(List<String> entries, String match, int re2Flags) {
        String mode = match == null ? "exact" : match;
        if (!mode.equals("exact") && !mode.equals("regex")) {
            throw new InvalidInputException("allow_list_match", "must be 'exact' or 'regex', got '" + mode + "'");
        }
        if (entries == null || entries.isEmpty()) {
            return NONE;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null) {
                throw new InvalidInputException("allow_list[" + i + "]", "must be a string, got null");
            }
        }
        if (mode.equals("exact")) {
            return new AllowList(Set.copyOf(entries), List.of());
        }
        if (entries.size() > PresidioApi.MAX_REQUEST_REGEXES) {
            throw new InvalidInputException("allow_list", "at most " + PresidioApi.MAX_REQUEST_REGEXES
                    + " regexes when allow_list_match is 'regex', got " + entries.size());
        }
        List<com.google.re2j.Pattern> compiled = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            long states = RegexSize.estimate(entries.get(i));
            if (states > RegexSize.MAX_STATES) {
                throw new InvalidPatternException("allow_list[" + i + "]", "expands to about " + states
                        + " matcher states (limit " + RegexSize.MAX_STATES + ")", null);
            }
            try {
                compiled.add(com.google.re2j.Pattern.compile(entries.get(i), re2Flags));
            } catch (RuntimeException e) { // PatternSyntaxException, or RE2/J refusing an oversized program
                throw new InvalidPatternException("allow_list[" + i + "]", "'" + entries.get(i)
                        + "' is not a valid RE2 pattern: " + e.getMessage(), e);
            }
        }
        return new AllowList(Set.of(), compiled);
    }

    boolean allows(String value) {
        if (exact.contains(value)) {
            return true;
        }
        for (com.google.re2j.Pattern p : patterns) {
            if (p.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
