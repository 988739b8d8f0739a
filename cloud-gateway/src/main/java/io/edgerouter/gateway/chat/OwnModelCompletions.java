package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.Usage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** Answers chat completions with the gateway's own model (draft-model speculation when a draft is loaded). */
@ApplicationScoped
public class OwnModelCompletions {

    private final GatewayModel model;
    private final int maxTokensCap;

    OwnModelCompletions(GatewayModel model, GatewayConfig config) {
        this.model = model;
        this.maxTokensCap = config.model().maxCompletionTokens();
    }

    /** A whole completion. Blocking. */
    public ChatCompletion complete(ChatRequest request) {
        int[] prompt = prompt(request);
        GenerationResult r = model.inSlot(() -> {
            try (Conversation chat = model.engine().newConversation()) {
                return chat.generate(generation(request, prompt));
            }
        });
        return ChatCompletion.of(completionId(), now(), model.name(), r.text(), finishReason(r.finishReason()),
                Usage.of(prompt.length, r.tokens().length), null);
    }

    /** Streams a completion as server-sent events ending with {@code data: [DONE]}. Blocking. */
    public void stream(ChatRequest request, OutputStream out, ObjectMapper json) {
        int[] prompt = prompt(request);
        SseWriter sse = new SseWriter(out, json);
        String id = completionId();
        long created = now();
        AtomicBoolean gone = new AtomicBoolean();
        sse.event(ChatCompletionChunk.role(id, created, model.name(), null));
        GenerationResult r = model.inSlot(() -> {
            try (Conversation chat = model.engine().newConversation()) {
                return chat.generate(generation(request, prompt), (token, delta) -> {
                    if (!delta.isEmpty() && !gone.get()) {
                        try {
                            sse.event(ChatCompletionChunk.text(id, created, model.name(), delta));
                        } catch (UncheckedIOException e) {
                            gone.set(true); // the client left: stop generating
                        }
                    }
                }, gone::get);
            }
        });
        if (gone.get()) {
            return;
        }
        sse.event(ChatCompletionChunk.finish(id, created, model.name(), finishReason(r.finishReason())));
        if (request.includeUsage()) {
            sse.event(ChatCompletionChunk.usage(id, created, model.name(), Usage.of(prompt.length, r.tokens().length)));
        }
        sse.data(SseWriter.DONE);
    }

    private int[] prompt(ChatRequest request) {
        List<ChatMessage> messages = request.messages().stream()
                .map(m -> new ChatMessage(m.role(), m.content())).toList();
        return model.engine().chatPrompt(messages);
    }

    private GenerationRequest generation(ChatRequest request, int[] prompt) {
        int maxTokens = Math.min(request.maxTokens().orElse(maxTokensCap), maxTokensCap);
        double temperature = request.temperature().orElse(1.0);
        long seed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        SamplingParams sampling = temperature == 0 ? SamplingParams.greedy()
                : new SamplingParams(temperature, 0, request.topP().orElse(1.0), seed);
        return GenerationRequest.of(prompt, maxTokens, model.hasDraft() ? Decoding.DRAFT_MODEL : Decoding.VANILLA)
                .withSampling(sampling)
                .withStops(model.stopTokenIds(), request.stop());
    }

    static String finishReason(FinishReason reason) {
        return reason == FinishReason.MAX_TOKENS ? "length" : "stop";
    }

    static String completionId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
