package io.edgerouter.engine;

/** The caller asked for something the engine can never do (empty prompt, k ≤ 0, bad sampling values). */
public class InvalidRequestException extends EngineException {

    public InvalidRequestException(String message) {
        super(message, false);
    }
}
