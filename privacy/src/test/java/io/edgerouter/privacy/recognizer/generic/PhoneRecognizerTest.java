package io.edgerouter.privacy.recognizer.generic;

import static io.edgerouter.privacy.recognizer.RecognizerRow.between;
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
                // US national format with area code in parentheses, no context word: Presidio's flat 0.4
                between("US national, no context", "listed as (415) 555-2671 online", "(415) 555-2671", 0.4, 0.4),
                // the same number with "call": context raises the score by 0.35
                between("US national with context", "call (415) 555-2671", "(415) 555-2671", 0.74, 0.76),
                // US number written with dashes only
                between("US dashes", "desk 212-555-0199 ok", "212-555-0199", 0.4, 0.4),
                // UK London number in international form: 0.4 like every valid formatted number
                between("UK international", "office +44 20 7946 0958", "+44 20 7946 0958", 0.4, 0.4),
                // UK number with the area code in parentheses after the country code
                between("UK international, (20)", "office +44 (20) 7946 0321", "+44 (20) 7946 0321", 0.4, 0.4),
                // German mobile written with the 00 international prefix
                between("DE with 00 prefix and the German word for mobile", "Handy 0049 151 23456789", "0049 151 23456789", 0.75, 0.75),
                // French national format, validated for region FR
                between("FR national", "au 01 42 68 53 00", "01 42 68 53 00", 0.4, 0.4),
                // spaces alone in groups that are not the region's own: as weak as a bare digit run
                between("spaced, foreign grouping", "Tracking code 853 412 000 shows", "853 412 000", 0.3, 0.3),
                // the same with four-digit groups
                between("spaced 4-4-4", "The raffle ticket reads 5268 5489 0364", "5268 5489 0364", 0.3, 0.3),
                // UK national number in its own grouping, spaces only
                between("UK national, own grouping", "office 020 7946 0958", "020 7946 0958", 0.4, 0.4),
                // Israeli landline in national form (IL is one of Presidio's default regions)
                between("IL national", "at 03-6123456 today", "03-6123456", 0.4, 0.4),
                // Japanese mobile in national form
                between("JP national", "tel. 080-2345-6789", "080-2345-6789", 0.74, 0.76),
                // Indian mobile in international form, context "WhatsApp"
                between("IN mobile with context", "WhatsApp +91 98765 43210", "+91 98765 43210", 0.74, 0.76),
                // Brazilian mobile with the ninth digit, context "tel"
                found("BR mobile with context", "tel +55 11 91234-5678", "+55 11 91234-5678", 0.75),
                // a bare digit run is weaker than a formatted one (Presidio: 0.4; ours 0.3, order ids look alike)
                weak("bare digits", "id 4155552671 done", "4155552671", 0.3),
                // Presidio's context word "number" raises a bare run
                between("bare digits, 'my number'", "my number is 4155552671", "4155552671", 0.64, 0.66),
                // ... but not when "number" belongs to another identifier
                weak("bare digits, 'passport number'", "passport number 4155552671", "4155552671", 0.3),
                weak("bare digits, 'account number'", "account number 4155552671 closed", "4155552671", 0.3),
                // glued to letters: not a number (Presidio's default leniency)
                none("glued to a word", "callme415-555-0132"),
                // too few digits for any region
                none("too short", "ext 12345"),
                // invalid country code: libphonenumber rejects it
                none("unknown country code", "+999 1234 5678"),
                // North American shape, but no NANP area code starts with 1
                none("invalid area code", "see +1 (123) 456-7890 now"),
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
