package io.edgerouter.privacy.recognizer.india;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static io.edgerouter.privacy.recognizer.RecognizerRow.none;
import static io.edgerouter.privacy.recognizer.RecognizerRow.weak;

import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InVoterRecognizerTest {

    private static final InVoterRecognizer RECOGNIZER = new InVoterRecognizer();

    static Stream<RecognizerRow> rows() {
        return Stream.of(
                // second letter from the issued series: 0.4 without context
                weak("series letter", "card KBN1234567 here", "KBN1234567", 0.4),
                // "voter" nearby raises it
                found("voter context", "voter id: KBN1234567", "KBN1234567", 0.75),
                // "EPIC" as context
                found("epic context", "EPIC number ZMD7654321", "ZMD7654321", 0.75),
                // any other second letter: 0.3
                weak("other second letter", "card KEN1234567 here", "KEN1234567", 0.3),
                // lower case is accepted, as in Presidio
                weak("lower case", "card uzx2345117 here", "uzx2345117", 0.3),
                // six digits: too short
                none("six digits", "voter KBN123456"),
                // eight digits: too long
                none("eight digits", "voter KBN12345678"),
                // four letters
                none("four letters", "voter AKBN1234567"),
                // digits first
                none("digits first", "voter 1234567KBN"),
                // glued to other characters
                none("glued", "x_KBN1234567"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void recognizesVoterIds(RecognizerRow row) {
        row.check(RECOGNIZER);
    }
}
