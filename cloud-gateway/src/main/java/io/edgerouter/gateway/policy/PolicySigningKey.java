package io.edgerouter.gateway.policy;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.signing.PolicySignatureException;
import io.edgerouter.protocol.signing.PolicySignatureException.Problem;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import io.edgerouter.protocol.signing.PolicyVerifier;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.function.Function;

/**
 * The key every published policy is signed with ({@code gateway.policy.signing-key-file}, {@code -key-id}), read
 * once at start. When it is missing or unreadable the gateway still starts (verify and completions need no key) but
 * says why loudly, and every publish is refused with a 503 naming the property. Also decides which records read back
 * from the topic are the gateway's own ({@link #verifyReadBack}).
 */
@ApplicationScoped
public class PolicySigningKey {

    private static final Logger LOG = Logger.getLogger(PolicySigningKey.class);
    static final String KEY_FILE = "gateway.policy.signing-key-file";
    static final String KEY_ID = "gateway.policy.signing-key-id";
    static final String PUBLIC_KEYS = "gateway.policy.public-keys";

    private final PolicySigner signer;
    private final String problem;
    private final PolicyVerifier earlierKeys;

    PolicySigningKey(GatewayConfig config) {
        PolicySigner loaded = null;
        String why = null;
        try {
            loaded = load(config.policy());
        } catch (IllegalStateException e) {
            why = e.getMessage();
        }
        this.signer = loaded;
        this.problem = why;
        try {
            this.earlierKeys = PolicyVerifier.fromEncoded(config.policy().publicKeys());
        } catch (PolicySignatureException e) {
            throw new IllegalStateException(PUBLIC_KEYS + ": " + e.getMessage(), e);
        }
    }

    void announce(@Observes StartupEvent event, GatewayConfig config) {
        if (!config.kafka().enabled()) {
            return;
        }
        if (signer == null) {
            LOG.errorf("policies cannot be published: %s", problem);
        } else {
            LOG.infof("policies are signed with key '%s' (%s)", signer.keyId(), KEY_ID);
        }
    }

    /** The signer, or a 503 naming the property to set when there is none. */
    public PolicySigner signer() {
        if (signer == null) {
            throw new ApiException(503, "server_error", "policy_signing_unconfigured", null,
                    "policies cannot be published unsigned: " + problem);
        }
        return signer;
    }

    /**
     * Checks a record read back from the topic: signed with the current key, or with an earlier one in
     * {@code gateway.policy.public-keys}. Without this a record anyone wrote to the topic would become the fleet's
     * policy in the registry, and the learning loop would carry its fields forward into a policy signed for real.
     *
     * @return the id of the key that signed it
     * @throws PolicySignatureException naming what is wrong
     */
    public String verifyReadBack(byte[] value, Function<String, byte[]> header) {
        byte[] keyId = header.apply(PolicySignatures.KEY_ID_HEADER);
        byte[] signature = header.apply(PolicySignatures.SIGNATURE_HEADER);
        if (signer == null || keyId == null || signature == null
                || !signer.keyId().equals(new String(keyId, StandardCharsets.UTF_8))) {
            return earlierKeys.verify(value, header);
        }
        // Ed25519 signatures are deterministic (RFC 8032): the same key over the same bytes gives the same signature,
        // so the gateway recognises its own records without holding its public key.
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new PolicySignatureException(Problem.BAD_SIGNATURE, "bad policy signature: the header is not base64", e);
        }
        if (!MessageDigest.isEqual(signer.sign(value), presented)) {
            throw new PolicySignatureException(Problem.BAD_SIGNATURE, "bad policy signature: it is not the signature of "
                    + "the record's value by key '" + signer.keyId() + "'");
        }
        return signer.keyId();
    }

    private static PolicySigner load(GatewayConfig.PolicySigning config) {
        if (config.signingKeyFile().isEmpty() || config.signingKeyId().isEmpty()) {
            throw new IllegalStateException("set " + KEY_FILE + " (PKCS#8 PEM Ed25519 private key) and " + KEY_ID);
        }
        Path file = config.signingKeyFile().get();
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(KEY_FILE + "=" + file + " cannot be read: " + e);
        }
        try {
            return new PolicySigner(PolicySignatures.checkKeyId(config.signingKeyId().get()), PolicySignatures.privateKey(pem));
        } catch (PolicySignatureException e) {
            throw new IllegalStateException(KEY_FILE + "=" + file + " / " + KEY_ID + ": " + e.getMessage());
        }
    }
}
