package io.edgerouter.agent.cloud;

/**
 * The cloud refused the call (a 4xx other than 408/429: bad key, tokenizer mismatch, invalid body).
 * Not a sign the cloud is down, so it does not count against the circuit breaker.
 */
public final class CloudRejectedException extends RuntimeException {

    private final int status;

    public CloudRejectedException(int status, String detail) {
        super("the cloud rejected the call with " + status + detail, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return "cloud_rejected:" + status;
    }
}
