package io.edgerouter.agent.egress;

/**
 * The cloud refused the call (a 4xx other than 408/429: bad key, tokenizer mismatch, invalid body).
 * Not a sign the cloud is down, so it does not count against the circuit breaker.
 */
public final class CloudRejectedException extends RuntimeException {

    /** The gateway's code when a VERIFY session it no longer holds was continued (evicted, expired, restarted). */
    public static final String SESSION_NOT_FOUND = "session_not_found";

    private final int status;
    private final String code;

    /** @param code the error body's {@code error.code}, or empty */
    public CloudRejectedException(int status, String code, String detail) {
        super("the cloud rejected the call with " + status + detail, null, false, false);
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean sessionLost() {
        return status == 404 && SESSION_NOT_FOUND.equals(code);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return "cloud_rejected:" + status;
    }
}
