package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The {@code logprobs} of a text completion choice as OpenAI's legacy API returns them: per generated token its text,
 * its log-probability, the most likely tokens at its position (most likely first) and where it starts in prompt +
 * completion. The lists are parallel; entries may be null in what another server sent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompletionLogprobs(
        @JsonProperty("tokens") List<String> tokens,
        @JsonProperty("token_logprobs") List<Double> tokenLogprobs,
        @JsonProperty("top_logprobs") List<Map<String, Double>> topLogprobs,
        @JsonProperty("text_offset") List<Integer> textOffset) {

    public CompletionLogprobs {
        tokens = frozen(tokens);
        tokenLogprobs = frozen(tokenLogprobs);
        topLogprobs = frozen(topLogprobs);
        textOffset = frozen(textOffset);
    }

    private static <T> List<T> frozen(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The pieces one after the other (the chunks of a stream joined into one choice's logprobs). */
    public static CompletionLogprobs join(List<CompletionLogprobs> pieces) {
        Builder all = new Builder(0);
        for (CompletionLogprobs p : pieces) {
            all.tokens.addAll(p.tokens);
            all.logprobs.addAll(p.tokenLogprobs);
            all.top.addAll(p.topLogprobs);
            all.offsets.addAll(p.textOffset);
        }
        return all.build();
    }

    /** Collects the entries of one completion token by token, keeping each token's text offset. */
    public static final class Builder {
        private final List<String> tokens = new ArrayList<>();
        private final List<Double> logprobs = new ArrayList<>();
        private final List<Map<String, Double>> top = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private int offset;

        /** @param startOffset where the first generated token starts: the prompt's length in characters */
        public Builder(int startOffset) {
            this.offset = startOffset;
        }

        /**
         * Adds one generated token.
         *
         * @param topIds      the most likely ids at its position, most likely first; parallel to {@code topLogProbs}
         * @param tokenText   an id's text
         * @return the entry alone, as a streamed chunk carries it
         */
        public CompletionLogprobs add(int id, double logProb, int[] topIds, double[] topLogProbs, IntFunction<String> tokenText) {
            String text = tokenText.apply(id);
            Map<String, Double> alternatives = new LinkedHashMap<>();
            for (int i = 0; i < topIds.length; i++) {
                alternatives.putIfAbsent(tokenText.apply(topIds[i]), topLogProbs[i]); // two ids with one text: the likelier
            }
            CompletionLogprobs entry = new CompletionLogprobs(List.of(text), List.of(logProb),
                    List.of(Collections.unmodifiableMap(alternatives)), List.of(offset));
            tokens.add(text);
            logprobs.add(logProb);
            top.add(entry.topLogprobs.get(0));
            offsets.add(offset);
            offset += text.length();
            return entry;
        }

        public CompletionLogprobs build() {
            return new CompletionLogprobs(tokens, logprobs, top, offsets);
        }
    }
}
