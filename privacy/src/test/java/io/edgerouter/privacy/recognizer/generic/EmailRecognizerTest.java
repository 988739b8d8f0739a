package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmailRecognizerTest {

    private static final EmailRecognizer RECOGNIZER = new EmailRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // plain address inside a sentence: validated shape gives certainty
                found("plain address", "write to john.smith@example.com today", "john.smith@example.com", 1.0),
                // plus-addressing and a multi-label country domain
                found("plus tag and co.uk", "cc: a.rossi+news@firma.co.uk.", "a.rossi+news@firma.co.uk", 1.0),
                // trailing sentence punctuation is not part of the address
                found("sentence end", "Mail me at hans@posteo.de.", "hans@posteo.de", 1.0),
                // a domain label may not start with a dash: rejected by validation
                none("domain label starting with dash", "x@-bad.com"),
                // consecutive dots in the local part are not allowed
                none("double dot in local part", "john..smith@example.com"),
                // no top-level domain
                none("missing top-level domain", "root@localhost"),
                // an @-mention is not an e-mail address
                none("social handle", "ping @john on slack"),

                // RFC 5322 symbols inside the local part (an apostrophe, as in O'Brien)
                found("apostrophe in local part", "ask o'brien@example.ie now", "o'brien@example.ie", 1.0),
                // surrounding quotes stay outside the span
                found("quoted address", "\"to\": 'ops@edge.example.org',", "ops@edge.example.org", 1.0),
                // punycode domain and punycode top-level domain (IDN, RFC 3490)
                found("punycode domain and tld", "user@xn--e1afmkfd.xn--p1ai", "user@xn--e1afmkfd.xn--p1ai", 1.0),
                // Unicode IDN domain; its TLD is checked in its punycode form
                found("unicode domain", "почта: иван@пример.рф", "иван@пример.рф", 1.0),
                // inner hyphens in a label, underscore in the local part
                found("hyphenated domain", "dev_ops@my-build-farm.example.net", "dev_ops@my-build-farm.example.net", 1.0),
                // the last label is not a delegated top-level domain
                none("unknown tld", "admin@printer.local"),
                none("made-up tld", "me@company.notatld"),
                // nothing after the final dot
                none("dangling dot", "write to info@example. please"),
                // local part ending with a dot
                none("dot before @", "john.@example.com"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesEmailAddresses(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
