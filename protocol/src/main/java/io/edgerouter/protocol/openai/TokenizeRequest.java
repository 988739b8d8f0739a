package io.edgerouter.protocol.openai;

import java.util.List;

/**
 * A vLLM-compatible {@code POST /tokenize} body: a completion {@code prompt}, or chat {@code messages} rendered with the
 * model's chat template.
 */
public sealed interface TokenizeRequest {

    /** The model the caller named, or null (the agent has one local model). */
    String model();

    /** Whether {@code token_strs} is wanted beside the ids. */
    boolean returnTokenStrs();

    /**
     * @param addSpecialTokens BOS (when the model's tokenizer config adds one), as a completion prompt gets it; default true
     */
    record Prompt(String model, String prompt, boolean addSpecialTokens, boolean returnTokenStrs) implements TokenizeRequest {
    }

    /**
     * @param addGenerationPrompt  the template's assistant header after the messages; default true
     * @param continueFinalMessage the rendering ends inside the last message (an assistant turn to continue); default false
     * @param addSpecialTokens     BOS on top of what the template writes; default false
     */
    record Chat(String model, List<ChatMessage> messages, boolean addGenerationPrompt, boolean continueFinalMessage,
                boolean addSpecialTokens, boolean returnTokenStrs) implements TokenizeRequest {
        public Chat {
            messages = List.copyOf(messages);
        }
    }

    /** A vLLM-compatible {@code POST /detokenize} body. */
    record Detokenize(String model, int[] tokens) {
    }
}
