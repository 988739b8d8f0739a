package io.edgerouter.agent.engine;

/** The local engine's queue is full: the caller should retry later (429 with Retry-After). */
public final class EngineBusyException extends RuntimeException {

    public EngineBusyException(String message) {
        super(message, null, false, false);
    }
}
