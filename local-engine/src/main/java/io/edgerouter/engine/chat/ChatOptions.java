package io.edgerouter.engine.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.edgerouter.engine.InvalidRequestException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to render a conversation, beyond its messages (Hugging Face's {@code apply_chat_template} arguments).
 *
 * @param addGenerationPrompt whether to end with the opening of an assistant turn (true when asking for an answer)
 * @param date                what {@code strftime_now} formats (Llama 3.1's "Today Date", SmolLM3's metadata), at
 *                            midnight; null means the render's own today
 * @param tools               tool schemas the template lists ({@code tools} in the template); null means none, which
 *                            the template sees as None, as Hugging Face passes it
 */
public record ChatOptions(boolean addGenerationPrompt, LocalDate date, List<Map<String, Object>> tools) {

    /** With the generation prompt, today's date, no tools: what {@code chatPrompt(messages)} renders. */
    public static final ChatOptions DEFAULT = new ChatOptions(true, null, null);

    public ChatOptions {
        tools = tools == null ? null : Collections.unmodifiableList(new ArrayList<>(tools));
    }

    public Optional<LocalDate> fixedDate() {
        return Optional.ofNullable(date);
    }

    public ChatOptions withGenerationPrompt(boolean add) {
        return new ChatOptions(add, date, tools);
    }

    public ChatOptions withDate(LocalDate fixed) {
        return new ChatOptions(addGenerationPrompt, fixed, tools);
    }

    public ChatOptions withTools(List<Map<String, Object>> schemas) {
        return new ChatOptions(addGenerationPrompt, date, schemas);
    }

    /**
     * Tools given as a JSON array of objects (OpenAI's {@code tools}); integers stay integers, so the template's
     * {@code tojson} prints {@code 7}, not {@code 7.0}.
     *
     * @throws InvalidRequestException when the text is not a JSON array of objects
     */
    @SuppressWarnings("unchecked")
    public ChatOptions withToolsJson(String json) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("tools must be a JSON array of objects: " + e.getMessage());
        }
        Object value = JsonValues.toJava(parsed);
        if (!(value instanceof List<?> list) || !list.stream().allMatch(t -> t instanceof Map)) {
            throw new InvalidRequestException("tools must be a JSON array of objects, got " + parsed);
        }
        return withTools((List<Map<String, Object>>) value);
    }
}
