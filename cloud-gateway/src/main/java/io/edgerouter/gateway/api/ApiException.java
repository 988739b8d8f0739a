package io.edgerouter.gateway.api;

import io.edgerouter.protocol.openai.ErrorBody;

import java.util.Objects;

/**
 * A request the gateway answers with an error status and an OpenAI-style body. Subclasses say whether
 * the caller may retry ({@link #retriable()}), so resilience code reads the type, not the message.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final long retryAfterSeconds;

    public ApiException(int status, String type, String code, String param, String message) {
        this(status, type, code, param, message, 0);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    protected ApiException(int status, String type, String code, String param, String message, long retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"));
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the caller's mistake in {@code param}. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_request", param, message);
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String code, String message) {
        return new ApiException(404, "invalid_request_error", code, null, message);
    }

    /** 503: the gateway cannot take this call now; the caller may retry after {@code retryAfterSeconds}. */
    public static ApiException unavailable(String code, String message, long retryAfterSeconds) {
        return new ApiException(503, "server_error", code, null, message, retryAfterSeconds);
    }

    /**
     * 503 {@code shutting_down} with {@code Retry-After: 1}: the gateway refuses or stopped this call because it shuts
     * down; another replica will answer.
     *
     * @param what what happened to the call, e.g. {@code it takes no new verify calls}
     */
    public static ApiException shuttingDown(String what) {
        return unavailable("shutting_down", "the gateway is shutting down: " + what + "; retry, another replica will answer", 1);
    }

    /** 409: the request conflicts with the gateway's state. */
    public static ApiException conflict(String code, String param, String message) {
        return new ApiException(409, "invalid_request_error", code, param, message);
    }

    public int status() {
        return status;
    }

    /** Seconds to wait before retrying, 0 when unknown. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean retriable() {
        return status == 429 || status >= 500;
    }

    public ErrorBody body() {
        return ErrorBody.of(getMessage(), type, param, code);
    }
}
