package io.edgerouter.engine.chat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} loaded by DJL from a file, never from the hub. Special tokens written in the
 * text (e.g. a chat template's {@code <|im_start|>}) are recognised; none are added implicitly, and long inputs are
 * never truncated (the engine's budget check reports over-long prompts instead).
 */
public final class EngineTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final Path file;
    private final int idLimit;
    private boolean closed;

    private EngineTokenizer(HuggingFaceTokenizer tokenizer, Path file, int idLimit) {
        this.tokenizer = tokenizer;
        this.file = file;
        this.idLimit = idLimit;
    }

    /** Loads a {@code tokenizer.json}, or {@code tokenizer.json} in a directory. */
    public static EngineTokenizer load(Path fileOrDir) {
        Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("tokenizer.json") : fileOrDir;
        if (!Files.exists(file)) {
            throw new ModelLoadException("missing tokenizer.json: " + file + " does not exist");
        }
        int idLimit = idLimit(file);
        System.setProperty("ai.djl.offline", "true"); // DJL must never reach the network from the engine
        try {
            return new EngineTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optTruncation(false).build(), file, idLimit);
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

    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Decodes ids to text, dropping special tokens. */
    public String decode(int[] ids) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, true);
    }

    /** The id of a token written as text (e.g. {@code <|im_end|>}), or -1 when it is not one token. */
    public int tokenId(String token) {
        int[] ids = encode(token);
        return ids.length == 1 ? ids[0] : -1;
    }

    private static int idLimit(Path file) {
        JsonObject json = ModelConfig.readJson(file);
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
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
