package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.between;
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
                between("bare domain", "visit shop.example.de today", "shop.example.de", 0.5, 0.9),
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
                found("context word website", "our website shop.example.de is down", "shop.example.de", 0.79),

                // scheme without context: Presidio's 0.6
                between("scheme, no context", "go to http://example.org", "http://example.org", 0.6, 0.6),
                // bare domain without context: Presidio's 0.5
                between("bare domain, no context", "ping example.com now", "example.com", 0.5, 0.5),
                // a second-level country domain
                found("co.il", "mirrors: google.co.il", "google.co.il", 0.5),
                // quotes around the URL are not part of it (Presidio's quoted patterns include them)
                found("quoted", "{\"u\": \"https://status.example.net/x\"}", "https://status.example.net/x", 0.6),
                // with a scheme the host may be localhost or an IP address
                found("localhost with port", "run at http://localhost:8080/health", "http://localhost:8080/health", 0.6),
                found("ipv4 host", "GET http://10.1.2.3/api", "http://10.1.2.3/api", 0.6),
                // a scheme with a single-label host is no URL (as in Presidio)
                none("single-label host", "http://intranet is down"),
                // www with no top-level domain
                none("www without tld", "www.microsoft rocks"),
                // brand TLDs are not accepted for bare hosts
                none("brand tld", "use.google"),
                // a long run of dots must not take long or match
                none("dots", "...................................................."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesUrls(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
