package io.edgerouter.engine.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds a model's chat template where transformers looks for it: {@code chat_template.jinja} in the model directory
 * when there is one (it takes precedence, as transformers gives it), else {@code chat_template} in
 * {@code tokenizer_config.json}, a string or a list of {@code {name, template}} of which the one named "default" is
 * used. An imported GGUF model has its {@code tokenizer.chat_template} in the imported tokenizer_config.json.
 */
public final class ChatTemplates {

    static final String JINJA_FILE = "chat_template.jinja";
    static final String CONFIG_FILE = "tokenizer_config.json";

    private ChatTemplates() {
    }

    /**
     * The template of a model directory, or empty for a model without one (a base model).
     *
     * @param specialTexts the tokenizer's special token texts (see {@link ChatTemplate#of})
     * @throws ModelLoadException naming the file when it is unreadable, malformed, or holds a template that does not
     *                            parse
     */
    public static Optional<ChatTemplate> fromModelDirectory(Path dir, Collection<String> specialTexts) {
        Path jinja = dir.resolve(JINJA_FILE);
        if (Files.isRegularFile(jinja)) {
            String text;
            try {
                text = Files.readString(jinja, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ModelLoadException("cannot read " + jinja + ": " + e.getMessage(), e);
            }
            return Optional.of(ChatTemplate.of(text, jinja.toString(), SpecialTokens.read(dir), specialTexts));
        }
        Path config = dir.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) {
            return Optional.empty();
        }
        return templateIn(config).map(text -> ChatTemplate.of(text, config + " (chat_template)",
                SpecialTokens.read(dir), specialTexts));
    }

    public static Optional<ChatTemplate> fromModelDirectory(Path dir) {
        return fromModelDirectory(dir, List.of());
    }

    /**
     * The {@code chat_template} of a tokenizer_config.json, or empty when it has none.
     *
     * @throws ModelLoadException when the file is malformed or lists templates without a "default"
     */
    static Optional<String> templateIn(Path config) {
        JsonObject json = ModelConfig.readJson(config);
        JsonElement template = json.get("chat_template");
        if (template == null || template.isJsonNull()) {
            return Optional.empty();
        }
        if (template.isJsonArray()) { // [{name, template}, ...]: transformers uses "default"
            for (JsonElement e : template.getAsJsonArray()) {
                JsonObject named = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
                if (named.has("name") && "default".equals(named.get("name").getAsString()) && named.has("template")) {
                    return Optional.of(named.get("template").getAsString());
                }
            }
            throw new ModelLoadException(config + " lists chat templates but none named 'default'");
        }
        if (!template.isJsonPrimitive()) {
            throw new ModelLoadException(config + ": chat_template must be a string or a list of {name, template},"
                    + " got " + template);
        }
        return Optional.of(template.getAsString());
    }
}
