package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an OpenAI chat-completions request body and validates it, collecting every violation with
 * its JSON path ({@code messages[2].role}, {@code max_tokens}) so the caller sees all mistakes at once.
 * OpenAI parameters this project does not act on (penalties, logit bias, metadata) are accepted and
 * ignored, as an OpenAI-compatible server must; parameters whose meaning cannot be honoured
 * ({@code n > 1}, tools, logprobs) and names OpenAI does not define are rejected.
 */
public final class ChatRequestReader {

    /** Largest completion a request may ask for. */
    public static final int MAX_TOKENS_LIMIT = 32_768;
    /** Most messages in one request. */
    public static final int MAX_MESSAGES = 1_000;

    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "temperature", "top_p", "seed", "stop", "stream", "stream_options", "n", "user",
            "frequency_penalty", "presence_penalty", "logit_bias", "metadata", "store", "service_tier",
            "parallel_tool_calls", "logprobs", "top_logprobs", "tools", "tool_choice", "response_format");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private ChatRequestReader() {
    }

    /**
     * Parses a request body.
     *
     * @throws InvalidRequestException naming each offending field and the rule it breaks
     */
    public static ChatRequest read(byte[] body) {
        return read(parseTree(body));
    }

    /** Decodes strict UTF-8 and parses JSON, or throws an {@link InvalidRequestException} saying where it broke. */
    public static JsonNode parseTree(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("", "request body is empty; send a JSON object");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            text = decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("", "request body is not valid UTF-8 (near byte " + in.position() + ")");
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("", "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Validates an already parsed body. */
    public static ChatRequest read(JsonNode root) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<JsonFields> open = JsonFields.object(root, "", FIELDS, violations);
        if (open.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        JsonFields f = open.get();
        String model = f.text("model").orElse("auto");
        if (f.has("model") && model.isBlank()) {
            f.violation("model", "must not be blank");
        }
        List<ChatMessage> messages = messages(f, violations);
        OptionalLong maxTokens = f.integer("max_tokens", 1, MAX_TOKENS_LIMIT);
        OptionalLong maxCompletion = f.integer("max_completion_tokens", 1, MAX_TOKENS_LIMIT);
        if (f.has("max_tokens") && f.has("max_completion_tokens")) {
            f.violation("max_completion_tokens", "set either max_tokens or max_completion_tokens, not both");
        }
        OptionalLong max = maxTokens.isPresent() ? maxTokens : maxCompletion;
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
            Optional<JsonFields> so = JsonFields.object(f.raw("stream_options"), f.pathOf("stream_options"), Set.of("include_usage"), violations);
            includeUsage = so.flatMap(o -> o.bool("include_usage")).orElse(false);
            if (!stream) {
                f.violation("stream_options", "is only allowed when stream is true");
            }
        }
        f.integer("n", 1, 1);
        f.number("frequency_penalty", -2, 2);
        f.number("presence_penalty", -2, 2);
        if (f.bool("logprobs").orElse(false)) {
            f.violation("logprobs", "is not supported by this server");
        }
        if (f.has("tools") && !(f.raw("tools").isArray() && f.raw("tools").isEmpty())) {
            f.violation("tools", "tool calling is not supported by this server");
        }
        if (f.has("response_format")) {
            JsonNode type = f.raw("response_format").get("type");
            if (type == null || !"text".equals(type.asText())) {
                f.violation("response_format", "only {\"type\":\"text\"} is supported");
            }
        }
        Optional<String> user = f.text("user");
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        OptionalInt maxInt = max.isPresent() ? OptionalInt.of((int) max.getAsLong()) : OptionalInt.empty();
        return new ChatRequest(model, messages, maxInt, temperature, topP, seed, stop, stream, includeUsage, user);
    }

    private static List<ChatMessage> messages(JsonFields f, List<FieldViolation> violations) {
        if (!f.has("messages")) {
            f.violation("messages", "is required: a non-empty array of {role, content}");
            return List.of();
        }
        JsonNode array = f.raw("messages");
        if (!array.isArray()) {
            f.violation("messages", "must be an array, got " + JsonFields.kind(array));
            return List.of();
        }
        if (array.isEmpty()) {
            f.violation("messages", "must hold at least one message");
            return List.of();
        }
        if (array.size() > MAX_MESSAGES) {
            f.violation("messages", "must hold at most " + MAX_MESSAGES + " messages, got " + array.size());
            return List.of();
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = f.pathOf("messages") + "[" + i + "]";
            Optional<JsonFields> m = JsonFields.object(array.get(i), path, Set.of("role", "content", "name"), violations);
            if (m.isEmpty()) {
                continue;
            }
            JsonFields mf = m.get();
            Optional<String> role = mf.text("role");
            if (!mf.has("role")) {
                mf.violation("role", "is required (system, user or assistant)");
            } else if (role.isPresent() && !ROLES.contains(role.get())) {
                mf.violation("role", "must be one of system, developer, user, assistant, got '" + role.get() + "'");
                role = Optional.empty();
            }
            mf.text("name");
            Optional<String> content = content(mf);
            if (role.isPresent() && content.isPresent()) {
                out.add(new ChatMessage(role.get().equals("developer") ? "system" : role.get(), content.get()));
            }
        }
        if (violations.isEmpty() && out.stream().noneMatch(m -> m.role().equals("user"))) {
            f.violation("messages", "must contain at least one message with role user");
        }
        return out;
    }

    private static Optional<String> content(JsonFields mf) {
        if (!mf.has("content")) {
            mf.violation("content", "is required");
            return Optional.empty();
        }
        JsonNode c = mf.raw("content");
        if (c.isTextual()) {
            return Optional.of(c.textValue());
        }
        if (!c.isArray()) {
            mf.violation("content", "must be a string or an array of text parts, got " + JsonFields.kind(c));
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.size(); i++) {
            JsonNode part = c.get(i);
            String partPath = mf.pathOf("content") + "[" + i + "]";
            if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                mf.violations().add(new FieldViolation(partPath, "must be {\"type\":\"text\",\"text\":\"...\"}; other content types are not supported"));
                continue;
            }
            text.append(part.get("text").textValue());
        }
        return Optional.of(text.toString());
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
