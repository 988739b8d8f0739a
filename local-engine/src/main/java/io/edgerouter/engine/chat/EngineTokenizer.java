package io.edgerouter.engine.chat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Hugging Face {@code tokenizer.json} loaded by DJL from a file, never from the hub. Special tokens written in the
 * text (e.g. a chat template's {@code <|im_start|>}) are recognised; none are added implicitly, and long inputs are
 * never truncated (the engine's budget check reports over-long prompts instead).
 */
public final class EngineTokenizer implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private boolean closed;

    private EngineTokenizer(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Loads {@code dir/tokenizer.json}. */
    public static EngineTokenizer load(Path dir) {
        Path file = dir.resolve("tokenizer.json");
        if (!Files.exists(file)) {
            throw new ModelLoadException("missing tokenizer.json in model directory " + dir);
        }
        System.setProperty("ai.djl.offline", "true"); // DJL must never reach the network from the engine
        try {
            return new EngineTokenizer(HuggingFaceTokenizer.builder().optTokenizerPath(file)
                    .optAddSpecialTokens(false).optTruncation(false).build());
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
        }
    }
}
