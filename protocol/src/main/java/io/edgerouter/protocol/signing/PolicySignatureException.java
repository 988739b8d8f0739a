package io.edgerouter.protocol.signing;

/**
 * A policy record whose signature cannot be accepted, or a key that cannot be read. Never retriable: the same
 * bytes fail the same way every time, so a consumer rejects the record (dead-letter topic) instead of retrying.
 */
public final class PolicySignatureException extends RuntimeException {

    /** What is wrong; the message says it in words and names the header, key id or encoding. */
    public enum Problem {
        /** No signature header, or no key id header. */
        UNSIGNED,
        /** Signed with a key id the verifier does not hold. */
        UNKNOWN_KEY_ID,
        /** The signature header is not base64 or does not verify over the value bytes. */
        BAD_SIGNATURE,
        /** A key that is not an Ed25519 key in the expected encoding (X.509 public, PKCS#8 private). */
        MALFORMED_KEY
    }

    private final Problem problem;

    public PolicySignatureException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public PolicySignatureException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
