package io.edgerouter.agent.pipeline;

/**
 * An answer that cannot be completed after part of it was handed on (the cloud's stream broke off mid-answer, the
 * agent shut down): a streamed answer ends with an OpenAI-style error event and {@code [DONE]}, a whole one with 502.
 */
public final class AnswerAbortedException extends RuntimeException {

    private final String code;

    public AnswerAbortedException(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Ends an answer whose request was cancelled (client gone, shutdown) instead of completing it. */
    static void throwIfCancelled(io.edgerouter.agent.request.RequestContext ctx) {
        if (ctx.cancellation().cancelled()) {
            throw new AnswerAbortedException(ctx.cancellation().reason(), "the answer was cancelled: " + ctx.cancellation().reason()
                    + (io.edgerouter.agent.request.Cancellation.SHUTDOWN.equals(ctx.cancellation().reason())
                    ? " (the agent is shutting down; retry on another instance)" : ""), null);
        }
    }
}
