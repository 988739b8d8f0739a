package io.edgerouter.agent.pipeline;

import io.edgerouter.agent.egress.EgressGate;
import io.edgerouter.agent.engine.EngineService;
import io.edgerouter.agent.request.RequestContext;
import io.edgerouter.privacy.vault.Vault;
import io.edgerouter.protocol.openai.ChatMessage;
import io.edgerouter.protocol.openai.ChatRequest;
import io.edgerouter.protocol.openai.CompletionPart;
import io.edgerouter.protocol.openai.CompletionRequest;
import io.edgerouter.protocol.openai.GenerationOptions;

import java.util.List;
import java.util.function.Consumer;

/**
 * What a route executor answers, whatever the endpoint: a chat (rendered with the model's template) or a text
 * completion prompt (a base model's input). Executors see only this interface, so every route serves both endpoints
 * with one implementation.
 */
sealed interface Prompt permits Prompt.Chat, Prompt.Text {

    /** The prompt as chat messages: what the privacy filter analyses and masks (a text prompt is one user message). */
    List<ChatMessage> messages();

    /** Token ids of the prompt as the user wrote it (LOCAL: nothing leaves the device). */
    int[] localIds(EngineService engine);

    /** Token ids of the masked prompt ({@code masked} = {@link #messages()} after the egress gate's masking). */
    int[] maskedIds(EngineService engine, List<ChatMessage> masked);

    /** Stop strings of an answer: the request's, plus what a transcript prompt needs. */
    List<String> stops(EngineService engine, GenerationOptions options);

    /** Sends the masked prompt through the gate as an OFFLOAD call of this endpoint's kind. */
    EgressGate.Spent offload(EgressGate gate, List<ChatMessage> masked, int maxTokens, Vault vault, RequestContext ctx,
                             Consumer<CompletionPart> onPart);

    /** A chat request's messages (the whole conversation, or a subtask with its history). */
    record Chat(ChatRequest request, List<ChatMessage> messages) implements Prompt {

        public Chat {
            messages = List.copyOf(messages);
        }

        @Override
        public int[] localIds(EngineService engine) {
            return engine.promptIds(messages);
        }

        @Override
        public int[] maskedIds(EngineService engine, List<ChatMessage> masked) {
            return engine.promptIds(masked);
        }

        @Override
        public List<String> stops(EngineService engine, GenerationOptions options) {
            return engine.chatStops(options.stop());
        }

        @Override
        public EgressGate.Spent offload(EgressGate gate, List<ChatMessage> masked, int maxTokens, Vault vault, RequestContext ctx,
                                        Consumer<CompletionPart> onPart) {
            return gate.offload(request.withMessages(masked).withMaxTokens(maxTokens), vault, ctx, onPart);
        }
    }

    /** A text completion's prompt (text; token-id prompts never leave the device and only reach {@link #localIds}). */
    record Text(CompletionRequest request) implements Prompt {

        @Override
        public List<ChatMessage> messages() {
            return List.of(ChatMessage.user(request.promptText()));
        }

        /** The prompt as {@code echo} shows it: as sent, or its token ids decoded. */
        String shown(EngineService engine) {
            return request.prompt() instanceof CompletionRequest.Prompt.TokenIds ids
                    ? engine.engine().tokenizer().decode(ids.toArray()) : request.promptText();
        }

        @Override
        public int[] localIds(EngineService engine) {
            return request.prompt() instanceof CompletionRequest.Prompt.TokenIds ids ? ids.toArray()
                    : engine.engine().textPrompt(request.promptText());
        }

        @Override
        public int[] maskedIds(EngineService engine, List<ChatMessage> masked) {
            return engine.engine().textPrompt(masked.get(0).content());
        }

        @Override
        public List<String> stops(EngineService engine, GenerationOptions options) {
            return options.stop();
        }

        @Override
        public EgressGate.Spent offload(EgressGate gate, List<ChatMessage> masked, int maxTokens, Vault vault, RequestContext ctx,
                                        Consumer<CompletionPart> onPart) {
            return gate.offload(request.withPrompt(new CompletionRequest.Prompt.Text(masked.get(0).content())).withMaxTokens(maxTokens),
                    vault, ctx, onPart);
        }
    }
}
