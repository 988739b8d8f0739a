package io.edgerouter.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.agent.pipeline.ChatAnswers;
import io.edgerouter.agent.pipeline.CompletionLog;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.ChatRequestReader;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.RouteSummary;
import io.edgerouter.protocol.openai.Usage;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** {@code POST /v1/chat/completions}, OpenAI-compatible, plain and streamed (see {@link AnswerRoute}). */
@Singleton
public class ChatRoute extends AnswerRoute<ChatRequest> {

    ChatRoute(ChatAnswers pipeline, Services services, ApiGuard guard, ObjectMapper mapper, CompletionLog log) {
        super(pipeline, ChatRequestReader::read, services, guard, mapper, log);
    }

    void register(@Observes Router router) {
        register(router, "/v1/chat/completions");
    }

    @Override
    String idPrefix() {
        return "chatcmpl-";
    }

    @Override
    Object body(String id, long created, ChatRequest request, CollectingSink answer, RouteSummary route) {
        return ChatCompletion.of(id, created, request.model(), answer.text.toString(), answer.finish, answer.usage, route);
    }

    @Override
    Object firstChunk(String id, long created, ChatRequest request) {
        return ChatCompletionChunk.role(id, created, request.model(), null);
    }

    @Override
    Object textChunk(String id, long created, ChatRequest request, String text, CompletionLogprobs logprobs) {
        return ChatCompletionChunk.text(id, created, request.model(), text);
    }

    @Override
    Object finishChunk(String id, long created, ChatRequest request, String finishReason, RouteSummary route) {
        ChatCompletionChunk last = ChatCompletionChunk.finish(id, created, request.model(), finishReason);
        return new ChatCompletionChunk(last.id(), last.object(), last.created(), last.model(), last.choices(), null, route);
    }

    @Override
    Object usageChunk(String id, long created, ChatRequest request, Usage usage) {
        return ChatCompletionChunk.usage(id, created, request.model(), usage);
    }
}
