package io.edgerouter.privacy.recognizer.secret;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static org.assertj.core.api.Assertions.assertThat;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PrivateKeyRecognizerTest {

    private static final PrivateKeyRecognizer RECOGNIZER = new PrivateKeyRecognizer();
    private static final String RSA = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq98sjsd\nQWERTY1234==\n"
            + "-----END RSA PRIVATE KEY-----";
    private static final String PKCS8 = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // RSA block including BEGIN/END lines
                found("rsa block", "key:\n" + RSA + "\nthanks", RSA, 1.0),
                // PKCS#8 block
                found("pkcs8 block", PKCS8, PKCS8, 1.0),
                // a public key is not secret
                none("public key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----"),
                // the words alone are not a key
                none("prose", "never paste your private key into chat"),
                // a paste cut before the END line is still reported, a little less surely
                found("truncated paste", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yBy\n",
                        "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yBy", 0.9),
                // a BEGIN line with almost nothing after it is not a key
                none("header only", "-----BEGIN RSA PRIVATE KEY----- (redacted)"));
    }

    @Test
    @Timeout(5)
    void thousandsOfBeginLinesWithoutEndCostLinearTime() {
        String text = "-----BEGIN RSA PRIVATE KEY-----\n".repeat(8_000) + "-----END RSA PRIVATE KEY-----";
        assertThat(RECOGNIZER.analyze(new AnalysisInput(text))).singleElement()
                .satisfies(r -> assertThat(r.end()).isEqualTo(text.length()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPemPrivateKeyBlocks(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
