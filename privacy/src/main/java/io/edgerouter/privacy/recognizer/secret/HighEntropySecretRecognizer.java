package io.edgerouter.privacy.recognizer.secret;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * Secrets without a vendor prefix: passwords assigned with {@code password=}/{@code pwd:}, and long tokens
 * whose Shannon entropy and mix of character classes look random. A random-looking token alone is weak
 * (0.3; 0.5 from 32 chars); words like "secret", "password" or "token" nearby raise it.
 */
public final class HighEntropySecretRecognizer extends PatternRecognizer {

    /** Characters of a random-looking token. */
    private static final StartGate.Chars TOKEN = StartGate.Chars.ALNUM.or(StartGate.Chars.of("+/_-"));

    public HighEntropySecretRecognizer() {
        super("HighEntropySecretRecognizer", Entities.SECRET, List.of(
                Pattern.jdk("assigned password", "(?i)(?:password|passwd|passphrase|pwd|secret|secret[_-]?access[_-]?key)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?"
                        + "(?<span>[^\\s\"',;]{6,128}+)", 0.7,
                        StartGate.first(StartGate.Chars.of("pPsS"), StartGate.Chars.NONE)
                                .withCharAt(1, StartGate.Chars.of("aAwWeE"))),
                Pattern.jdk("random-looking token", "(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9+/_-]{20,512}+={0,2}(?![A-Za-z0-9+/=_-]|\\.[A-Za-z0-9])",
                        0.3, StartGate.first(TOKEN, TOKEN.or(StartGate.Chars.of("=."))).withRun(TOKEN, 20))),
                Set.of("secret", "password", "passwd", "token", "key", "credential", "credentials", "apikey", "private"));
    }

    @Override
    protected Validation validate(Pattern pattern, String candidate) {
        if (pattern.name().equals("assigned password")) {
            return Validation.NOT_APPLICABLE; // the assignment itself is the evidence
        }
        return validate(candidate);
    }

    @Override
    protected Validation validate(String candidate) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
        }
        double bits = shannonBitsPerChar(candidate);
        boolean mixed = lower && upper && digit;
        boolean hex = !upper && digit && candidate.chars().allMatch(c -> Character.digit(c, 16) >= 0) && candidate.length() >= 32;
        if ((mixed && bits >= 3.8) || (hex && bits >= 3.0)) {
            return candidate.length() >= 32 ? Validation.VALID : Validation.NOT_APPLICABLE;
        }
        return Validation.INVALID;
    }

    @Override
    protected double validatedScore() {
        return 0.5;
    }

    static double shannonBitsPerChar(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int n : counts) {
            if (n > 0) {
                double p = (double) n / s.length();
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = (double) other / s.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
