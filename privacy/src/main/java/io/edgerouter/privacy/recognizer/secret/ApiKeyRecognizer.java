package io.edgerouter.privacy.recognizer.secret;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import io.edgerouter.privacy.recognizer.StartGate.Chars;
import java.util.List;
import java.util.Set;

/**
 * API keys whose vendor prefix makes them unmistakable (AWS, GitHub, Slack, Google, Stripe, OpenAI-style,
 * SendGrid), plus values assigned to names such as {@code api_key=} or {@code aws_secret_access_key:}.
 */
public final class ApiKeyRecognizer extends PatternRecognizer {

    private static final String END = "(?![A-Za-z0-9_-])";
    private static final Chars ALNUM = Chars.ALNUM;

    /** Gate: the key's first character is one of {@code first} and the lookbehind's characters are not before it. */
    private static StartGate after(String first, Chars notAfter) {
        return StartGate.first(Chars.of(first), notAfter);
    }

    public ApiKeyRecognizer() {
        super("ApiKeyRecognizer", Entities.API_KEY, List.of(
                Pattern.jdk("aws access key id", "(?<![A-Za-z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}"
                        + "(?![A-Za-z0-9])", 0.9, after("A", ALNUM).withCharAt(1, Chars.of("KSGIRN"))),
                Pattern.jdk("github token", "(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,240})"
                        + END, 0.95, after("g", ALNUM.or(Chars.of("_"))).withCharAt(1, Chars.of("hi"))),
                Pattern.jdk("slack token", "(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,100}" + END, 0.95,
                        after("x", ALNUM).withCharAt(1, Chars.of("o"))),
                Pattern.jdk("google api key", "(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}" + END, 0.9,
                        after("A", ALNUM).withCharAt(1, Chars.of("I"))),
                Pattern.jdk("stripe key", "(?<![A-Za-z0-9])(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,99}" + END, 0.9,
                        after("srp", ALNUM).withCharAt(1, Chars.of("k"))),
                Pattern.jdk("sk- style key", "(?<![A-Za-z0-9_-])sk-(?:proj-|ant-(?:api\\d{2}-)?)?[A-Za-z0-9_-]{20,200}" + END, 0.8,
                        after("s", ALNUM.or(Chars.of("_-"))).withCharAt(1, Chars.of("k"))),
                Pattern.jdk("sendgrid key", "(?<![A-Za-z0-9])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}" + END, 0.95, after("S", ALNUM).withCharAt(1, Chars.of("G"))),
                Pattern.jdk("assigned key", "(?i)(?:api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?|x-api-key)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?"
                        + "(?<span>[A-Za-z0-9_\\-./+=]{16,200}+)", 0.7, after("aAxX", Chars.NONE).withCharAt(1, Chars.of("pPcC-")))),
                Set.of("key", "api", "token", "secret", "credential", "credentials"));
    }

    @Override
    protected Validation validate(String candidate) {
        // an assigned value made of one repeated character or a placeholder word is an example, not a key
        boolean allSame = candidate.chars().distinct().count() <= 2;
        boolean placeholder = candidate.toLowerCase().contains("your") || candidate.toLowerCase().contains("xxxx");
        return allSame || placeholder ? Validation.INVALID : Validation.NOT_APPLICABLE;
    }
}
