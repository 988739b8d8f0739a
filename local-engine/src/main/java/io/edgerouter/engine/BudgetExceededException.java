package io.edgerouter.engine;

/** A request would need more context tokens or KV-cache bytes than the configured budget allows. */
public class BudgetExceededException extends EngineException {

    public BudgetExceededException(String message) {
        super(message, false);
    }
}
