package io.edgerouter.agent.policy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.signing.PolicySignatureException;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import io.edgerouter.testsupport.PolicyTestKeys;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySignatureCheckTest {

    private static final byte[] VALUE = "{\"version\":3,\"fleet\":\"default\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, byte[]> UNSIGNED = Map.of();
    private static final Map<String, String> TRUSTED = Map.of(PolicyTestKeys.PRIMARY.id(), PolicyTestKeys.PRIMARY.publicKeyBase64());

    private static PolicySignatureCheck check(boolean allowUnsigned, Map<String, String> keys) {
        return PolicySignatureCheck.fromConfig(new AgentConfig.PolicyTrust() {
            @Override
            public Map<String, String> publicKeys() {
                return keys;
            }

            @Override
            public boolean allowUnsigned() {
                return allowUnsigned;
            }
        });
    }

    @Test
    void byDefaultAnUnsignedPolicyIsRefusedNamingTheOptOut() {
        assertThatThrownBy(() -> check(false, TRUSTED).check(VALUE, UNSIGNED::get))
                .isInstanceOf(PolicySignatureException.class)
                .hasMessageContaining("unsigned policy")
                .hasMessageContaining("edge.policy.allow-unsigned=false");
    }

    @Test
    void withTheOptOutAnUnsignedPolicyPassesButASignedOneIsStillVerified() {
        PolicySignatureCheck lenient = check(true, TRUSTED);

        assertThat(lenient.check(VALUE, UNSIGNED::get)).isEmpty();
        assertThat(lenient.check(VALUE, PolicyTestKeys.PRIMARY.signer().headers(VALUE)::get)).contains("test-primary");
        Map<String, byte[]> forged = new PolicySigner("test-primary", PolicySignatures.generateKeyPair().getPrivate()).headers(VALUE);
        assertThatThrownBy(() -> lenient.check(VALUE, forged::get)).hasMessageContaining("bad policy signature");
        Map<String, byte[]> untrusted = PolicyTestKeys.ROTATION.signer().headers(VALUE);
        assertThatThrownBy(() -> lenient.check(VALUE, untrusted::get))
                .hasMessageContaining("unknown key id 'test-rotation'")
                .hasMessageContaining("edge.policy.public-keys.<key-id>");
    }

    @Test
    void withoutTrustedKeysEverySignedPolicyIsRefused() {
        assertThatThrownBy(() -> check(false, Map.of()).check(VALUE, PolicyTestKeys.PRIMARY.signer().headers(VALUE)::get))
                .hasMessageContaining("trusted key ids: []");
    }

    @Test
    void aMalformedTrustedKeyIsNamedByItsProperty() {
        assertThatThrownBy(() -> check(false, Map.of("gw1", "bm90LWEta2V5")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("edge.policy.public-keys.gw1: not an Ed25519 public key");
    }

    @Test
    void aPrivateKeyPastedAsAPublicKeyIsRefused() {
        assertThatThrownBy(() -> check(false, Map.of("gw1", PolicyTestKeys.PRIMARY.privateKeyBase64())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("edge.policy.public-keys.gw1: ");
    }

    @Test
    void trustedKeyIdsAreReportedForTheStartUpLog() {
        assertThat(check(false, Map.of("b", PolicyTestKeys.ROTATION.publicKeyBase64(), "a", PolicyTestKeys.PRIMARY.publicKeyBase64()))
                .trustedKeyIds()).containsExactly("a", "b");
        assertThat(check(true, Map.of()).allowsUnsigned()).isTrue();
    }
}
