package io.edgerouter.engine.model;

import io.edgerouter.engine.InvalidRequestException;

/**
 * Memory budget of one decoding session.
 *
 * @param maxContextTokens tokens a session may hold (prompt + generated + draft)
 * @param maxKvBytes       KV-cache bytes a session may hold
 */
public record EngineLimits(int maxContextTokens, long maxKvBytes) {

    public EngineLimits {
        if (maxContextTokens <= 0) {
            throw new InvalidRequestException("maxContextTokens must be > 0, got " + maxContextTokens);
        }
        if (maxKvBytes <= 0) {
            throw new InvalidRequestException("maxKvBytes must be > 0, got " + maxKvBytes);
        }
    }

    /** No budget beyond the model's own context length. */
    public static EngineLimits unlimited() {
        return new EngineLimits(Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
