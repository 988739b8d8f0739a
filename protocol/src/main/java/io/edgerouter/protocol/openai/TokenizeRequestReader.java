package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads vLLM's {@code POST /tokenize} and {@code POST /detokenize} bodies, naming every offending field and its rule.
 * Fields vLLM has but this server cannot honour ({@code tools}, a caller's own {@code chat_template} and its kwargs,
 * multimodal kwargs) are refused rather than ignored, since the ids would not be what the caller asked for.
 */
public final class TokenizeRequestReader {

    /** Most ids one detokenize call takes. */
    public static final int MAX_TOKENS = 1_048_576;

    private static final Set<String> PROMPT_FIELDS = Set.of("model", "prompt", "add_special_tokens", "return_token_strs");
    private static final Set<String> CHAT_FIELDS = Set.of("model", "messages", "add_generation_prompt",
            "continue_final_message", "add_special_tokens", "return_token_strs", "tools", "chat_template",
            "chat_template_kwargs", "mm_processor_kwargs");
    private static final Set<String> REFUSED = Set.of("tools", "chat_template", "chat_template_kwargs", "mm_processor_kwargs");

    private TokenizeRequestReader() {
    }

    public static TokenizeRequest read(byte[] body) {
        JsonNode root = ChatRequestReader.parseTree(body);
        boolean chat = root.isObject() && root.has("messages");
        if (root.isObject() && chat == root.has("prompt")) {
            throw new InvalidRequestException("", chat ? "send either prompt or messages, not both"
                    : "send prompt (a string) or messages (chat messages, rendered with the model's chat template)");
        }
        List<FieldViolation> violations = new ArrayList<>();
        Optional<JsonFields> open = JsonFields.object(root, "", chat ? CHAT_FIELDS : PROMPT_FIELDS, violations);
        if (open.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        JsonFields f = open.get();
        String model = f.text("model").orElse(null);
        boolean strs = f.bool("return_token_strs").orElse(false);
        TokenizeRequest out;
        if (chat) {
            for (String refused : REFUSED) {
                if (f.has(refused) && !f.raw(refused).isNull()) {
                    f.violation(refused, "is not supported by this server (the model's own chat template is always used)");
                }
            }
            List<ChatMessage> messages = ChatRequestReader.messages(f, violations);
            boolean generation = f.bool("add_generation_prompt").orElse(true);
            boolean continueFinal = f.bool("continue_final_message").orElse(false);
            if (generation && continueFinal) {
                f.violation("continue_final_message", "cannot be true together with add_generation_prompt: set"
                        + " add_generation_prompt to false to continue the final message");
            }
            if (continueFinal && !messages.isEmpty() && !messages.get(messages.size() - 1).role().equals("assistant")) {
                f.violation("continue_final_message", "needs an assistant message last, got "
                        + messages.get(messages.size() - 1).role());
            }
            out = new TokenizeRequest.Chat(model, messages, generation, continueFinal,
                    f.bool("add_special_tokens").orElse(false), strs);
        } else {
            Optional<String> prompt = f.text("prompt");
            out = new TokenizeRequest.Prompt(model, prompt.orElse(""), f.bool("add_special_tokens").orElse(true), strs);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return out;
    }

    public static TokenizeRequest.Detokenize readDetokenize(byte[] body) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<JsonFields> open = JsonFields.object(ChatRequestReader.parseTree(body), "", Set.of("model", "tokens"), violations);
        if (open.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        JsonFields f = open.get();
        String model = f.text("model").orElse(null);
        int[] ids = new int[0];
        if (!f.has("tokens")) {
            f.violation("tokens", "is required: an array of token ids");
        } else if (!f.raw("tokens").isArray()) {
            f.violation("tokens", "must be an array of token ids, got " + JsonFields.kind(f.raw("tokens")));
        } else if (f.raw("tokens").size() > MAX_TOKENS) {
            f.violation("tokens", "must hold at most " + MAX_TOKENS + " ids, got " + f.raw("tokens").size());
        } else {
            JsonNode array = f.raw("tokens");
            ids = new int[array.size()];
            for (int i = 0; i < array.size(); i++) {
                JsonNode id = array.get(i);
                if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                    violations.add(new FieldViolation(f.pathOf("tokens") + "[" + i + "]",
                            "must be a token id (an integer ≥ 0), got " + id));
                } else {
                    ids[i] = id.intValue();
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new TokenizeRequest.Detokenize(model, ids);
    }
}
