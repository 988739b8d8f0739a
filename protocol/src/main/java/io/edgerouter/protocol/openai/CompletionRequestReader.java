package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads an OpenAI (legacy) text-completions request body and validates it, collecting every violation with its
 * JSON path, as {@link ChatRequestReader} does for chat. {@code prompt} is a string, an array of token ids or an
 * array holding one string; batches of prompts, {@code suffix}, {@code best_of > 1} and {@code echo} together with
 * {@code logprobs} are rejected.
 */
public final class CompletionRequestReader {

    private static final Set<String> FIELDS = ChatRequestReader.union(GenerationFields.NAMES,
            Set.of("prompt", "logprobs", "echo", "suffix", "best_of"));

    private CompletionRequestReader() {
    }

    /**
     * Parses a request body.
     *
     * @throws InvalidRequestException naming each offending field and the rule it breaks
     */
    public static CompletionRequest read(byte[] body) {
        return read(ChatRequestReader.parseTree(body));
    }

    /** Validates an already parsed body. */
    public static CompletionRequest read(JsonNode root) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<JsonFields> open = JsonFields.object(root, "", FIELDS, violations);
        if (open.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        JsonFields f = open.get();
        Optional<CompletionRequest.Prompt> prompt = prompt(f);
        GenerationFields g = GenerationFields.read(f, violations);
        OptionalLong logprobs = f.integer("logprobs", 0, CompletionRequest.MAX_LOGPROBS);
        boolean echo = f.bool("echo").orElse(false);
        if (echo && logprobs.isPresent()) {
            f.violation("echo", "cannot be combined with logprobs: the log-probabilities of prompt tokens are not computed");
        }
        f.integer("best_of", 1, 1);
        if (f.text("suffix").filter(s -> !s.isEmpty()).isPresent()) {
            f.violation("suffix", "is not supported by this server (insertion needs a fill-in-the-middle model)");
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        OptionalInt lp = logprobs.isPresent() ? OptionalInt.of((int) logprobs.getAsLong()) : OptionalInt.empty();
        return new CompletionRequest(g.model(), prompt.orElseThrow(), g.maxTokens(), g.temperature(), g.topP(),
                g.seed(), g.stop(), g.stream(), g.includeUsage(), lp, echo, g.user());
    }

    private static Optional<CompletionRequest.Prompt> prompt(JsonFields f) {
        if (!f.has("prompt")) {
            f.violation("prompt", "is required: a string, an array of token ids, or an array holding one string");
            return Optional.empty();
        }
        JsonNode p = f.raw("prompt");
        if (p.isTextual()) {
            return Optional.of(new CompletionRequest.Prompt.Text(p.textValue()));
        }
        if (!p.isArray()) {
            f.violation("prompt", "must be a string, an array of token ids or an array holding one string, got "
                    + JsonFields.kind(p));
            return Optional.empty();
        }
        if (p.isEmpty()) {
            f.violation("prompt", "must not be an empty array");
            return Optional.empty();
        }
        if (p.get(0).isTextual()) {
            if (p.size() > 1) {
                f.violation("prompt", "must hold one string, got " + p.size() + " (several prompts in one request are not supported)");
                return Optional.empty();
            }
            return Optional.of(new CompletionRequest.Prompt.Text(p.get(0).textValue()));
        }
        List<Integer> ids = new ArrayList<>(p.size());
        for (int i = 0; i < p.size(); i++) {
            JsonNode id = p.get(i);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                f.violation("prompt[" + i + "]", "must be a token id (an integer ≥ 0), got "
                        + (id.isNumber() ? id.asText() : JsonFields.kind(id)));
                return Optional.empty();
            }
            ids.add(id.intValue());
        }
        return Optional.of(new CompletionRequest.Prompt.TokenIds(ids));
    }
}
