package io.edgerouter.gateway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgerouter.gateway.api.ApiException;
import io.edgerouter.protocol.json.FieldViolation;
import io.edgerouter.protocol.json.JsonFields;
import io.edgerouter.protocol.openai.InvalidRequestException;
import io.edgerouter.protocol.verify.VerifyMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a verify body, naming every offending field; a tokenizer hash that differs
 * from the gateway's is a 409 (the token ids would mean different text).
 *
 * <p>Sampling parameters, as in OpenAI's API, for {@code mode: sample} only:
 * <ul>
 *   <li>{@code temperature}: a finite number in (0, 2], default 1. 0 is a 400, not a silent switch to greedy:
 *       temperature 0 is greedy decoding, which is {@code mode: greedy}.</li>
 *   <li>{@code top_p}: in (0, 1], default 1 (off).</li>
 *   <li>{@code top_k}: an integer from 0 to the vocabulary size, default 0 (off).</li>
 * </ul>
 * With {@code mode: greedy} (also the default when {@code mode} is absent) setting any of them is a 400 naming it:
 * greedy verification takes the target's argmax, so a client that sends a temperature expects sampling and must
 * not silently get greedy answers. {@code seed} stays accepted, and unused, in greedy mode.
 */
final class VerifyRequestParser {

    private static final Set<String> FIELDS = Set.of("tokenizer_hash", "session_id", "context_ids", "context_append_ids",
            "draft_ids", "draft_logprobs", "mode", "seed", "temperature", "top_p", "top_k", "continue_max_tokens");
    private static final List<String> SAMPLING = List.of("temperature", "top_p", "top_k");
    /** OpenAI's largest temperature. */
    static final double MAX_TEMPERATURE = 2;
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final String tokenizerHash;
    private final int vocab;
    private final int maxDraft;
    private final int maxContinue;

    VerifyRequestParser(String tokenizerHash, int vocab, int maxDraft, int maxContinue) {
        this.tokenizerHash = tokenizerHash;
        this.vocab = vocab;
        this.maxDraft = maxDraft;
        this.maxContinue = maxContinue;
    }

    VerifyCall parse(JsonNode root) {
        List<FieldViolation> violations = new ArrayList<>();
        JsonFields f = JsonFields.object(root, "", FIELDS, violations).orElseThrow(() -> new InvalidRequestException(violations));
        Optional<String> hash = f.text("tokenizer_hash");
        if (!f.has("tokenizer_hash")) {
            f.violation("tokenizer_hash", "is required: the hash of the edge tokenizer (see GET /v1/models)");
        } else if (hash.isPresent() && !hash.get().equals(tokenizerHash)) {
            throw ApiException.conflict("tokenizer_mismatch", "tokenizer_hash", "tokenizer_hash " + hash.get()
                    + " does not match the gateway model's " + tokenizerHash + ": token ids would not mean the same text");
        }
        Optional<String> session = f.text("session_id");
        if (session.isPresent() && !SESSION_ID.matcher(session.get()).matches()) {
            f.violation("session_id", "must match " + SESSION_ID.pattern());
        }
        int[] context = ids(f, "context_ids", Integer.MAX_VALUE);
        int[] append = ids(f, "context_append_ids", Integer.MAX_VALUE);
        if (context != null && append != null) {
            f.violation("context_append_ids", "set either context_ids or context_append_ids, not both");
        } else if (context == null && append == null && f.violations().isEmpty()) {
            f.violation("context_ids", "is required (or context_append_ids with a session_id)");
        } else if (append != null && session.isEmpty() && !f.has("session_id")) {
            f.violation("context_append_ids", "needs a session_id; without a session send the whole context as context_ids");
        } else if (context != null && context.length == 0) {
            f.violation("context_ids", "must hold at least one token");
        }
        int[] draft = ids(f, "draft_ids", maxDraft);
        if (!f.has("draft_ids")) {
            f.violation("draft_ids", "is required: the draft tokens to verify (may be empty)");
        }
        double[] logprobs = logprobs(f, draft);
        boolean modeGiven = f.has("mode");
        Optional<VerifyMode> parsedMode = f.enumValue("mode", VerifyMode.class);
        VerifyMode mode = parsedMode.orElse(VerifyMode.GREEDY);
        OptionalLong seed = f.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE);
        VerifyCall.Sampling sampling = modeGiven && parsedMode.isEmpty() ? VerifyCall.Sampling.DEFAULT
                : mode == VerifyMode.GREEDY ? greedyOnly(f, modeGiven) : sampling(f);
        OptionalLong cont = f.integer("continue_max_tokens", 1, maxContinue);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new VerifyCall(session, context, append, draft, logprobs, mode, seed, sampling,
                cont.isPresent() ? OptionalInt.of((int) cont.getAsLong()) : OptionalInt.empty());
    }

    /** In greedy mode every sampling parameter is a violation. */
    private static VerifyCall.Sampling greedyOnly(JsonFields f, boolean modeGiven) {
        for (String name : SAMPLING) {
            if (f.has(name)) {
                f.violation(name, "applies to mode sample only; mode greedy" + (modeGiven ? "" : " (the default)")
                        + " takes the target's argmax: send mode sample to sample, or leave " + name + " out");
            }
        }
        return VerifyCall.Sampling.DEFAULT;
    }

    private VerifyCall.Sampling sampling(JsonFields f) {
        OptionalDouble temperature = finiteUpTo(f, "temperature", MAX_TEMPERATURE);
        if (temperature.isPresent() && temperature.getAsDouble() == 0) {
            f.violation("temperature", "must be > 0 in mode sample: temperature 0 is greedy decoding, send mode greedy"
                    + " (without sampling parameters) instead");
        }
        OptionalDouble topP = finiteUpTo(f, "top_p", 1);
        if (topP.isPresent() && topP.getAsDouble() == 0) {
            f.violation("top_p", "must be in (0, 1] (1 = off), got 0: no token would be left to sample");
        }
        OptionalLong topK = f.integer("top_k", 0, vocab);
        return new VerifyCall.Sampling(temperature.orElse(1), topP.orElse(1),
                topK.isPresent() ? (int) topK.getAsLong() : 0);
    }

    /** A finite number in [0, max] (zero is judged by the caller); out of range or not finite is a violation. */
    private static OptionalDouble finiteUpTo(JsonFields f, String name, double max) {
        if (!f.has(name)) {
            return OptionalDouble.empty();
        }
        JsonNode v = f.raw(name);
        if (!v.isNumber()) {
            f.violation(name, "must be a number in (0, " + (long) max + "], got " + JsonFields.kind(v));
            return OptionalDouble.empty();
        }
        double d = v.doubleValue();
        if (!(d >= 0 && d <= max)) {
            f.violation(name, "must be a finite number in (0, " + (long) max + "], got " + v.asText());
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(d);
    }

    private int[] ids(JsonFields f, String name, int maxLength) {
        if (!f.has(name) || f.raw(name).isNull()) {
            return null;
        }
        JsonNode array = f.raw(name);
        if (!array.isArray()) {
            f.violation(name, "must be an array of token ids, got " + JsonFields.kind(array));
            return null;
        }
        if (array.size() > maxLength) {
            f.violation(name, "must hold at most " + maxLength + " tokens, got " + array.size());
            return null;
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0 || v.intValue() >= vocab) {
                f.violation(name + "[" + i + "]", "must be a token id in [0, " + vocab + "), got " + v);
                return null;
            }
            out[i] = v.intValue();
        }
        return out;
    }

    private static double[] logprobs(JsonFields f, int[] draft) {
        if (!f.has("draft_logprobs") || f.raw("draft_logprobs").isNull()) {
            return null;
        }
        JsonNode array = f.raw("draft_logprobs");
        if (!array.isArray()) {
            f.violation("draft_logprobs", "must be an array of numbers, got " + JsonFields.kind(array));
            return null;
        }
        if (draft != null && array.size() != draft.length) {
            f.violation("draft_logprobs", "must hold one log-probability per draft token (" + draft.length + "), got " + array.size());
            return null;
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() || !(v.doubleValue() <= 0) || Double.isInfinite(v.doubleValue())) {
                f.violation("draft_logprobs[" + i + "]", "must be a finite log-probability <= 0, got " + v);
                return null;
            }
            out[i] = v.doubleValue();
        }
        return out;
    }
}
