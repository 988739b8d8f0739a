package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.pipeline.CompletionLog;
import io.edgerouter.agent.pipeline.CompletionPipeline;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.CompletionRequestReader;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.TextCompletion;
import io.edgerouter.protocol.openai.Usage;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code POST /v1/completions}: OpenAI's legacy text completions for base models ({@code prompt} as text or token
 * ids, {@code logprobs}, {@code echo}), plain and streamed (see {@link AnswerRoute}).
 */
@Singleton
public class CompletionRoute extends AnswerRoute<CompletionRequest> {

    CompletionRoute(CompletionPipeline pipeline, Services services, ApiGuard guard, ObjectMapper mapper, CompletionLog log) {
        super(pipeline, CompletionRequestReader::read, services, guard, mapper, log);
    }

    void register(@Observes Router router) {
        register(router, "/v1/completions");
    }

    @Override
    String idPrefix() {
        return "cmpl-";
    }

    @Override
    Object body(String id, long created, CompletionRequest request, CollectingSink answer, RouteSummary route) {
        CompletionLogprobs logprobs = request.logprobs().isPresent() ? CompletionLogprobs.join(answer.logprobs) : null;
        return TextCompletion.of(id, created, request.model(), answer.text.toString(), answer.finish, logprobs, answer.usage, route);
    }

    @Override
    Object firstChunk(String id, long created, CompletionRequest request) {
        return null; // text completions have no role chunk
    }

    @Override
    Object textChunk(String id, long created, CompletionRequest request, String text, CompletionLogprobs logprobs) {
        return TextCompletion.chunk(id, created, request.model(), text, request.logprobs().isPresent() ? logprobs : null);
    }

    @Override
    Object finishChunk(String id, long created, CompletionRequest request, String finishReason, RouteSummary route) {
        return TextCompletion.finish(id, created, request.model(), finishReason, route);
    }

    @Override
    Object usageChunk(String id, long created, CompletionRequest request, Usage usage) {
        return TextCompletion.usage(id, created, request.model(), usage);
    }
}
