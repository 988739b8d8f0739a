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
                none("truncated", "DE89 3704 0044 0532"),

                // Belarus: one of the registry countries added for Presidio's recall (28 characters, letters in the BBAN)
                found("BY compact", "account BY86AKBB10100000002966000000", "BY86AKBB10100000002966000000", 1.0),
                // Vatican City in the printed 4-grouping
                found("VA grouped", "VA59 0011 2300 0012 3456 78", "VA59 0011 2300 0012 3456 78", 1.0),
                // Libya, 25 characters
                found("LY compact", "LY83002048000020100120361.", "LY83002048000020100120361", 1.0),
                // our own German IBAN (check digits computed with mod-97)
                found("DE own value", "bitte an DE44500105175407324931 zahlen", "DE44500105175407324931", 1.0),
                // slashes are no IBAN separator
                none("slash separated", "DE44/5001/0517/5407/3249/31"),
                // glued to letters before it
                none("inside a word", "xDE44500105175407324931"),
                // a digit more than the country length: part of a longer token
                none("too long", "DE445001051754073249310"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesIbansWithChecksum(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
