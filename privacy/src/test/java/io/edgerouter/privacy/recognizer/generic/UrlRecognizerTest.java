package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UrlRecognizerTest {

    private static final UrlRecognizer RECOGNIZER = new UrlRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // scheme, path and query; the final period ends the sentence
                found("https with query", "Reset at https://example.com/reset?token=abc123.", "https://example.com/reset?token=abc123", 0.6),
                // www host without scheme
                found("www host", "see www.example.org/docs for more", "www.example.org/docs", 0.5),
                // bare domain with a country TLD
                found("bare domain", "visit shop.example.de today", "shop.example.de", 0.45),
                // a closing parenthesis after the URL is punctuation
                found("inside parentheses", "(http://intranet.acme.co.uk/a)", "http://intranet.acme.co.uk/a", 0.6),
                // the domain of an e-mail address is not a URL
                none("email domain", "john@example.com"),
                // file names are not domains
                none("file name", "open report.pdf and main.java"),
                // version numbers are not domains
                none("version", "release 2.14.1"),
                // a bare domain alone stays weak...
                weak("bare domain without context", "ping shop.example.de now", "shop.example.de", 0.5),
                // ...and "website" nearby raises it
                found("context word website", "our website shop.example.de is down", "shop.example.de", 0.79));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesUrls(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
