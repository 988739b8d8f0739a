package io.edgerouter.privacy.recognizer.us;

import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UsBankNumberRecognizerTest {

    private static final UsBankNumberRecognizer RECOGNIZER = new UsBankNumberRecognizer();

    private static RecognizerRow exactly(String why, String text, String span, double score) {
        return new RecognizerRow(why, text, span, score - 1e-9, score + 1e-9);
    }

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // eight digits, the shortest: very weak
                weak("eight digits", "ref 30622171", "30622171", 0.05),
                // seventeen digits, the longest: very weak
                weak("seventeen digits", "ref 56233878925661147", "56233878925661147", 0.05),
                // "account" lifts it to the floor
                exactly("with account", "account 6312530706938", "6312530706938", 0.4),
                // "acct" is context
                exactly("with acct", "acct# 74541021", "74541021", 0.4),
                // "checking" is context
                exactly("with checking", "checking 771774560658744", "771774560658744", 0.4),
                // "savings" is context
                exactly("with savings", "savings 135469686", "135469686", 0.4),
                // "debit" is context
                exactly("with debit", "debit from 135469686", "135469686", 0.4),
                // seven digits are too short
                none("seven digits", "account 1234567"),
                // eighteen digits are too long
                none("eighteen digits", "account 123456789012345678"),
                // a decimal amount is not an account
                none("decimal amount", "account 12345678.90"),
                // glued to a letter
                none("after a letter", "account x12345678"),
                // the tail of a dashed number
                none("inside a dashed number", "account 1234-12345678"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesBankNumbersOnlyWithContext(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
