package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;

/** A sink that keeps what it is given: the text, and the end's finish reason, usage and route. */
final class TextSink implements AnswerSink {
    final StringBuilder text = new StringBuilder();
    String finish;
    Usage usage;
    RouteSummary end;

    @Override
    public void begin(RouteSummary route) {
    }

    @Override
    public void text(String delta) {
        text.append(delta);
    }

    @Override
    public void end(String finishReason, Usage u, RouteSummary route) {
        finish = finishReason;
        usage = u;
        end = route;
    }
}
