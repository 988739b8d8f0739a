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
import java.util.List;
import java.util.Optional;
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
    public static final int MAX_TOKENS_LIMIT = GenerationFields.MAX_TOKENS_LIMIT;
    /** Most messages in one request. */
    public static final int MAX_MESSAGES = 1_000;

    private static final Set<String> FIELDS = union(GenerationFields.NAMES, Set.of("messages", "max_completion_tokens",
            "parallel_tool_calls", "logprobs", "top_logprobs", "tools", "tool_choice", "response_format"));
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

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
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
        List<ChatMessage> messages = messages(f, violations);
        GenerationFields g = GenerationFields.read(f, violations);
        OptionalLong maxCompletion = f.integer("max_completion_tokens", 1, MAX_TOKENS_LIMIT);
        if (f.has("max_tokens") && f.has("max_completion_tokens")) {
            f.violation("max_completion_tokens", "set either max_tokens or max_completion_tokens, not both");
        }
        if (g.maxTokens().isEmpty() && maxCompletion.isPresent()) {
            g = g.withMaxTokens(OptionalInt.of((int) maxCompletion.getAsLong()));
        }
        if (f.bool("logprobs").orElse(false)) {
            f.violation("logprobs", "is not supported on chat completions by this server (POST /v1/completions has it)");
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
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new ChatRequest(g.model(), messages, g.maxTokens(), g.temperature(), g.topP(), g.seed(), g.stop(),
                g.stream(), g.includeUsage(), g.user());
    }

    /** The {@code messages} array of a body (chat completions, {@code POST /tokenize}), violations added to the list. */
    static List<ChatMessage> messages(JsonFields f, List<FieldViolation> violations) {
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
            String type = part.isObject() ? part.path("type").asText("") : "";
            if (part.isObject() && !type.isEmpty() && !type.equals("text")) {
                mf.violations().add(new FieldViolation(partPath, "has type '" + type + "'; only text parts are supported"
                        + " (the device's model reads text only): send {\"type\":\"text\",\"text\":\"...\"}"));
                continue;
            }
            if (!part.isObject() || !type.equals("text") || !part.path("text").isTextual()) {
                mf.violations().add(new FieldViolation(partPath, "must be {\"type\":\"text\",\"text\":\"...\"}"));
                continue;
            }
            text.append(part.get("text").textValue());
        }
        return Optional.of(text.toString());
    }
}
