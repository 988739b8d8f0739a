package io.edgerouter.privacy.recognizer.secret;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyRecognizerTest {

    private static final ApiKeyRecognizer RECOGNIZER = new ApiKeyRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // AWS access key id (documentation example shape)
                found("aws access key", "use AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE", 0.9),
                // GitHub personal access token
                found("github pat", "GITHUB_TOKEN=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789", 0.9),
                // Slack bot token
                found("slack bot token", "xoxb-12345678901-123456789012-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-12345678901-123456789012-AbCdEfGhIjKlMnOpQrStUvWx", 0.9),
                // Google API key
                found("google api key", "key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", 0.9),
                // Stripe live secret key
                found("stripe live key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "sk_live_4eC39HqLyjWDarjtT1zdp7dc", 0.9),
                // value assigned to api_key, only the value is reported
                found("assigned api_key", "api_key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", 0.9),
                // AWS prefix but too short
                none("aws prefix too short", "AKIA1234"),
                // a placeholder in documentation is not a key
                none("placeholder value", "api_key = YOUR_API_KEY_GOES_HERE"),
                // a repeated character is an example, not a key
                none("repeated character", "api_key = xxxxxxxxxxxxxxxxxxxxxxxx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesVendorApiKeys(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
