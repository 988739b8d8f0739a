package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsPassportRecognizerTest {

    private static final UsPassportRecognizer RECOGNIZER = new UsPassportRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // nine digits (older books): very weak
                weak("nine digits", "no. 340912775", "340912775", 0.05),
                // letter + eight digits (next-generation books): very weak, a little higher
                exactly("next generation", "no. A40912775", "A40912775", 0.1),
                // lower-case letter, as Presidio matches case-insensitively
                exactly("next generation lower case", "no. a40912775", "a40912775", 0.1),
                // "passport" lifts the nine-digit form to the floor
                exactly("nine digits with passport", "passport 340912775", "340912775", 0.4),
                // "passport" raises the next-generation form
                exactly("next generation with passport", "Passport: A40912775", "A40912775", 0.45),
                // "travel document" is context too
                exactly("travel document", "my travel document is Z40912775", "Z40912775", 0.45),
                // "US" is one of Presidio's context words
                exactly("us", "US 340912775", "340912775", 0.4),
                // eight digits
                none("eight digits", "passport 34091277"),
                // ten digits
                none("ten digits", "passport 3409127751"),
                // two letters
                none("two letters", "passport AB40912775"),
                // letter + seven digits
                none("letter and seven digits", "passport A4091277"),
                // letter + nine digits
                none("letter and nine digits", "passport A409127751"),
                // glued to a letter
                none("after a letter", "passport x340912775"),
                // part of a dashed number
                none("followed by dashed digits", "passport 340912775-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesPassportNumbers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
