package io.edgerouter.router.decompose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DecomposerTest {

    private final Decomposer decomposer = new Decomposer();

    static Stream<Arguments> cases() {
        return Stream.of(
                // a single question stays whole
                Arguments.of("What is the capital of France?", 1),
                // an MMLU-style multiple-choice question: lettered options are not subtasks
                Arguments.of("Which gas is most abundant in air?\nA. Oxygen\nB. Nitrogen\nC. Argon\nD. CO2\nAnswer:", 1),
                // numbered instructions: one subtask each
                Arguments.of("Do the following:\n1. Translate 'good morning' to German.\n2. Name three prime numbers.\n"
                        + "3. Write a haiku about rain.", 3),
                // bulleted instructions
                Arguments.of("- summarise the memo\n- list the action items", 2),
                // several questions in one message
                Arguments.of("Who wrote Hamlet? When was it first performed? Where is the Globe theatre?", 3),
                // clauses chained by sequencing words
                Arguments.of("Write a short poem about autumn. Then translate it into Spanish.", 2),
                // one sentence with a list-like comma series is one intent
                Arguments.of("Sort these numbers: 5, 3, 9, 1.", 1),
                // full-width question marks count as question marks
                Arguments.of("Who wrote Hamlet？ Who painted the Mona Lisa？", 2),
                // any sentence terminator may precede a sequencing word, including "!" and "。"
                Arguments.of("Solve it! Then check it.", 2),
                Arguments.of("Write a poem about rain。Then translate it into French。", 2),
                Arguments.of("Name a prime.\n\nAlso name a square.", 2),
                // a question and an answer, or "?!", are one question
                Arguments.of("Is it true? Yes.", 1),
                Arguments.of("Really?! Why", 1),
                // emoji and right-to-left text do not break the splitter
                Arguments.of("ما هي عاصمة مصر؟ 🙂", 1),
                Arguments.of("", 1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitsIntoTheExpectedNumberOfSubtasks(String text, int expected) {
        assertThat(decomposer.split(text)).hasSize(expected);
    }

    @Test
    void listItemsCarryThePreambleAndKeepOrder() {
        List<Subtask> parts = decomposer.split("For the attached report:\n1. Find the total revenue.\n2. Compare it to 2022.");
        assertThat(parts).extracting(Subtask::index).containsExactly(0, 1);
        assertThat(parts.get(0).text()).isEqualTo("For the attached report: Find the total revenue.");
        assertThat(parts.get(1).text()).endsWith("Compare it to 2022.");
    }

    @Test
    void backReferencesBecomeDependencies() {
        List<Subtask> parts = decomposer.split("Write a short poem about autumn. Then translate it into Spanish.");
        assertThat(parts.get(0).dependsOn()).isEmpty();
        assertThat(parts.get(1).dependsOn()).containsExactly(0);
        List<Subtask> independent = decomposer.split("Who wrote Hamlet? Who painted the Mona Lisa?");
        assertThat(independent.get(1).dependsOn()).isEmpty();
    }

    /** Lists broken by '\r', U+0085 or U+2028 once threw StringIndexOutOfBoundsException (and so did Router.decide). */
    @Test
    void listsSplitOnEveryKindOfLineBreak() {
        for (String br : new String[] {"\r", "\r\n", "\u0085", "\u2028", "\u2029"}) {
            List<Subtask> parts = decomposer.split("Do these:" + br + "- sum 2 and 2" + br + "- name a prime");
            assertThat(parts).as("line break U+%04X", (int) br.charAt(br.length() - 1)).hasSize(2);
            assertThat(parts.get(0).text()).isEqualTo("Do these: sum 2 and 2");
            assertThat(parts.get(1).text()).isEqualTo("Do these: name a prime");
        }
    }

    @Test
    void composesAnswersInSubtaskOrder() {
        List<Subtask> parts = decomposer.split("Who wrote Hamlet? Who painted the Mona Lisa?");
        String composed = Decomposer.compose(parts, Map.of(1, "Leonardo da Vinci.", 0, "Shakespeare."));
        assertThat(composed).isEqualTo("1. Shakespeare.\n\n2. Leonardo da Vinci.");
    }
}
