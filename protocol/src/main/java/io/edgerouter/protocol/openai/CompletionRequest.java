package io.edgerouter.protocol.openai;

import io.edgerouter.protocol.json.FieldViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A validated {@code POST /v1/completions} request (OpenAI's legacy text completions, for base models), as read by
 * {@link CompletionRequestReader}.
 *
 * @param prompt   the text to continue, or token ids used as given
 * @param logprobs {@code logprobs}: how many most likely tokens to report per generated token (0..20), empty = none
 * @param echo     the answer's text starts with the prompt
 */
public record CompletionRequest(
        String model,
        Prompt prompt,
        OptionalInt maxTokens,
        OptionalDouble temperature,
        OptionalDouble topP,
        OptionalLong seed,
        List<String> stop,
        boolean stream,
        boolean includeUsage,
        OptionalInt logprobs,
        boolean echo,
        Optional<String> user) implements GenerationOptions {

    /** Most alternatives per token {@code logprobs} may ask for. */
    public static final int MAX_LOGPROBS = 20;

    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        stop = List.copyOf(stop);
        Objects.requireNonNull(maxTokens, "maxTokens");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(topP, "topP");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(logprobs, "logprobs");
        Objects.requireNonNull(user, "user");
        if (logprobs.isPresent() && (logprobs.getAsInt() < 0 || logprobs.getAsInt() > MAX_LOGPROBS)) {
            throw new IllegalArgumentException("logprobs must be in [0, " + MAX_LOGPROBS + "], got " + logprobs.getAsInt());
        }
    }

    /** A plain text completion with defaults for everything but the model and prompt. */
    public static CompletionRequest of(String model, String prompt) {
        return new CompletionRequest(model, new Prompt.Text(prompt), OptionalInt.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), List.of(), false, false, OptionalInt.empty(), false,
                Optional.empty());
    }

    /**
     * Checks the prompt against the model that will continue it.
     *
     * @param vocabSize  the model's vocabulary size: token ids must be below it
     * @param bosTokenId the model's beginning-of-sequence id, or -1: an empty text prompt starts from it
     * @throws InvalidRequestException naming each id out of range ({@code prompt[3]}), or an empty prompt without BOS
     */
    public void requireFits(int vocabSize, int bosTokenId) {
        if (prompt instanceof Prompt.TokenIds ids) {
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < ids.ids().size(); i++) {
                if (ids.ids().get(i) >= vocabSize) {
                    violations.add(new FieldViolation("prompt[" + i + "]", "must be a token id below the model's vocabulary size "
                            + vocabSize + ", got " + ids.ids().get(i)));
                }
            }
            if (!violations.isEmpty()) {
                throw new InvalidRequestException(violations);
            }
        } else if (((Prompt.Text) prompt).text().isEmpty() && bosTokenId < 0) {
            throw new InvalidRequestException("prompt", "is empty and the model has no BOS token to start from: send text or token ids");
        }
    }

    /** The prompt's text, or empty for token ids. */
    public String promptText() {
        return prompt instanceof Prompt.Text t ? t.text() : "";
    }

    /** What a completion continues: text, or token ids of the model's vocabulary. */
    public sealed interface Prompt permits Prompt.Text, Prompt.TokenIds {

        /** @param text may be empty: the model's BOS token alone then starts the completion */
        record Text(String text) implements Prompt {
            public Text {
                Objects.requireNonNull(text, "text");
            }
        }

        /** @param ids at least one, each ≥ 0 (the model checks its vocabulary) */
        record TokenIds(List<Integer> ids) implements Prompt {
            public TokenIds {
                ids = List.copyOf(ids);
                if (ids.isEmpty()) {
                    throw new IllegalArgumentException("a token-id prompt needs at least one id");
                }
            }

            public int[] toArray() {
                return ids.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    public CompletionRequest withModel(String newModel) {
        return new CompletionRequest(newModel, prompt, maxTokens, temperature, topP, seed, stop, stream, includeUsage,
                logprobs, echo, user);
    }

    public CompletionRequest withPrompt(Prompt newPrompt) {
        return new CompletionRequest(model, newPrompt, maxTokens, temperature, topP, seed, stop, stream, includeUsage,
                logprobs, echo, user);
    }

    public CompletionRequest withStream(boolean newStream) {
        return new CompletionRequest(model, prompt, maxTokens, temperature, topP, seed, stop, newStream,
                newStream && includeUsage, logprobs, echo, user);
    }

    public CompletionRequest withMaxTokens(int newMaxTokens) {
        return new CompletionRequest(model, prompt, OptionalInt.of(newMaxTokens), temperature, topP, seed, stop, stream,
                includeUsage, logprobs, echo, user);
    }

    /** The same request with {@code user} replaced (empty: no {@code user} field). */
    public CompletionRequest withUser(Optional<String> newUser) {
        return new CompletionRequest(model, prompt, maxTokens, temperature, topP, seed, stop, stream, includeUsage, logprobs,
                echo, newUser);
    }

    /** The same request with {@code stream_options.include_usage} set as given. */
    public CompletionRequest withIncludeUsage(boolean newIncludeUsage) {
        return new CompletionRequest(model, prompt, maxTokens, temperature, topP, seed, stop, stream, newIncludeUsage, logprobs,
                echo, user);
    }

    public CompletionRequest withEcho(boolean newEcho) {
        return new CompletionRequest(model, prompt, maxTokens, temperature, topP, seed, stop, stream, includeUsage,
                logprobs, newEcho, user);
    }
}
