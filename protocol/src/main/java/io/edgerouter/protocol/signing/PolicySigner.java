package io.edgerouter.protocol.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs policy record values with one Ed25519 private key, known to verifiers by {@code keyId}.
 *
 * @param keyId the id verifiers look the public key up by; see {@link PolicySignatures#KEY_ID}
 * @param key   an Ed25519 private key
 */
public record PolicySigner(String keyId, PrivateKey key) {

    public PolicySigner {
        PolicySignatures.checkKeyId(keyId);
        Objects.requireNonNull(key, "key");
        if (!PolicySignatures.ALGORITHM.equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new PolicySignatureException(PolicySignatureException.Problem.MALFORMED_KEY,
                    "key '" + keyId + "' is a " + key.getAlgorithm() + " key, not " + PolicySignatures.ALGORITHM);
        }
    }

    /** The Ed25519 signature of exactly these bytes (64 bytes). */
    public byte[] sign(byte[] value) {
        try {
            Signature signature = Signature.getInstance(PolicySignatures.ALGORITHM);
            signature.initSign(key);
            signature.update(value);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new PolicySignatureException(PolicySignatureException.Problem.MALFORMED_KEY,
                    "key '" + keyId + "' cannot sign: " + e.getMessage(), e);
        }
    }

    /** The two record headers (name → bytes) that carry the signature of {@code value} and this signer's key id. */
    public Map<String, byte[]> headers(byte[] value) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(PolicySignatures.SIGNATURE_HEADER, Base64.getEncoder().encode(sign(value)));
        headers.put(PolicySignatures.KEY_ID_HEADER, keyId.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
