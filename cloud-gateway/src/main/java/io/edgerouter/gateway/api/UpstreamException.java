package io.edgerouter.gateway.api;

/** The upstream provider failed, timed out or is shut off by the circuit breaker: 502 or 503, retriable. */
public final class UpstreamException extends ApiException {

    private UpstreamException(int status, String code, String message, long retryAfterSeconds) {
        super(status, "upstream_error", code, null, message, retryAfterSeconds);
    }

    /** 502: the upstream answered badly or not at all. */
    public static UpstreamException badGateway(String code, String message) {
        return new UpstreamException(502, code, message, 0);
    }

    /** 503: the gateway is not calling the upstream right now (breaker open, nothing configured). */
    public static UpstreamException unavailable(String code, String message, long retryAfterSeconds) {
        return new UpstreamException(503, code, message, retryAfterSeconds);
    }
}
