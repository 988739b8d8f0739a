package io.edgerouter.privacy.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.vault.Vault;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OperatorsTest {

    private static final OperatorRegistry ANON = OperatorRegistry.anonymizers("fixed-salt".getBytes());
    private static final String KEY = "0123456789abcdef0123456789abcdef"; // 32 bytes = AES-256

    private static String apply(OperatorConfig config, String value, Vault vault) {
        return ANON.resolve(config).operate(value, new OperatorContext("PHONE_NUMBER", config, vault));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // replace with an explicit value
                Arguments.of("replace new_value", OperatorConfig.of("replace", "new_value", "ANON"), "+44 20 7946 0958", "ANON"),
                // replace without a value and without a vault: the entity type in brackets, as in Presidio
                Arguments.of("replace default", OperatorConfig.of("replace"), "+44 20 7946 0958", "<PHONE_NUMBER>"),
                // mask the last four characters
                Arguments.of("mask from end", new OperatorConfig("mask", Map.of("masking_char", "#", "chars_to_mask", 4,
                        "from_end", true)), "5551234567", "555123####"),
                // mask more characters than there are: everything masked
                Arguments.of("mask overflow", new OperatorConfig("mask", Map.of("masking_char", "*", "chars_to_mask", 99)),
                        "abc", "***"),
                // parameters given as strings (as some JSON clients send them)
                Arguments.of("mask string params", new OperatorConfig("mask", Map.of("chars_to_mask", "2", "from_end", "false")),
                        "abcd", "**cd"),
                // redact removes the value
                Arguments.of("redact", OperatorConfig.of("redact"), "secret", ""),
                // keep leaves it
                Arguments.of("keep", OperatorConfig.of("keep"), "secret", "secret"),
                // salted sha256, hex, 64 chars: value checked against an independent computation below
                Arguments.of("hash sha256 with request salt", new OperatorConfig("hash", Map.of("salt", "s1")), "abc",
                        sha256Hex("s1abc")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void operatorsTransformValuesAsConfigured(String why, OperatorConfig config, String value, String expected) {
        assertThat(apply(config, value, null)).isEqualTo(expected);
    }

    @Test
    void hashUsesTheDefaultSaltWhenNoneIsGivenAndSha512OnRequest() {
        assertThat(apply(OperatorConfig.of("hash"), "abc", null)).isEqualTo(sha256Hex("fixed-saltabc"));
        assertThat(apply(OperatorConfig.of("hash", "hash_type", "sha512"), "abc", null)).hasSize(128);
    }

    @Test
    void replaceWithAVaultGivesTheSamePlaceholderForTheSameValue() {
        Vault vault = new Vault();
        String a = apply(OperatorConfig.of("replace"), "+44 20 7946 0958", vault);
        String b = apply(OperatorConfig.of("replace"), "+1 415 555 2671", vault);
        String c = apply(OperatorConfig.of("replace"), "+44 20 7946 0958", vault);
        assertThat(a).isEqualTo("<PHONE_NUMBER_1>").isEqualTo(c);
        assertThat(b).isEqualTo("<PHONE_NUMBER_2>");
    }

    @Test
    void encryptIsReversibleWithTheKeyAndRandomisedPerCall() {
        OperatorConfig enc = OperatorConfig.of("encrypt", "key", KEY);
        String c1 = apply(enc, "john@example.com", null);
        String c2 = apply(enc, "john@example.com", null);
        assertThat(c1).isNotEqualTo(c2).doesNotContain("john");
        Operator decrypt = OperatorRegistry.deanonymizers().resolve(OperatorConfig.of("decrypt", "key", KEY));
        assertThat(decrypt.operate(c1, new OperatorContext("EMAIL_ADDRESS", OperatorConfig.of("decrypt", "key", KEY), null)))
                .isEqualTo("john@example.com");
    }

    @Test
    void decryptWithTheWrongKeyFailsAuthentication() {
        String c = apply(OperatorConfig.of("encrypt", "key", KEY), "john@example.com", null);
        OperatorConfig wrong = OperatorConfig.of("decrypt", "key", "fedcba9876543210");
        Operator decrypt = OperatorRegistry.deanonymizers().resolve(wrong);
        assertThatThrownBy(() -> decrypt.operate(c, new OperatorContext("EMAIL_ADDRESS", wrong, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("authentication failed");
    }

    @Test
    void rejectsUnknownOperatorsAndBadParametersWithClearMessages() {
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("shuffle"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown operator 'shuffle'").hasMessageContaining("mask");
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("encrypt", "key", "short")))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("mask", "masking_char", "##")))
                .hasMessageContaining("exactly one character");
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("mask", "chars_to_mask", -1)))
                .hasMessageContaining(">= 0");
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("hash", "hash_type", "md5")))
                .hasMessageContaining("md5");
        assertThatThrownBy(() -> ANON.resolve(OperatorConfig.of("mask", "from_end", "maybe")))
                .hasMessageContaining("true or false");
    }

    private static String sha256Hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
