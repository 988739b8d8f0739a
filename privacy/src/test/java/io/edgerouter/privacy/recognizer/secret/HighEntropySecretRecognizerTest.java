package io.edgerouter.privacy.recognizer.secret;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HighEntropySecretRecognizerTest {

    private static final HighEntropySecretRecognizer RECOGNIZER = new HighEntropySecretRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // random 40-char token with "secret" nearby
                found("random token with context", "webhook secret is Xk9fQ2mZ7pL4vB8nR1tY6wC3hJ5sD0aGeUiOq2Zx.",
                        "Xk9fQ2mZ7pL4vB8nR1tY6wC3hJ5sD0aGeUiOq2Zx", 0.8),
                // the same token alone is only a medium signal
                weak("random token alone", "Xk9fQ2mZ7pL4vB8nR1tY6wC3hJ5sD0aGeUiOq2Zx", "Xk9fQ2mZ7pL4vB8nR1tY6wC3hJ5sD0aGeUiOq2Zx", 0.5),
                // an assigned password, even a short one
                found("assigned password", "password: Tr0ub4dor&3", "Tr0ub4dor&3", 0.7),
                // long hex digest with context
                found("hex secret with context", "token 3f786850e387550fdab836ed7e6dc881de23001b",
                        "3f786850e387550fdab836ed7e6dc881de23001b", 0.8),
                // a long ordinary word has low entropy and no digits
                none("long word", "internationalization and localization"),
                // a UUID is an identifier, not a secret
                none("uuid", "id 123e4567-e89b-12d3-a456-426614174000"),
                // a file path has no character mix
                none("file path", "src/main/java/io/edgerouter/privacy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesHighEntropySecrets(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
