package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} or a {@link CompletionRequest} back as the OpenAI JSON body that
 * {@link ChatRequestReader} or {@link CompletionRequestReader} reads.
 */
public final class ChatRequestWriter {

    private ChatRequestWriter() {
    }

    public static ObjectNode toTree(ChatRequest r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("model", r.model());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : r.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        return options(root, r);
    }

    public static ObjectNode toTree(CompletionRequest r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("model", r.model());
        if (r.prompt() instanceof CompletionRequest.Prompt.Text t) {
            root.put("prompt", t.text());
        } else if (r.prompt() instanceof CompletionRequest.Prompt.TokenIds ids) {
            ArrayNode array = root.putArray("prompt");
            ids.ids().forEach(array::add);
        }
        r.logprobs().ifPresent(n -> root.put("logprobs", n));
        if (r.echo()) {
            root.put("echo", true);
        }
        return options(root, r);
    }

    private static ObjectNode options(ObjectNode root, GenerationOptions r) {
        r.maxTokens().ifPresent(v -> root.put("max_tokens", v));
        r.temperature().ifPresent(v -> root.put("temperature", v));
        r.topP().ifPresent(v -> root.put("top_p", v));
        r.seed().ifPresent(v -> root.put("seed", v));
        if (!r.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            r.stop().forEach(stop::add);
        }
        if (r.stream()) {
            root.put("stream", true);
            if (r.includeUsage()) {
                root.putObject("stream_options").put("include_usage", true);
            }
        }
        r.user().ifPresent(u -> root.put("user", u));
        return root;
    }
}
