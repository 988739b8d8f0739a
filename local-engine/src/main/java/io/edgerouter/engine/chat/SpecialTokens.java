package io.edgerouter.engine.chat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.model.ModelConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tokenizer's special tokens as its chat template sees them: Hugging Face passes {@code special_tokens_map} to the
 * template, i.e. {@code bos_token}, {@code eos_token}, {@code unk_token}, {@code sep_token}, {@code pad_token},
 * {@code cls_token}, {@code mask_token} as strings (an AddedToken object {@code {"content": ...}} gives its content;
 * unset ones are left out) and {@code additional_special_tokens} as a list of strings. Read as transformers loads
 * them: {@code special_tokens_map.json} first, then {@code tokenizer_config.json} for what it leaves unset.
 *
 * @param named      the set single tokens by name, in the order above
 * @param additional additional_special_tokens
 * @param others     other special token texts the tokenizer declares ({@code added_tokens_decoder} entries marked
 *                   special); not template variables, but they can end a turn
 */
public record SpecialTokens(Map<String, String> named, List<String> additional, Set<String> others) {

    private static final List<String> NAMES = List.of("bos_token", "eos_token", "unk_token", "sep_token",
            "pad_token", "cls_token", "mask_token");
    private static final String ADDITIONAL = "additional_special_tokens";

    public static final SpecialTokens NONE = new SpecialTokens(Map.of(), List.of(), Set.of());

    public SpecialTokens {
        named = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(named));
        additional = List.copyOf(additional);
        others = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(others));
    }

    /** The special tokens of a model directory (none when it has neither file). */
    public static SpecialTokens read(Path dir) {
        List<JsonObject> sources = new ArrayList<>();
        for (String name : List.of("special_tokens_map.json", "tokenizer_config.json")) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                sources.add(ModelConfig.readJson(file));
            }
        }
        Map<String, String> named = new LinkedHashMap<>();
        List<String> additional = new ArrayList<>();
        for (String name : NAMES) {
            sources.stream().map(s -> text(s.get(name))).filter(t -> t != null && !t.isEmpty()).findFirst()
                    .ifPresent(t -> named.put(name, t));
        }
        for (JsonObject source : sources) {
            JsonElement list = source.get(ADDITIONAL);
            if (list != null && list.isJsonArray() && !list.getAsJsonArray().isEmpty()) {
                list.getAsJsonArray().forEach(e -> additional.add(text(e)));
                break;
            }
        }
        return new SpecialTokens(named, additional, declared(sources));
    }

    /** {@code added_tokens_decoder} entries with {@code "special": true}. */
    private static Set<String> declared(List<JsonObject> sources) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonObject source : sources) {
            JsonElement decoder = source.get("added_tokens_decoder");
            if (decoder != null && decoder.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : decoder.getAsJsonObject().entrySet()) {
                    JsonObject token = e.getValue().getAsJsonObject();
                    if (token.has("special") && token.get("special").getAsBoolean() && token.has("content")) {
                        out.add(token.get("content").getAsString());
                    }
                }
            }
        }
        return out;
    }

    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            JsonElement content = e.getAsJsonObject().get("content");
            return content == null || content.isJsonNull() ? null : content.getAsString();
        }
        return e.isJsonPrimitive() ? e.getAsString() : null;
    }

    /** The template variables: the named tokens, and additional_special_tokens when there are some. */
    public Map<String, Object> variables() {
        Map<String, Object> out = new LinkedHashMap<>(named);
        if (!additional.isEmpty()) {
            out.put(ADDITIONAL, additional);
        }
        return out;
    }

    /** Every special token text known here, plus {@code more} (e.g. the tokenizer.json's special added tokens). */
    public Set<String> texts(Collection<String> more) {
        Set<String> out = new LinkedHashSet<>(named.values());
        out.addAll(additional);
        out.addAll(others);
        out.addAll(more);
        out.remove("");
        return out;
    }
}
