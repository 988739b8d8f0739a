package io.edgerouter.protocol.signing;

import io.edgerouter.protocol.signing.PolicySignatureException.Problem;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Verifies signed policy records against the public keys a consumer trusts, by key id. Holding two keys lets a
 * signing key be rotated without a gap: agents trust the old and the new key while the gateway switches over.
 */
public final class PolicyVerifier {

    private final Map<String, PublicKey> keys;

    /** @param keys trusted Ed25519 public keys by key id; may be empty (then every record is refused) */
    public PolicyVerifier(Map<String, PublicKey> keys) {
        Map<String, PublicKey> copy = new TreeMap<>();
        keys.forEach((id, key) -> copy.put(PolicySignatures.checkKeyId(id), key));
        this.keys = Map.copyOf(copy);
    }

    /** Reads base64 (or PEM) X.509 public keys by key id; a malformed one is named by its id. */
    public static PolicyVerifier fromEncoded(Map<String, String> encoded) {
        Map<String, PublicKey> keys = new TreeMap<>();
        encoded.forEach((id, text) -> {
            try {
                keys.put(id, PolicySignatures.publicKey(text));
            } catch (PolicySignatureException e) {
                throw new PolicySignatureException(Problem.MALFORMED_KEY, "public key '" + id + "': " + e.getMessage(), e);
            }
        });
        return new PolicyVerifier(keys);
    }

    /** The trusted key ids, sorted. */
    public Set<String> keyIds() {
        return new TreeSet<>(keys.keySet());
    }

    /**
     * Checks that {@code value} carries a valid signature by a trusted key; returns the key id that signed it.
     *
     * @param value  the record value, exactly the bytes on the topic
     * @param header looks a record header up by name (its last value), null when absent
     * @throws PolicySignatureException naming what is missing or wrong
     */
    public String verify(byte[] value, Function<String, byte[]> header) {
        byte[] signatureHeader = header.apply(PolicySignatures.SIGNATURE_HEADER);
        byte[] keyIdHeader = header.apply(PolicySignatures.KEY_ID_HEADER);
        if (signatureHeader == null || keyIdHeader == null) {
            throw new PolicySignatureException(Problem.UNSIGNED, "unsigned policy: the record has no "
                    + (signatureHeader == null ? PolicySignatures.SIGNATURE_HEADER : PolicySignatures.KEY_ID_HEADER) + " header");
        }
        String keyId = new String(keyIdHeader, StandardCharsets.UTF_8);
        PublicKey key = keys.get(keyId);
        if (key == null) {
            throw new PolicySignatureException(Problem.UNKNOWN_KEY_ID, "policy signed with unknown key id '" + keyId
                    + "'; trusted key ids: " + keyIds());
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureHeader);
        } catch (IllegalArgumentException e) {
            throw new PolicySignatureException(Problem.BAD_SIGNATURE,
                    "bad policy signature: the " + PolicySignatures.SIGNATURE_HEADER + " header is not base64", e);
        }
        if (!matches(key, value, signature)) {
            throw new PolicySignatureException(Problem.BAD_SIGNATURE, "bad policy signature: it does not verify with key '"
                    + keyId + "' over the record's value (altered, or signed by another key)");
        }
        return keyId;
    }

    private static boolean matches(PublicKey key, byte[] value, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(PolicySignatures.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(value);
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // a signature of the wrong length or shape is simply not a valid signature
        } catch (GeneralSecurityException e) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY, "public key cannot verify: " + e.getMessage(), e);
        }
    }
}
