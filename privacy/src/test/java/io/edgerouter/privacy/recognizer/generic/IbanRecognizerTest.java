package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IbanRecognizerTest {

    private static final IbanRecognizer RECOGNIZER = new IbanRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // German IBAN in the printed 4-grouping
                found("DE grouped by spaces", "IBAN DE89 3704 0044 0532 0130 00 bitte", "DE89 3704 0044 0532 0130 00", 1.0),
                // British IBAN, compact, with letters in the BBAN
                found("GB compact", "to GB29NWBK60161331926819.", "GB29NWBK60161331926819", 1.0),
                // French IBAN grouped by dashes
                found("FR with dashes", "FR14-2004-1010-0505-0001-3M02-606", "FR14-2004-1010-0505-0001-3M02-606", 1.0),
                // the country length stops the span before trailing upper-case words
                found("length fixes the end", "DE89370400440532013000 EUR NOW", "DE89370400440532013000", 1.0),
                // one digit changed: mod-97 fails
                none("checksum failure", "DE89 3704 0044 0532 0130 01"),
                // unknown country code
                none("unknown country", "ZZ89 3704 0044 0532 0130 00"),
                // too short for the country
                none("truncated", "DE89 3704 0044 0532"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesIbansWithChecksum(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
