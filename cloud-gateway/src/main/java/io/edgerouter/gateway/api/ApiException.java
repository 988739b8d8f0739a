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

    public ApiException(int status, String type, String code, String param, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /** 400: the caller's mistake in {@code param}. */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_request", param, message);
    }

    /** 404: the named thing does not exist. */
    public static ApiException notFound(String code, String message) {
        return new ApiException(404, "invalid_request_error", code, null, message);
    }

    /** 409: the request conflicts with the gateway's state. */
    public static ApiException conflict(String code, String param, String message) {
        return new ApiException(409, "invalid_request_error", code, param, message);
    }

    public int status() {
        return status;
    }

    public boolean retriable() {
        return status == 429 || status >= 500;
    }

    public ErrorBody body() {
        return ErrorBody.of(getMessage(), type, param, code);
    }
}
