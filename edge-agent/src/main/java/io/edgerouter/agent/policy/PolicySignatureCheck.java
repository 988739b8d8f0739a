package io.edgerouter.agent.policy;

import io.edgerouter.agent.config.AgentConfig;
import io.edgerouter.protocol.signing.PolicySignatureException;
import io.edgerouter.protocol.signing.PolicySignatures;
import io.edgerouter.protocol.signing.PolicyVerifier;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Which policy records the agent accepts by their signature headers: signed by a key in
 * {@code edge.policy.public-keys}, or, with {@code edge.policy.allow-unsigned=true}, carrying no signature at all. A
 * record that carries a signature is always verified. Plain Java; produced as a bean in {@link PolicyBeans}.
 */
public final class PolicySignatureCheck {

    static final String PUBLIC_KEYS = "edge.policy.public-keys";
    static final String ALLOW_UNSIGNED = "edge.policy.allow-unsigned";

    private final PolicyVerifier verifier;
    private final boolean allowUnsigned;

    public PolicySignatureCheck(PolicyVerifier verifier, boolean allowUnsigned) {
        this.verifier = verifier;
        this.allowUnsigned = allowUnsigned;
    }

    /** Reads the trusted keys; a malformed key id or key fails with a message naming its property. */
    static PolicySignatureCheck fromConfig(AgentConfig.PolicyTrust config) {
        Map<String, PublicKey> keys = new TreeMap<>();
        config.publicKeys().forEach((id, encoded) -> {
            try {
                keys.put(PolicySignatures.checkKeyId(id), PolicySignatures.publicKey(encoded));
            } catch (PolicySignatureException e) {
                throw new IllegalStateException(PUBLIC_KEYS + "." + id + ": " + e.getMessage(), e);
            }
        });
        return new PolicySignatureCheck(new PolicyVerifier(keys), config.allowUnsigned());
    }

    public Set<String> trustedKeyIds() {
        return verifier.keyIds();
    }

    public boolean allowsUnsigned() {
        return allowUnsigned;
    }

    /**
     * Checks a record's value bytes against its headers; returns the id of the key that signed it, or empty for an
     * unsigned record accepted under {@code edge.policy.allow-unsigned=true}.
     *
     * @throws PolicySignatureException with the reason, naming the property that would change the outcome
     */
    public Optional<String> check(byte[] value, Function<String, byte[]> header) {
        boolean unsigned = header.apply(PolicySignatures.SIGNATURE_HEADER) == null
                && header.apply(PolicySignatures.KEY_ID_HEADER) == null;
        if (unsigned && allowUnsigned) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verify(value, header));
        } catch (PolicySignatureException e) {
            throw new PolicySignatureException(e.problem(), e.getMessage() + hint(e.problem()), e);
        }
    }

    private static String hint(PolicySignatureException.Problem problem) {
        return switch (problem) {
            case UNSIGNED -> " (" + ALLOW_UNSIGNED + "=false: policies from Kafka must be signed by the cloud gateway)";
            case UNKNOWN_KEY_ID -> " (trust a key with " + PUBLIC_KEYS + ".<key-id>)";
            case BAD_SIGNATURE, MALFORMED_KEY -> "";
        };
    }
}
