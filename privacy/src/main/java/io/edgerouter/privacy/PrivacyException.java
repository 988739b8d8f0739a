package io.edgerouter.privacy;

/**
 * Root of every exception this library throws. Callers decide on retries by reading {@link #retriable()}
 * instead of matching messages: a bad request stays bad, a transient failure may pass on a second try.
 */
public class PrivacyException extends RuntimeException {

    private final boolean retriable;

    public PrivacyException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public PrivacyException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** True when repeating the same call may succeed (never the case for a malformed request). */
    public boolean retriable() {
        return retriable;
    }
}
