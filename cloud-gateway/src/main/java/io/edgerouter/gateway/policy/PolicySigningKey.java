package io.edgerouter.gateway.policy;

import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.protocol.signing.PolicySignatureException;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicySigner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The key every published policy is signed with ({@code gateway.policy.signing-key-file}, {@code -key-id}), read
 * once at start. When it is missing or unreadable the gateway still starts (verify and completions need no key) but
 * says why loudly, and every publish is refused with a 503 naming the property.
 */
@ApplicationScoped
public class PolicySigningKey {

    private static final Logger LOG = Logger.getLogger(PolicySigningKey.class);
    static final String KEY_FILE = "gateway.policy.signing-key-file";
    static final String KEY_ID = "gateway.policy.signing-key-id";

    private final PolicySigner signer;
    private final String problem;

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
