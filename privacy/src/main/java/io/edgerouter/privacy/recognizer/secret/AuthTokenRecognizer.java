package io.edgerouter.privacy.recognizer.secret;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * JSON Web Tokens (three base64url segments whose header decodes to JSON naming an "alg") and the credential
 * after "Bearer" in an Authorization header.
 */
public final class AuthTokenRecognizer extends PatternRecognizer {

    public AuthTokenRecognizer() {
        super("AuthTokenRecognizer", Entities.AUTH_TOKEN, List.of(
                Pattern.jdk("jwt", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}+\\.eyJ[A-Za-z0-9_-]{5,8000}+"
                        + "\\.[A-Za-z0-9_-]{0,2000}+", 0.6,
                        StartGate.first(StartGate.Chars.of("e"), StartGate.Chars.WORD.or(StartGate.Chars.of("-")))
                                .withCharAt(1, StartGate.Chars.of("y"))),
                Pattern.jdk("bearer credential", "(?i)\\bbearer\\s{1,3}(?<span>[A-Za-z0-9\\-._~+/]{16,4000}+=*)", 0.8,
                        StartGate.first(StartGate.Chars.of("bB"), StartGate.Chars.WORD)
                                .withCharAt(1, StartGate.Chars.of("eE")))),
                Set.of("token", "bearer", "authorization", "jwt", "auth"));
    }

    @Override
    protected Validation validate(String candidate) {
        if (!candidate.startsWith("eyJ")) {
            return Validation.NOT_APPLICABLE;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(candidate.substring(0, candidate.indexOf('.'))),
                    StandardCharsets.UTF_8);
            return header.startsWith("{") && header.contains("\"alg\"") ? Validation.VALID : Validation.INVALID;
        } catch (IllegalArgumentException e) {
            return Validation.INVALID; // header is not base64url: some other dotted string
        }
    }
}
