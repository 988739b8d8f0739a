package io.edgerouter.privacy.recognizer.ner;

import static io.edgerouter.privacy.recognizer.RecognizerRow.found;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.RecognizerRow;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameFinderRecognizerTest {

    private static final NameFinderRecognizer RECOGNIZER = new NameFinderRecognizer();

    static Stream<RecognizerRow> found_rows() {
        return Stream.of(
                // known given name and family name
                found("first and last name", "I met Maria García yesterday", "Maria García", 0.85),
                // title plus unknown family name; the title is not part of the name
                found("title and surname", "Dr. Okonjo will call", "Okonjo", 0.85),
                // possessive suffix is excluded
                found("possessive", "Priya Sharma's laptop", "Priya Sharma", 0.85),
                // particle inside a Dutch family name
                found("particle in family name", "Contact Jan van Dijk today", "Jan van Dijk", 0.7),
                // unknown names after "my name is"
                found("cue my name is", "my name is Xochitl Quispe", "Xochitl Quispe", 0.5),
                // a role word introduces an unknown full name
                found("role cue", "Our CTO Dimitri Papadakis flew home", "Dimitri Papadakis", 0.5),
                // multi-word city
                found("multi-word city", "she moved to Buenos Aires", "Buenos Aires", 0.85),
                // country abbreviation in capitals
                found("country abbreviation", "shipping to the UK", "UK", 0.85),
                // an unknown place after "lives in"
                found("unknown place after lives in", "He lives in Tromsø now", "Tromsø", 0.5),
                // ambiguous place with a preposition
                found("ambiguous place with preposition", "flights to Jordan are cheap", "Jordan", 0.7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("found_rows")
    void findsPeopleAndPlaces(RecognizerRow row) {
        row.check(RECOGNIZER);
    }

    static Stream<Arguments> entity_rows() {
        return Stream.of(
                // "Jordan" followed by a family name is a person
                Arguments.of("Michael Jordan played", "Michael Jordan", "PERSON"),
                // "Paris" without a preposition but with a surname is a person
                Arguments.of("ask Paris Hilton", "Paris Hilton", "PERSON"),
                // "in Paris" is the city
                Arguments.of("a week in Paris", "Paris", "LOCATION"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("entity_rows")
    void decidesAmbiguousNamesByContext(String text, String span, String entity) {
        List<RecognizerResult> results = RECOGNIZER.analyze(new AnalysisInput(text));
        assertThat(results).anySatisfy(r -> {
            assertThat(text.substring(r.start(), r.end())).isEqualTo(span);
            assertThat(r.entityType()).isEqualTo(entity);
        });
    }

    static Stream<String> negative_rows() {
        return Stream.of(
                // capitalised sentence starts are not names
                "Please summarise the report.",
                // months and ambiguous given names without evidence
                "We will ship in May and June.",
                // product and company names
                "Apple and Microsoft reported earnings.",
                // a virtue word used as a noun
                "Grace under pressure matters.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negative_rows")
    void reportsNothingInOrdinaryCapitalisedText(String text) {
        assertThat(RECOGNIZER.analyze(new AnalysisInput(text))).isEmpty();
    }

    @Test
    void reportsTheSameSpansAsTheSentenceIsRead() {
        String text = "Lars Jensen from Copenhagen emailed Ahmed Khan in Cairo.";
        List<String> spans = RECOGNIZER.analyze(new AnalysisInput(text)).stream()
                .map(r -> r.entityType() + ":" + text.substring(r.start(), r.end())).toList();
        assertThat(spans).containsExactly("PERSON:Lars Jensen", "LOCATION:Copenhagen", "PERSON:Ahmed Khan",
                "LOCATION:Cairo");
    }
}
