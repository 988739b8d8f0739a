package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PhoneRecognizerTest {

    private static final PhoneRecognizer RECOGNIZER = new PhoneRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // US national format with area code in parentheses, no context word
                weak("US national, no context", "listed as (415) 555-2671 online", "(415) 555-2671", 0.45),
                // the same number with "call": context raises the score
                found("US national with context", "call (415) 555-2671", "(415) 555-2671", 0.7),
                // UK London number in international form
                found("UK international", "office +44 20 7946 0958", "+44 20 7946 0958", 0.6),
                // German mobile written with the 00 international prefix
                found("DE with 00 prefix", "Handy 0049 151 23456789", "0049 151 23456789", 0.6),
                // French national format, validated for region FR
                weak("FR national", "au 01 42 68 53 00", "01 42 68 53 00", 0.45),
                // Indian mobile in international form
                found("IN mobile", "WhatsApp +91 98765 43210", "+91 98765 43210", 0.9),
                // Brazilian mobile with the ninth digit
                found("BR mobile", "tel +55 11 91234-5678", "+55 11 91234-5678", 0.9),
                // a bare digit run is weaker than a formatted one
                weak("bare digits", "id 4155552671 done", "4155552671", 0.35),
                // too few digits for any region
                none("too short", "ext 12345"),
                // invalid country code: libphonenumber rejects it
                none("unknown country code", "+999 1234 5678"),
                // dates and IPv4 addresses look like digit runs but are excluded by shape
                none("date is not a phone", "on 2024-03-15 we met"),
                none("ip is not a phone", "host 192.168.100.200 is down"),
                // a US SSN shape is never a national phone number
                none("SSN shape", "ssn 078-05-1120"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPhoneNumbersInManyRegions(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
