package io.edgerouter.engine;

/**
 * Root of every exception the local engine throws. {@link #isRetriable()} tells a resilience policy whether the
 * same call may succeed later (e.g. a transient native failure) or never will (bad input, missing files, budget).
 */
public class EngineException extends RuntimeException {

    private final boolean retriable;

    public EngineException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    public EngineException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean isRetriable() {
        return retriable;
    }
}
