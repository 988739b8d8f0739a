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
                none("social handle", "ping @john on slack"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesEmailAddresses(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
