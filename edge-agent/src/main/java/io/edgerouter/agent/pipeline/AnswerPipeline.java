package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.RouteSummary;

/**
 * What answers one kind of completion request, chat or text: checks it against this agent, then routes and answers
 * it into a sink (on a request worker thread).
 *
 * @param <R> the request type
 */
public interface AnswerPipeline<R> {

    /** Validates what the request asks of this agent before any work starts. */
    void check(R request);

    /** Answers a request into {@code sink}; throws {@link AnswerAbortedException} when it was cancelled or broke off. */
    Answered answer(R request, io.edgerouter.agent.request.RequestContext ctx, AnswerSink sink);

    /**
     * How a request was answered.
     *
     * @param route     the route summary it ended with
     * @param rawScore  the router's score before online calibration (what feedback on it must carry), or null when
     *                  nothing was scored ({@code model: local}, a prompt the router cannot read)
     * @param workNanos time spent generating (engine) and waiting for the cloud: the part that is not overhead
     */
    record Answered(RouteSummary route, Double rawScore, long workNanos) {
    }
}
