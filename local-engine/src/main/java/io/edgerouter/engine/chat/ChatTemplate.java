package io.edgerouter.engine.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chat formats the engine renders without a Jinja interpreter. Recognised from the {@code chat_template} in
 * {@code tokenizer_config.json}; any other template is rejected with the reason.
 */
public enum ChatTemplate {

    /** {@code <|im_start|>role\ncontent<|im_end|>\n} (Qwen2, many others). */
    CHATML("<|im_end|>") {
        @Override
        public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : messages) {
                sb.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
            }
            return addGenerationPrompt ? sb.append("<|im_start|>assistant\n").toString() : sb.toString();
        }
    },
    /** Llama 3: header ids around the role, {@code <|eot_id|>} after each turn. */
    LLAMA3("<|eot_id|>") {
        @Override
        public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
            StringBuilder sb = new StringBuilder("<|begin_of_text|>");
            for (ChatMessage m : messages) {
                sb.append("<|start_header_id|>").append(m.role()).append("<|end_header_id|>\n\n")
                        .append(m.content().strip()).append("<|eot_id|>");
            }
            if (addGenerationPrompt) {
                sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
            }
            return sb.toString();
        }
    };

    private final String endOfTurn;

    ChatTemplate(String endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    /** The special token that ends an assistant turn (a stop token). */
    public String endOfTurn() {
        return endOfTurn;
    }

    public abstract String render(List<ChatMessage> messages, boolean addGenerationPrompt);

    /** Recognises a Jinja chat template by its markers. */
    public static ChatTemplate recognise(String jinja) {
        if (jinja.contains("<|im_start|>")) {
            return CHATML;
        }
        if (jinja.contains("<|start_header_id|>")) {
            return LLAMA3;
        }
        throw new ModelLoadException("unsupported chat template (only ChatML <|im_start|> and Llama-3"
                + " <|start_header_id|> styles are rendered): "
                + jinja.substring(0, Math.min(120, jinja.length())));
    }

    /** Reads {@code dir/tokenizer_config.json} and recognises its chat template. */
    public static ChatTemplate fromModelDirectory(Path dir) {
        Path file = dir.resolve("tokenizer_config.json");
        if (!Files.exists(file)) {
            throw new ModelLoadException("missing tokenizer_config.json in " + dir + ": no chat template");
        }
        return fromConfigFile(file).orElseThrow(() -> new ModelLoadException(file + " has no chat_template"));
    }

    /**
     * The chat template of a {@code tokenizer_config.json}, or empty when it has none (a base model).
     *
     * @throws ModelLoadException when the file is malformed or its template is not one this engine renders
     */
    public static java.util.Optional<ChatTemplate> fromConfigFile(Path file) {
        JsonObject config;
        try {
            config = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        JsonElement template = config.get("chat_template");
        if (template == null || template.isJsonNull()) {
            return java.util.Optional.empty();
        }
        if (template.isJsonArray()) { // [{name, template}, ...]: use "default"
            for (JsonElement e : template.getAsJsonArray()) {
                JsonObject named = e.getAsJsonObject();
                if ("default".equals(named.get("name").getAsString())) {
                    return java.util.Optional.of(recognise(named.get("template").getAsString()));
                }
            }
            throw new ModelLoadException(file + " lists chat templates but none named 'default'");
        }
        return java.util.Optional.of(recognise(template.getAsString()));
    }
}
