package io.edgerouter.privacy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.vault.Vault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnonymizerEngineTest {

    private static final AnonymizerEngine ENGINE = new AnonymizerEngine();
    private static final String TEXT = "Call John at 555-1234";
    private static final List<RecognizerResult> RESULTS = List.of(
            new RecognizerResult("PERSON", 5, 9, 0.85, "n"), new RecognizerResult("PHONE_NUMBER", 13, 21, 0.75, "p"));

    @Test
    void appliesPerEntityOperatorsAndDefaultAndReportsOutputPositions() {
        EngineResult out = ENGINE.anonymize(TEXT, RESULTS, Map.of("PHONE_NUMBER",
                new OperatorConfig("mask", Map.of("masking_char", "*", "chars_to_mask", 4, "from_end", true)),
                "DEFAULT", OperatorConfig.of("replace", "new_value", "X")), null, ConflictResolution.MERGE_OVERLAPS);
        assertThat(out.text()).isEqualTo("Call X at 555-****");
        assertThat(out.items()).containsExactly(new OperatorResult(5, 6, "PERSON", "X", "replace"),
                new OperatorResult(10, 18, "PHONE_NUMBER", "555-****", "mask"));
    }

    @Test
    void withoutConfigurationEveryEntityIsReplacedByItsType() {
        assertThat(ENGINE.anonymize(TEXT, RESULTS, Map.of(), null, ConflictResolution.MERGE_OVERLAPS).text())
                .isEqualTo("Call <PERSON> at <PHONE_NUMBER>");
    }

    @Test
    void deanonymizeRestoresVaultPlaceholdersAtTheGivenSpans() {
        Vault vault = new Vault();
        EngineResult anon = ENGINE.anonymize(TEXT, RESULTS, Map.of(), vault, ConflictResolution.MERGE_OVERLAPS);
        List<RecognizerResult> spans = anon.items().stream()
                .map(i -> new RecognizerResult(i.entityType(), i.start(), i.end(), 1.0, "x")).toList();
        EngineResult back = ENGINE.deanonymize(anon.text(), spans, Map.of("DEFAULT", OperatorConfig.of("restore")), vault);
        assertThat(back.text()).isEqualTo(TEXT);
    }

    @Test
    void rejectsSpansOutsideTheText() {
        List<RecognizerResult> outside = List.of(new RecognizerResult("PERSON", 5, 99, 0.8, "n"));
        assertThatThrownBy(() -> ENGINE.anonymize(TEXT, outside, Map.of(), null, ConflictResolution.MERGE_OVERLAPS))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside the text of length 21");
    }

    @Test
    void rejectsAnUnknownOperatorEvenWhenNoEntityUsesIt() {
        assertThatThrownBy(() -> ENGINE.anonymize(TEXT, List.of(), Map.of("CRYPTO", OperatorConfig.of("rot13")), null,
                ConflictResolution.MERGE_OVERLAPS)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown operator 'rot13'");
    }

    @Test
    void deanonymizeRequiresAConfiguredOperator() {
        List<RecognizerResult> spans = List.of(new RecognizerResult("PERSON", 0, 4, 1.0, "x"));
        assertThatThrownBy(() -> ENGINE.deanonymize("abcd", spans, Map.of(), null))
                .hasMessageContaining("no operator for entity 'PERSON'").extracting("field").isEqualTo("deanonymizers");
    }
}
