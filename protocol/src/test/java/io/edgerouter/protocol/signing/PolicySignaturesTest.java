package io.edgerouter.protocol.signing;

import io.edgerouter.protocol.signing.PolicySignatureException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySignaturesTest {

    private static final KeyPair OLD = PolicySignatures.generateKeyPair();
    private static final KeyPair NEW = PolicySignatures.generateKeyPair();
    private static final byte[] VALUE = "{\"version\":7,\"fleet\":\"factory-eu\",\"routing\":{\"thresholds\":{\"offload\":0.8}}}"
            .getBytes(StandardCharsets.UTF_8);

    private final PolicySigner oldSigner = new PolicySigner("gw-2026-01", OLD.getPrivate());
    private final PolicySigner newSigner = new PolicySigner("gw-2026-07", NEW.getPrivate());
    private final PolicyVerifier trustsBoth = new PolicyVerifier(Map.of("gw-2026-01", OLD.getPublic(), "gw-2026-07", NEW.getPublic()));

    @Test
    void aSignedValueVerifiesAndNamesItsKey() {
        assertThat(trustsBoth.verify(VALUE, oldSigner.headers(VALUE)::get)).isEqualTo("gw-2026-01");
    }

    @Test
    void changingOneByteOfTheValueIsRefused() {
        Map<String, byte[]> headers = oldSigner.headers(VALUE);
        for (int i = 0; i < VALUE.length; i += 7) {
            byte[] tampered = VALUE.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> trustsBoth.verify(tampered, headers::get))
                    .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE))
                    .hasMessageContaining("bad policy signature");
        }
    }

    @Test
    void duringARolloverBothKeysAreAcceptedAndAfterItOnlyTheNewOne() {
        assertThat(trustsBoth.verify(VALUE, newSigner.headers(VALUE)::get)).isEqualTo("gw-2026-07");
        assertThat(trustsBoth.verify(VALUE, oldSigner.headers(VALUE)::get)).isEqualTo("gw-2026-01");

        PolicyVerifier afterRollover = new PolicyVerifier(Map.of("gw-2026-07", NEW.getPublic()));
        assertThat(afterRollover.verify(VALUE, newSigner.headers(VALUE)::get)).isEqualTo("gw-2026-07");
        assertThatThrownBy(() -> afterRollover.verify(VALUE, oldSigner.headers(VALUE)::get))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_KEY_ID))
                .hasMessage("policy signed with unknown key id 'gw-2026-01'; trusted key ids: [gw-2026-07]");
    }

    @Test
    void aSignatureMadeWithAnotherKeyUnderATrustedIdIsRefused() {
        PolicySigner impostor = new PolicySigner("gw-2026-01", PolicySignatures.generateKeyPair().getPrivate());
        assertThatThrownBy(() -> trustsBoth.verify(VALUE, impostor.headers(VALUE)::get))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE))
                .hasMessageContaining("does not verify with key 'gw-2026-01'");
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({"edge-policy-signature", "edge-policy-key-id"})
    void aRecordMissingEitherHeaderIsUnsigned(String missing) {
        Map<String, byte[]> headers = new HashMap<>(oldSigner.headers(VALUE));
        headers.remove(missing);
        assertThatThrownBy(() -> trustsBoth.verify(VALUE, headers::get))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.UNSIGNED))
                .hasMessage("unsigned policy: the record has no " + missing + " header");
    }

    @Test
    void aSignatureHeaderThatIsNotBase64IsABadSignature() {
        Map<String, byte[]> headers = new HashMap<>(oldSigner.headers(VALUE));
        headers.put(PolicySignatures.SIGNATURE_HEADER, "not base64!".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> trustsBoth.verify(VALUE, headers::get))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE))
                .hasMessageContaining("is not base64");
    }

    @Test
    void aTruncatedSignatureIsABadSignature() {
        Map<String, byte[]> headers = new HashMap<>(oldSigner.headers(VALUE));
        headers.put(PolicySignatures.SIGNATURE_HEADER, Base64.getEncoder().encode(new byte[10]));
        assertThatThrownBy(() -> trustsBoth.verify(VALUE, headers::get))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE));
    }

    @Test
    void keysRoundTripThroughTheirTextEncodings() {
        PolicySigner fromPem = new PolicySigner("k1", PolicySignatures.privateKey(PolicySignatures.encodePrivateKeyPem(OLD.getPrivate())));
        PolicyVerifier fromBase64 = PolicyVerifier.fromEncoded(Map.of("k1", PolicySignatures.encodePublicKey(OLD.getPublic())));
        assertThat(fromBase64.verify(VALUE, fromPem.headers(VALUE)::get)).isEqualTo("k1");
    }

    @Test
    void readsKeysInTheEncodingsOpensslWrites() {
        // written by `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` (test-only key pair)
        String privatePem = """
                -----BEGIN PRIVATE KEY-----
                MC4CAQAwBQYDK2VwBCIEIPaY8oW3jhafNtGHHiajUrF71WitoF/xu9FJzP2Ul/X+
                -----END PRIVATE KEY-----
                """;
        String publicPem = """
                -----BEGIN PUBLIC KEY-----
                MCowBQYDK2VwAyEAOYiIxgf6Ntzseh3COpUWHPEp85uz3zFW4HAvMvqs6q0=
                -----END PUBLIC KEY-----
                """;
        PolicySigner signer = new PolicySigner("openssl", PolicySignatures.privateKey(privatePem));
        assertThat(PolicyVerifier.fromEncoded(Map.of("openssl", publicPem)).verify(VALUE, signer.headers(VALUE)::get))
                .isEqualTo("openssl");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // not base64 at all
            "'%%%'|is not base64",
            // base64, but of bytes that are no X.509 structure
            "aGVsbG8=|not an Ed25519 public key in X.509",
            // an Ed25519 key header cut short of its 32 key bytes
            "MCowBQYDK2VwAyEA|not an Ed25519 public key in X.509",
    })
    void aMalformedPublicKeyIsNamedByItsId(String encoded, String reason) {
        assertThatThrownBy(() -> PolicyVerifier.fromEncoded(Map.of("gw-1", encoded)))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_KEY))
                .hasMessageStartingWith("public key 'gw-1': ")
                .hasMessageContaining(reason);
    }

    @Test
    void aPublicKeyIsNoPrivateKey() {
        assertThatThrownBy(() -> PolicySignatures.privateKey(PolicySignatures.encodePublicKey(OLD.getPublic())))
                .isInstanceOfSatisfying(PolicySignatureException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_KEY))
                .hasMessageContaining("not an Ed25519 private key in PKCS#8");
    }

    @ParameterizedTest(name = "key id ''{0}''")
    @CsvSource({"''", "'has space'", "'dotted.id'"})
    void keyIdsAreLettersDigitsDashesAndUnderscores(String keyId) {
        assertThatThrownBy(() -> new PolicySigner(keyId, OLD.getPrivate()))
                .isInstanceOf(PolicySignatureException.class)
                .hasMessageContaining("must be 1 to 64 letters, digits, '-' or '_'");
    }
}
