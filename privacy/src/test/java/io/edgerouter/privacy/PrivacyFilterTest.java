package io.edgerouter.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.operator.EngineResult;
import io.edgerouter.privacy.recognizer.CustomRecognizerSpec;
import io.edgerouter.privacy.vault.Vault;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyFilterTest {

    @Test
    void pseudonymizesAPromptAndRestoresTheCloudAnswer() {
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
        Vault vault = new io.edgerouter.privacy.vault.VaultStore().vaultFor("app", "conv-1");
        EngineResult masked = filter.pseudonymize("Email Maria García at maria@example.com about IBAN "
                + "DE89 3704 0044 0532 0130 00.", vault);
        assertThat(masked.text()).isEqualTo("Email <PERSON_1> at <EMAIL_ADDRESS_1> about IBAN <IBAN_CODE_1>.");
        String cloudAnswer = "Dear <PERSON_1>, I confirm <IBAN_CODE_1> and will write to <EMAIL_ADDRESS_1>.";
        assertThat(filter.deanonymize(cloudAnswer, vault)).isEqualTo("Dear Maria García, I confirm "
                + "DE89 3704 0044 0532 0130 00 and will write to maria@example.com.");
    }

    @Test
    void customRecognizersFromPolicyAreCompiledAtStartUpAndInvalidOnesFailFast() {
        CustomRecognizerSpec ok = new CustomRecognizerSpec("ticket", "TICKET_ID", "TCK-[0-9]{5}", List.of(), 0.8);
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults().withCustomRecognizers(List.of(ok)));
        assertThat(filter.analyze("see TCK-12345")).extracting(r -> r.entityType()).containsExactly("TICKET_ID");

        CustomRecognizerSpec bad = new CustomRecognizerSpec("broken", "TICKET_ID", "TCK-[0-9", List.of(), 0.8);
        assertThatThrownBy(() -> PrivacyFilter.create(PrivacyConfig.defaults().withCustomRecognizers(List.of(bad))))
                .isInstanceOf(InvalidPatternException.class).hasMessageContaining("broken").hasMessageContaining("TCK-[0-9");
    }

    @Test
    void anonymizeRejectsOversizedText() {
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults().withMaxTextLength(10));
        assertThatThrownBy(() -> filter.anonymize("x".repeat(11), List.of(), Map.of(), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("maximum is 10");
    }

    @Test
    void callerMistakesAreNotRetriable() {
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
        assertThatThrownBy(() -> filter.analyze("")).isInstanceOfSatisfying(PrivacyException.class,
                e -> assertThat(e.retriable()).isFalse());
    }

    @Test
    void anEmptyCloudAnswerDeanonymizesToEmpty() {
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
        assertThat(filter.deanonymize("", new Vault())).isEmpty();
        assertThatThrownBy(() -> filter.deanonymize(null, new Vault())).isInstanceOf(InvalidInputException.class)
                .hasMessage("text: is required");
    }

    @Test
    void aPlaceholderTheUserTypedIsNotConfusedWithAMaskedValue() {
        PrivacyFilter filter = PrivacyFilter.create(PrivacyConfig.defaults());
        Vault vault = new Vault();
        String prompt = "Why does my template print <EMAIL_ADDRESS_1> instead of ann@example.com?";
        EngineResult masked = filter.pseudonymize(prompt, vault);
        assertThat(masked.text()).isEqualTo("Why does my template print <EMAIL_ADDRESS_1> instead of <EMAIL_ADDRESS_2>?");
        assertThat(filter.deanonymize(masked.text(), vault)).isEqualTo(prompt);
    }
}
