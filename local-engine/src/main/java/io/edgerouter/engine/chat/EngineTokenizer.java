package io.edgerouter.engine.chat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hugging Face {@code tokenizer.json} loaded by DJL from a file, never from the hub. {@link #encode(String)}
 * recognises special tokens written in the text (e.g. a chat template's {@code <|im_start|>}); {@link #encodeText}
 * and the data parts of {@link #encode(List)} do not, so what a user typed stays text. None are added implicitly,
 * and long inputs are never truncated (the engine's budget check reports over-long prompts instead).
 *
 * <p>Special tokens are the {@code added_tokens} marked {@code "special": true} (as for Hugging Face's
 * {@code split_special_tokens}); other added tokens are matched in data too, being ordinary vocabulary.
 */
public final class EngineTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final int idLimit;
    private final Map<Integer, String> specials; // id → text of each special added token
    private final List<String> specialTexts; // longest first
    private final boolean matchesNormalized; // some special token is matched after normalization
    private PlainTextTokenizer plain; // built on first need
    private boolean closed;

    private EngineTokenizer(HuggingFaceTokenizer tokenizer, Path file, int idLimit, Map<Integer, String> specials,
                            boolean matchesNormalized) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.idLimit = idLimit;
        this.specials = Map.copyOf(specials);
        this.specialTexts = specials.values().stream().sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.matchesNormalized = matchesNormalized;
    }

    /** Loads a {@code tokenizer.json}, or {@code tokenizer.json} in a directory. */
    public static EngineTokenizer load(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("tokenizer.json") : fileOrDir;
        if (!Files.exists(file)) {
            throw new ModelLoadException("missing tokenizer.json: " + file + " does not exist");
        }
        JsonObject json = ModelConfig.readJson(file);
        int idLimit = idLimit(json);
        Map<Integer, String> specials = new HashMap<>();
        boolean matchesNormalized = readSpecials(json, specials);
        System.setProperty("ai.djl.offline", "true"); // DJL must never reach the network from the engine
        try {
            return new EngineTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optTruncation(false).build(), file, idLimit, specials,
                    matchesNormalized);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file it was loaded from. */
    public Path file() {
        return file;
    }

    /** One more than the largest token id the tokenizer can produce (model vocabulary plus added tokens). */
    public int idLimit() {
        return idLimit;
    }

    /** Tokenises {@code text}, reading special-token text in it as control tokens (template text). */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /**
     * Tokenises data: special-token text in it becomes ordinary text tokens (decoding gives the text back). Text
     * without any gives exactly {@link #encode(String)}'s ids.
     *
     * @throws InvalidRequestException when {@code text} holds special-token text and also a character in
     *                                 U+FDD0–U+FDEF (noncharacters reserved to mark control tokens)
     */
    public int[] encodeText(String text) {
        return encode(List.of(PromptPart.data(text)));
    }

    /**
     * Tokenises template text and data in one pass: special-token text is a control token in control parts and
     * ordinary text in data parts. When no data part holds special-token text this is exactly
     * {@link #encode(String)} of the joined text, so prompts without injected markers keep their ids.
     *
     * @throws InvalidRequestException when data holding special-token text cannot be kept as text (see
     *                                 {@link #encodeText})
     */
    public int[] encode(List<PromptPart> parts) {
        boolean needsPlain = false;
        StringBuilder joined = new StringBuilder();
        for (PromptPart part : parts) {
            joined.append(part.text());
            needsPlain |= !part.control() && hasSpecialText(part.text());
        }
        return needsPlain ? plain().encode(parts) : encode(joined.toString());
    }

    /** Whether {@link #encode(String)} would read a special token in {@code text}. */
    public boolean hasSpecialText(String text) {
        return findSpecialText(text).isPresent();
    }

    /**
     * The first special token {@code text} spells (as typed, or as the tokenizer's normalizer turns it), e.g.
     * {@code <|im_end|>}; empty when it holds none.
     */
    public Optional<String> findSpecialText(String text) {
        if (specials.isEmpty()) {
            return Optional.empty();
        }
        for (String special : specialTexts) {
            if (text.contains(special)) {
                return Optional.of(special);
            }
        }
        if (matchesNormalized) { // e.g. NFKC turning full-width characters into a marker: only the tokenizer knows
            for (int id : encode(text)) {
                if (specials.containsKey(id)) {
                    return Optional.of(specials.get(id));
                }
            }
        }
        return Optional.empty();
    }

    /** The texts of the special added tokens (e.g. {@code <|im_end|>}), longest first. */
    public List<String> specialTexts() {
        return specialTexts;
    }

    /** The ids of the special added tokens (control tokens). */
    public Set<Integer> specialTokenIds() {
        return specials.keySet();
    }

    private synchronized PlainTextTokenizer plain() {
        if (closed) {
            throw new InvalidRequestException("tokenizer " + file + " is closed");
        }
        if (plain == null) {
            plain = PlainTextTokenizer.load(file, specials.keySet());
        }
        return plain;
    }

    /** Decodes ids to text, dropping special tokens. */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** Decodes ids to text; with {@code skipSpecialTokens} false control tokens are written as their text ({@code <|im_end|>}). */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /** The id of a token written as text (e.g. {@code <|im_end|>}), or -1 when it is not one token. */
    public int tokenId(String token) {
        int[] ids = encode(token);
        return ids.length == 1 ? ids[0] : -1;
    }

    /**
     * Puts id → text of each special added token into {@code specials}; returns whether any is matched in normalized
     * text (then text spelling it only after normalization still yields it, so a plain search is not enough).
     */
    private static boolean readSpecials(JsonObject json, Map<Integer, String> specials) {
        boolean normalized = false;
        JsonElement added = json.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement e : added.getAsJsonArray()) {
                JsonObject t = e.getAsJsonObject();
                if (t.has("special") && t.get("special").getAsBoolean()) {
                    specials.put(t.get("id").getAsInt(), t.get("content").getAsString());
                    normalized |= t.has("normalized") && t.get("normalized").getAsBoolean();
                }
            }
        }
        return normalized;
    }

    private static int idLimit(JsonObject json) {
        int max = -1;
        JsonElement model = json.get("model");
        if (model != null && model.isJsonObject() && model.getAsJsonObject().has("vocab")) {
            JsonElement vocab = model.getAsJsonObject().get("vocab");
            if (vocab.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                    max = Math.max(max, e.getValue().getAsInt());
                }
            } else if (vocab.isJsonArray()) { // Unigram: [[piece, score], ...] by id
                max = vocab.getAsJsonArray().size() - 1;
            }
        }
        JsonElement added = json.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement t : added.getAsJsonArray()) {
                max = Math.max(max, t.getAsJsonObject().get("id").getAsInt());
            }
        }
        return max + 1;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
            if (plain != null) {
                plain.close();
            }
        }
    }
}
