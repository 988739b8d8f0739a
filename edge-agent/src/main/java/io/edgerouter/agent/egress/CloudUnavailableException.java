package io.edgerouter.agent.egress;

/**
 * A cloud call that did not produce an answer. {@link #reason()} is the code the response and the
 * telemetry carry: {@code cloud_not_configured}, {@code cloud_unreachable}, {@code breaker_open},
 * {@code cloud_timeout} or {@code cloud_error:<status>}.
 */
public final class CloudUnavailableException extends RuntimeException {

    private final String reason;

    public CloudUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
