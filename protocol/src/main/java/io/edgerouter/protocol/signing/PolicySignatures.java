package io.edgerouter.protocol.signing;

import io.edgerouter.protocol.signing.PolicySignatureException.Problem;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * How policy records on {@code edge.routing.policies} are signed: Ed25519 over the exact bytes of the record's
 * value, the signature (base64) and the signing key's id in two record headers. Keys travel as base64 or PEM:
 * public keys in X.509 (SubjectPublicKeyInfo) encoding, private keys in PKCS#8, the encodings
 * {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write.
 */
public final class PolicySignatures {

    /** The JDK's name of the signature algorithm and key type. */
    public static final String ALGORITHM = "Ed25519";

    /** Record header holding the base64 Ed25519 signature of the value bytes. */
    public static final String SIGNATURE_HEADER = "edge-policy-signature";

    /** Record header holding the id of the key that signed the record. */
    public static final String KEY_ID_HEADER = "edge-policy-key-id";

    /** Key ids: letters, digits, '-' and '_', so an id can be a configuration map key and an environment variable part. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----");

    private PolicySignatures() {
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK offers no " + ALGORITHM + " key pair generator", e);
        }
    }

    /** Reads an Ed25519 public key: base64 of its X.509 encoding, or the same in a PEM {@code PUBLIC KEY} block. */
    public static PublicKey publicKey(String base64OrPem) {
        byte[] der = decode(base64OrPem, "public key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY,
                    "not an " + ALGORITHM + " public key in X.509 (SubjectPublicKeyInfo) encoding: " + e.getMessage(), e);
        }
    }

    /** Reads an Ed25519 private key: a PEM {@code PRIVATE KEY} block (PKCS#8), or the bare base64 of it. */
    public static PrivateKey privateKey(String base64OrPem) {
        byte[] der = decode(base64OrPem, "private key");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY,
                    "not an " + ALGORITHM + " private key in PKCS#8 encoding: " + e.getMessage(), e);
        }
    }

    /** The base64 X.509 encoding of a public key, as {@link #publicKey} reads it. */
    public static String encodePublicKey(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A PEM {@code PRIVATE KEY} block (PKCS#8), as {@link #privateKey} reads it. */
    public static String encodePrivateKeyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Checks a key id against {@link #KEY_ID}; returns it. */
    public static String checkKeyId(String keyId) {
        if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY,
                    "key id '" + keyId + "' must be 1 to 64 letters, digits, '-' or '_'");
        }
        return keyId;
    }

    private static byte[] decode(String base64OrPem, String what) {
        if (base64OrPem == null || base64OrPem.isBlank()) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY, "the " + what + " is empty");
        }
        String body = PEM_ARMOUR.matcher(base64OrPem).replaceAll("").replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new PolicySignatureException(Problem.MALFORMED_KEY, "the " + what + " is not base64: " + e.getMessage(), e);
        }
    }
}
