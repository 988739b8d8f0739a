package io.edgerouter.privacy.recognizer.secret;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuthTokenRecognizerTest {

    private static final AuthTokenRecognizer RECOGNIZER = new AuthTokenRecognizer();
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0."
            + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // a JWT whose header decodes to JSON with "alg"
                found("jwt", "token " + JWT + " expired", JWT, 1.0),
                // the credential after Bearer in an Authorization header
                found("bearer credential", "Authorization: Bearer abcDEF123456ghiJKL789mno", "abcDEF123456ghiJKL789mno", 0.8),
                // eyJ prefix but the header is not JSON with alg
                none("header without alg", "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIzNDU2"),
                // "bearer" followed by a short word is prose
                none("prose bearer", "the bearer of bad news"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesJwtAndBearerTokens(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
