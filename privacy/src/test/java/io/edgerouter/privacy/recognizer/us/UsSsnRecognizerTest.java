package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsSsnRecognizerTest {

    private static final UsSsnRecognizer RECOGNIZER = new UsSsnRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // dashed 3-2-4 is the medium pattern: 0.5 without context
                exactly("dashed, no context", "ref 536-22-8726 end", "536-22-8726", 0.5),
                // dots as the one separator are medium too
                exactly("dotted, no context", "ref 536.22.8726 end", "536.22.8726", 0.5),
                // spaces as the one separator are medium too
                exactly("spaced, no context", "ref 536 22 8726 end", "536 22 8726", 0.5),
                // "SSN" before the number adds 0.35
                exactly("dashed with ssn", "SSN: 536-22-8726", "536-22-8726", 0.85),
                // "social security" as context for the spaced form
                exactly("spaced with social security", "social security number 536 22 8726", "536 22 8726", 0.85),
                // the sentence's full stop is not part of the number
                exactly("at the end of a sentence", "My SSN is 536-22-8726.", "536-22-8726", 0.85),
                // 5-4 grouping is a very weak shape
                weak("5-4 very weak", "ref 53622-8726", "53622-8726", 0.05),
                // 3-6 grouping is a very weak shape
                weak("3-6 very weak", "ref 536-228726", "536-228726", 0.05),
                // nine bare digits are very weak
                weak("nine digits very weak", "id 536228726", "536228726", 0.05),
                // context lifts a very weak shape to the 0.4 floor
                exactly("nine digits with ssn", "ssn 536228726", "536228726", 0.4),
                // "ssid" is a context word as well
                exactly("5-4 with ssid", "ssid 53622-8726", "53622-8726", 0.4),
                // Presidio keeps area 9xx (never issued as SSN, but written as one): reported at the medium score
                exactly("area 9xx kept", "ref 912-34-5678", "912-34-5678", 0.5),
                // area 000 is never issued
                none("area 000", "ssn 000-12-3456"),
                // area 666 is never issued
                none("area 666", "ssn 666-12-3456"),
                // group 00 is never issued, also in the 5-4 shape
                none("group 00", "ssn 536-00-8726 and 53600-8726"),
                // serial 0000 is never issued
                none("serial 0000", "ssn 536-22-0000"),
                // nine equal digits
                none("all one digit", "ssn 555-55-5555 or 222222222"),
                // the Woolworth wallet sample
                none("woolworth sample", "ssn 078-05-1120"),
                // the textbook sequence
                none("123456789", "ssn 123-45-6789"),
                // anything starting 98765432
                none("98765432 prefix", "ssn 987-65-4321"),
                // mixed separators are invalid
                none("dash then dot", "ssn 536-22.8726"),
                // mixed separators are invalid
                none("space then dash", "ssn 536 22-8726"),
                // ten digits are not an SSN
                none("ten digits", "ssn 5362287261"),
                // eight digits are not an SSN
                none("eight digits", "ssn 53622872"),
                // glued to a letter
                none("after a letter", "ssn x536-22-8726"),
                // glued to a letter after
                none("before a letter", "ssn 536-22-8726x"),
                // the tail of a longer dashed number
                none("inside a longer dashed number", "part 1-536-22-8726"),
                // followed by more dashed digits
                none("followed by more digits", "part 536-22-8726-1"),
                // a decimal number's digits
                none("inside a decimal", "value 4.536228726"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesSocialSecurityNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
