package io.edgerouter.router;

/**
 * Root of every exception the router library throws. {@link #isRetriable()} tells a resilience policy whether
 * trying again can help (a transient resource problem) or not (bad input, bad weights, bad policy).
 */
public class RouterException extends RuntimeException {

    private final boolean retriable;

    public RouterException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public RouterException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
