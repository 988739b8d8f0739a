package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsMbiRecognizerTest {

    private static final UsMbiRecognizer RECOGNIZER = new UsMbiRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // dashed display form: medium
                exactly("dashed", "ref 5KD7-PW2-QT41", "5KD7-PW2-QT41", 0.5),
                // bare eleven characters: weak
                exactly("bare", "ref 5KD7PW2QT41", "5KD7PW2QT41", 0.3),
                // digits in the two alphanumeric positions
                exactly("digits in positions 3 and 6", "ref 5K37-P92-QT41", "5K37-P92-QT41", 0.5),
                // lower case, as Presidio matches case-insensitively
                exactly("lower case", "ref 5kd7-pw2-qt41", "5kd7-pw2-qt41", 0.5),
                // "Medicare" raises the dashed form
                exactly("with medicare", "Medicare ID 5KD7-PW2-QT41", "5KD7-PW2-QT41", 0.85),
                // "MBI" raises the bare form
                exactly("with mbi", "MBI: 5KD7PW2QT41", "5KD7PW2QT41", 0.65),
                // S is never used
                none("letter S", "MBI 5SD7-PW2-QT41"),
                // O is never used
                none("letter O", "MBI 5KD7-PW2-OT41"),
                // B is never used, also in an alphanumeric position
                none("letter B", "MBI 5KB7-PW2-QT41"),
                // position 1 is a digit
                none("letter first", "MBI KKD7-PW2-QT41"),
                // position 2 is a letter
                none("digit second", "MBI 55D7-PW2-QT41"),
                // ten characters
                none("too short", "MBI 5KD7PW2QT4"),
                // twelve characters
                none("too long", "MBI 5KD7PW2QT412"),
                // other dash positions
                none("wrong dashes", "MBI 5KD-7PW2-QT41"),
                // glued to a letter
                none("after a letter", "MBI x5KD7PW2QT41"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesMedicareBeneficiaryIdentifiers(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
