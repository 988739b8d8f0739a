package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;

/** Counts text handed on, to know whether a cloud failure happened before or after the answer began. */
class CountingSink implements AnswerSink {

    private final AnswerSink inner;
    int emitted;

    CountingSink(AnswerSink inner) {
        this.inner = inner;
    }

    @Override
    public void begin(RouteSummary route) {
        inner.begin(route);
    }

    @Override
    public void text(String delta) {
        emitted++;
        inner.text(delta);
    }

    @Override
    public void text(String delta, CompletionLogprobs logprobs) {
        emitted++;
        inner.text(delta, logprobs);
    }

    @Override
    public void end(String finishReason, Usage usage, RouteSummary route) {
        inner.end(finishReason, usage, route);
    }

    @Override
    public boolean cancelled() {
        return inner.cancelled();
    }
}
