package io.edgerouter.privacy.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.PrivacyException;
import java.io.Serializable;
import org.junit.jupiter.api.Test;

class VaultTest {

    @Test
    void sameValueGetsTheSamePlaceholderAndCountersArePerType() {
        Vault v = new Vault();
        assertThat(v.placeholderFor("PERSON", "Ann")).isEqualTo("<PERSON_1>");
        assertThat(v.placeholderFor("PERSON", "Bob")).isEqualTo("<PERSON_2>");
        assertThat(v.placeholderFor("EMAIL_ADDRESS", "a@b.de")).isEqualTo("<EMAIL_ADDRESS_1>");
        assertThat(v.placeholderFor("PERSON", "Ann")).isEqualTo("<PERSON_1>");
        assertThat(v.valueOf("<PERSON_2>")).contains("Bob");
        assertThat(v.valueOf("<PERSON_9>")).isEmpty();
    }

    @Test
    void restoreReplacesKnownPlaceholdersAndLeavesOthers() {
        Vault v = new Vault();
        v.placeholderFor("PERSON", "Ann");
        assertThat(Deanonymizer.restore("Hi <PERSON_1>, not <PERSON_7> or <person_1> or <>", v))
                .isEqualTo("Hi Ann, not <PERSON_7> or <person_1> or <>");
    }

    @Test
    void neverRevealsValuesThroughToStringOrSerialization() {
        Vault v = new Vault();
        v.placeholderFor("US_SSN", "536-22-8726");
        assertThat(v.toString()).doesNotContain("536").contains("entries=1");
        assertThat(v).isNotInstanceOf(Serializable.class);
    }

    @Test
    void aFullVaultRefusesNewValuesButStillAnswersKnownOnes() {
        Vault v = new Vault(1);
        v.placeholderFor("PERSON", "Ann");
        assertThat(v.placeholderFor("PERSON", "Ann")).isEqualTo("<PERSON_1>");
        assertThatThrownBy(() -> v.placeholderFor("PERSON", "Bob")).isInstanceOf(PrivacyException.class)
                .isInstanceOf(VaultFullException.class).hasMessageContaining("vault is full (1 entries");
    }

    @Test
    void theByteBoundCountsValuesPlaceholdersAndReservedLiterals() {
        Vault v = new Vault(100, 600);
        v.placeholderFor("PERSON", "Ann"); // 2 * (10 + 3) + 96 = 122 bytes
        assertThat(v.bytes()).isEqualTo(2L * ("<PERSON_1>".length() + 3) + Vault.ENTRY_OVERHEAD_BYTES);
        v.reserveLiteral("<PERSON_7>");
        assertThat(v.bytes()).isEqualTo(122 + 2L * 10 + Vault.ENTRY_OVERHEAD_BYTES);
        assertThatThrownBy(() -> v.placeholderFor("PERSON", "x".repeat(200)))
                .isInstanceOf(VaultFullException.class).hasMessageContaining("of 600 bytes used");
        assertThat(v.size()).isEqualTo(1);
        assertThat(v.placeholderFor("PERSON", "Bo")).isEqualTo("<PERSON_2>"); // a refused value used no counter
        v.clear();
        assertThat(v.bytes()).isZero();
    }

    @Test
    void reservedLiteralsCountAsEntries() {
        Vault v = new Vault(2);
        v.reserveLiteral("<PERSON_1>");
        v.reserveLiteral("<PERSON_1>"); // the same literal again costs nothing
        v.placeholderFor("PERSON", "Ann");
        assertThat(v.valueOf("<PERSON_2>")).contains("Ann");
        assertThatThrownBy(() -> v.reserveLiteral("<PERSON_3>")).isInstanceOf(VaultFullException.class)
                .hasMessageContaining("reserved placeholders included");
    }

    @Test
    void knownValuesAreMaskedWhereverTheyOccurWholeWordsOnlyLongestFirst() {
        Vault v = new Vault();
        v.placeholderFor("PERSON", "Alice Smith");
        v.placeholderFor("PERSON", "Al");
        v.placeholderFor("EMAIL_ADDRESS", "alice@example.com");
        assertThat(v.maskKnownValues("Tell alice smith (ALICE@example.com) that Al Also knows. Alice Smithson stays."))
                .isEqualTo("Tell <PERSON_1> (<EMAIL_ADDRESS_1>) that <PERSON_2> Also knows. Alice Smithson stays.");
        assertThat(v.containsKnownValue("nothing here")).isFalse();
        assertThat(v.containsKnownValue("ping alice@example.com")).isTrue();
        assertThat(new Vault().maskKnownValues("Alice Smith")).isEqualTo("Alice Smith");
    }

    @Test
    void reservedLiteralsAreNotValues() {
        Vault v = new Vault();
        v.reserveLiteral("<PERSON_1>");
        assertThat(v.maskKnownValues("quote <PERSON_1> here")).isEqualTo("quote <PERSON_1> here");
    }
}
