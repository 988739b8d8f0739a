package io.edgerouter.engine;

/** Why generation ended. */
public enum FinishReason {
    STOP_TOKEN,
    STOP_STRING,
    MAX_TOKENS,
    CANCELLED
}
