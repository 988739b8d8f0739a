package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the fields chat and text completion requests share ({@link GenerationOptions}), with OpenAI's
 * rules, adding every violation to the request's list.
 */
record GenerationFields(String model, OptionalInt maxTokens, OptionalDouble temperature, OptionalDouble topP,
                        OptionalLong seed, List<String> stop, boolean stream, boolean includeUsage, Optional<String> user) {

    /** Largest completion a request may ask for. */
    static final int MAX_TOKENS_LIMIT = 32_768;

    /** The field names read here, to add to each request's own. */
    static final Set<String> NAMES = Set.of("model", "max_tokens", "temperature", "top_p", "seed", "stop", "stream",
            "stream_options", "n", "user", "frequency_penalty", "presence_penalty", "logit_bias", "metadata", "store",
            "service_tier");

    static GenerationFields read(JsonFields f, List<FieldViolation> violations) {
        String model = f.text("model").orElse("auto");
        if (f.has("model") && model.isBlank()) {
            f.violation("model", "must not be blank");
        }
        OptionalLong max = f.integer("max_tokens", 1, MAX_TOKENS_LIMIT);
        OptionalDouble temperature = f.number("temperature", 0, 2);
        OptionalDouble topP = f.number("top_p", 0, 1);
        if (topP.isPresent() && topP.getAsDouble() == 0) {
            f.violation("top_p", "must be greater than 0, got 0");
        }
        OptionalLong seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        List<String> stop = stop(f);
        boolean stream = f.bool("stream").orElse(false);
        boolean includeUsage = false;
        if (f.has("stream_options")) {
            Optional<JsonFields> so = JsonFields.object(f.raw("stream_options"), f.pathOf("stream_options"),
                    Set.of("include_usage"), violations);
            includeUsage = so.flatMap(o -> o.bool("include_usage")).orElse(false);
            if (!stream) {
                f.violation("stream_options", "is only allowed when stream is true");
            }
        }
        f.integer("n", 1, 1);
        f.number("frequency_penalty", -2, 2);
        f.number("presence_penalty", -2, 2);
        Optional<String> user = f.text("user");
        OptionalInt maxInt = max.isPresent() ? OptionalInt.of((int) max.getAsLong()) : OptionalInt.empty();
        return new GenerationFields(model, maxInt, temperature, topP, seed, stop, stream, includeUsage, user);
    }

    GenerationFields withMaxTokens(OptionalInt value) {
        return new GenerationFields(model, value, temperature, topP, seed, stop, stream, includeUsage, user);
    }

    private static List<String> stop(JsonFields f) {
        if (!f.has("stop")) {
            return List.of();
        }
        JsonNode s = f.raw("stop");
        List<String> out = new ArrayList<>();
        if (s.isTextual()) {
            out.add(s.textValue());
        } else if (s.isArray()) {
            if (s.size() > 4) {
                f.violation("stop", "must hold at most 4 strings, got " + s.size());
                return List.of();
            }
            for (int i = 0; i < s.size(); i++) {
                if (!s.get(i).isTextual()) {
                    f.violation("stop[" + i + "]", "must be a string, got " + JsonFields.kind(s.get(i)));
                } else {
                    out.add(s.get(i).textValue());
                }
            }
        } else {
            f.violation("stop", "must be a string or an array of strings, got " + JsonFields.kind(s));
            return List.of();
        }
        if (out.contains("")) {
            f.violation("stop", "must not contain an empty string");
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(out)); // duplicates dropped, order kept
    }
}
