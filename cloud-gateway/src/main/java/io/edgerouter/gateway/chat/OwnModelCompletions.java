package io.edgerouter.gateway.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.FinishReason;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.TokenListener;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.sampling.SamplingParams;
import io.edgerouter.engine.sampling.TopLogprobs;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.gateway.config.GatewayConfig;
import io.edgerouter.gateway.model.GatewayModel;
import io.edgerouter.protocol.openai.ChatCompletion;
import io.edgerouter.protocol.openai.ChatCompletionChunk;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.CompletionLogprobs;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.ErrorBody;
import io.edgerouter.protocol.openai.GenerationOptions;
import io.edgerouter.protocol.openai.TextCompletion;
import io.edgerouter.protocol.openai.Usage;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers chat and text completions with the gateway's own model (draft-model speculation when a draft is loaded).
 * A chat on a model without a chat template is a plain transcript that ends where the model starts the next user
 * turn; a text completion continues its prompt (text after the model's BOS when its tokenizer asks for one, or token
 * ids as given).
 */
@ApplicationScoped
public class OwnModelCompletions {

    private final GatewayModel model;
    private final int maxTokensCap;

    OwnModelCompletions(GatewayModel model, GatewayConfig config) {
        this.model = model;
        this.maxTokensCap = config.engine().maxCompletionTokens();
    }

    /** A whole chat completion; 503 when {@code cancelled} stops it. Blocking. */
    public ChatCompletion complete(ChatRequest request, BooleanSupplier cancelled) {
        int[] prompt = chatPrompt(request);
        GenerationResult r = finished(run(chatGeneration(request, prompt), TokenListener.NONE, cancelled));
        return ChatCompletion.of(completionId("chatcmpl-"), now(), model.name(), r.text(), finishReason(r.finishReason()),
                Usage.of(prompt.length, r.tokens().length), null);
    }

    /**
     * Streams a chat completion as server-sent events ending with {@code data: [DONE]}; when {@code cancelled} stops
     * it, the stream ends with an error event instead of the finish chunk. Blocking.
     */
    public void stream(ChatRequest request, OutputStream out, ObjectMapper json, BooleanSupplier cancelled) {
        int[] prompt = chatPrompt(request);
        String id = completionId("chatcmpl-");
        long created = now();
        Events sse = new Events(new SseWriter(out, json));
        sse.send(ChatCompletionChunk.role(id, created, model.name(), null));
        sse.generate(() -> run(chatGeneration(request, prompt), (token, delta) -> {
            if (!delta.isEmpty()) {
                sse.send(ChatCompletionChunk.text(id, created, model.name(), delta));
            }
        }, sse.stopWhen(cancelled)), r -> ChatCompletionChunk.finish(id, created, model.name(), finishReason(r.finishReason())),
                r -> request.includeUsage() ? ChatCompletionChunk.usage(id, created, model.name(), Usage.of(prompt.length, r.tokens().length)) : null);
    }

    /** A whole text completion; 503 when {@code cancelled} stops it. Blocking. */
    public TextCompletion complete(CompletionRequest request, BooleanSupplier cancelled) {
        int[] prompt = textPrompt(request);
        List<CompletionLogprobs> pieces = new ArrayList<>();
        GenerationResult r = finished(run(textGeneration(request, prompt), logprobs(request, (delta, piece) -> pieces.add(piece)), cancelled));
        String text = (request.echo() ? shownPrompt(request) : "") + r.text();
        return TextCompletion.of(completionId("cmpl-"), now(), model.name(), text, finishReason(r.finishReason()),
                request.logprobs().isPresent() ? CompletionLogprobs.join(pieces) : null, Usage.of(prompt.length, r.tokens().length), null);
    }

    /** As the chat stream, for a text completion. Blocking. */
    public void stream(CompletionRequest request, OutputStream out, ObjectMapper json, BooleanSupplier cancelled) {
        int[] prompt = textPrompt(request);
        String id = completionId("cmpl-");
        long created = now();
        Events sse = new Events(new SseWriter(out, json));
        if (request.echo()) {
            sse.send(TextCompletion.chunk(id, created, model.name(), shownPrompt(request), null));
        }
        TokenListener listener = request.logprobs().isPresent()
                ? logprobs(request, (delta, piece) -> sse.send(TextCompletion.chunk(id, created, model.name(), delta, piece)))
                : (token, delta) -> {
                    if (!delta.isEmpty()) {
                        sse.send(TextCompletion.chunk(id, created, model.name(), delta, null));
                    }
                };
        sse.generate(() -> run(textGeneration(request, prompt), listener, sse.stopWhen(cancelled)),
                r -> TextCompletion.finish(id, created, model.name(), finishReason(r.finishReason()), null),
                r -> request.includeUsage() ? TextCompletion.usage(id, created, model.name(), Usage.of(prompt.length, r.tokens().length)) : null);
    }

    private GenerationResult run(GenerationRequest generation, TokenListener listener, BooleanSupplier stop) {
        return model.inSlot(() -> {
            try (Conversation conversation = model.engine().newConversation()) {
                return conversation.generate(generation, listener, stop);
            }
        }, stop);
    }

    /** A whole answer stopped by shutdown is not an answer: 503, the caller retries elsewhere. */
    private static GenerationResult finished(GenerationResult r) {
        if (r.finishReason() == FinishReason.CANCELLED) {
            throw ApiException.shuttingDown("the completion was stopped after " + r.tokens().length + " tokens");
        }
        return r;
    }

    private int[] chatPrompt(ChatRequest request) {
        List<ChatMessage> messages = request.messages().stream()
                .map(m -> new ChatMessage(m.role(), m.content())).toList();
        return model.engine().chatPrompt(messages);
    }

    private int[] textPrompt(CompletionRequest request) {
        LocalEngine engine = model.engine();
        request.requireFits(engine.target().vocabSize(), engine.bosTokenId());
        return request.prompt() instanceof CompletionRequest.Prompt.TokenIds ids ? ids.toArray() : engine.textPrompt(request.promptText());
    }

    /** The prompt as the answer's echo shows it: as sent, or the token ids decoded. */
    private String shownPrompt(CompletionRequest request) {
        return request.prompt() instanceof CompletionRequest.Prompt.TokenIds ids
                ? model.engine().tokenizer().decode(ids.toArray()) : request.promptText();
    }

    /** Hands each generated token's text delta and logprobs entry to {@code onPiece}; nothing unless the request asked for logprobs. */
    private TokenListener logprobs(CompletionRequest request, BiConsumer<String, CompletionLogprobs> onPiece) {
        if (request.logprobs().isEmpty()) {
            return TokenListener.NONE;
        }
        CompletionLogprobs.Builder builder = new CompletionLogprobs.Builder(shownPrompt(request).length());
        return new TokenListener() {
            @Override
            public void onToken(int tokenId, String textDelta) {
                onToken(tokenId, textDelta, 0.0, TopLogprobs.NONE);
            }

            @Override
            public void onToken(int tokenId, String textDelta, double logProb, TopLogprobs top) {
                onPiece.accept(textDelta, builder.add(tokenId, logProb, top.ids(), top.logProbs(),
                        id -> model.engine().tokenizer().decode(new int[] {id})));
            }
        };
    }

    private GenerationRequest chatGeneration(ChatRequest request, int[] prompt) {
        List<String> stops = new ArrayList<>(request.stop());
        model.engine().chatStopStrings().stream().filter(s -> !stops.contains(s)).forEach(stops::add);
        return generation(request, prompt, stops);
    }

    private GenerationRequest textGeneration(CompletionRequest request, int[] prompt) {
        return generation(request, prompt, request.stop()).withTopLogprobs(request.logprobs().orElse(0));
    }

    private GenerationRequest generation(GenerationOptions request, int[] prompt, List<String> stops) {
        int maxTokens = Math.min(request.maxTokens().orElse(maxTokensCap), maxTokensCap);
        double temperature = request.temperature().orElse(1.0);
        long seed = request.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
        SamplingParams sampling = temperature == 0 ? SamplingParams.greedy()
                : new SamplingParams(temperature, 0, request.topP().orElse(1.0), seed);
        return GenerationRequest.of(prompt, maxTokens, model.hasDraft() ? Decoding.DRAFT_MODEL : Decoding.VANILLA)
                .withSampling(sampling)
                .withStops(model.stopTokenIds(), stops);
    }

    static String finishReason(FinishReason reason) {
        return reason == FinishReason.MAX_TOKENS ? "length" : "stop";
    }

    static String completionId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /**
     * Server-sent events until the client goes away ({@link #gone} then stops the generation) or shutdown cancels the
     * call (the stream then ends with an error event).
     */
    private static final class Events {
        private final SseWriter sse;
        final AtomicBoolean gone = new AtomicBoolean();

        Events(SseWriter sse) {
            this.sse = sse;
        }

        /** Stops generating when the client left or {@code cancelled} says so. */
        BooleanSupplier stopWhen(BooleanSupplier cancelled) {
            return () -> gone.get() || cancelled.getAsBoolean();
        }

        /**
         * Runs the generation, then ends the stream: finish event, usage event (if not null) and {@code [DONE]}, or,
         * when shutdown stopped it, the usage so far, an error event and {@code [DONE]}.
         */
        void generate(Supplier<GenerationResult> generation, Function<GenerationResult, Object> finish,
                      Function<GenerationResult, Object> usage) {
            GenerationResult r;
            try {
                r = generation.get();
            } catch (ApiException e) { // e.g. shutdown began while waiting for a model slot
                fail(null, e.body());
                return;
            }
            if (r.finishReason() == FinishReason.CANCELLED) {
                fail(usage.apply(r), ApiException.shuttingDown("the answer was cut off after " + r.tokens().length + " tokens").body());
                return;
            }
            end(finish.apply(r), usage.apply(r));
        }

        /** The usage (if not null), an error event and {@code [DONE]}, unless the client left. */
        void fail(Object usage, ErrorBody error) {
            if (gone.get()) {
                return;
            }
            if (usage != null) {
                sse.event(usage);
            }
            sse.event(error);
            sse.data(SseWriter.DONE);
        }

        void send(Object event) {
            if (gone.get()) {
                return;
            }
            try {
                sse.event(event);
            } catch (UncheckedIOException e) {
                gone.set(true); // the client left: stop generating
            }
        }

        /** The finish event, the usage event (if not null) and {@code [DONE]}, unless the client left. */
        void end(Object finish, Object usage) {
            if (gone.get()) {
                return;
            }
            sse.event(finish);
            if (usage != null) {
                sse.event(usage);
            }
            sse.data(SseWriter.DONE);
        }
    }
}
