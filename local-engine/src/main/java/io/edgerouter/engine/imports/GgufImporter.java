package io.edgerouter.engine.imports;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.ImportCache;
import io.edgerouter.engine.convert.LlamaOnnx;
import io.edgerouter.engine.gguf.GgufFile;
import io.edgerouter.engine.source.ModelImporter;
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ModelSource;
import io.edgerouter.engine.tokenizer.ImportedTokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Imports a GGUF file of the Llama family ({@link GgufLlamaWeights}) with its embedded vocabulary
 * ({@code tokenizer.ggml.*} → {@code tokenizer.json}) and chat template ({@code tokenizer.chat_template} →
 * {@code tokenizer_config.json}) into an ONNX directory, after checking that the vocabulary has one token per
 * embedding row.
 */
public final class GgufImporter implements ModelImporter {

    private static final byte[] MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    @Override
    public ModelKind kind() {
        return ModelKind.GGUF;
    }

    @Override
    public boolean accepts(Path file, byte[] head) {
        return head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), MAGIC);
    }

    @Override
    public Path importModel(ModelSource source, Path importDir) {
        Path file = source.path();
        ImportPrecision precision = ImportPrecision.of(source);
        LlamaOnnx.Options options = precision.options();
        // "gguf2": conversions since the end-of-turn ids are written to generation_config.json
        return ImportCache.convert(importDir, List.of(file), "gguf2-" + precision.variant(), dir -> {
            GgufFile gguf = GgufFile.open(file);
            GgufLlamaWeights weights = GgufLlamaWeights.of(gguf);
            checkVocabularyFillsTheEmbedding(gguf, weights.config().vocabSize());
            ImportedTokenizer vocab = ImportedTokenizer.fromGguf(gguf)
                    .withModelMaxLength(weights.config().contextLength());
            LlamaOnnx.write(weights, dir, options);
            vocab.writeTo(dir);
            writeStopIds(dir, weights.config().bosTokenId(), vocab.eosTokenIds());
        });
    }

    /**
     * generation_config.json with every id that ends generation: EOS, {@code tokenizer.ggml.eot_token_id} and
     * {@code eom_token_id}, and the vocabulary's end-of-turn control tokens, as transformers lists several
     * {@code eos_token_id}s there; the engine stops at each.
     */
    static void writeStopIds(Path dir, int bos, Set<Integer> eos) throws IOException {
        JsonObject g = new JsonObject();
        g.addProperty("bos_token_id", bos);
        JsonArray ids = new JsonArray();
        eos.stream().sorted().forEach(ids::add);
        g.add("eos_token_id", ids);
        Files.writeString(dir.resolve("generation_config.json"), g.toString(), StandardCharsets.UTF_8);
    }

    /**
     * One token per embedding row: llama.cpp's converter pads the vocabulary with placeholders up to the embedding's
     * rows, so a different count means the vocabulary belongs to another model (ids would reach missing rows, or
     * rows would have no token).
     */
    static void checkVocabularyFillsTheEmbedding(GgufFile gguf, int embeddingRows) {
        String key = "tokenizer.ggml.tokens";
        if (!gguf.has(key)) {
            throw new ModelLoadException(gguf.name() + ": missing " + key + ", expected the vocabulary of the "
                    + embeddingRows + " embedding rows");
        }
        int tokens = gguf.strings(key).size();
        if (tokens != embeddingRows) {
            throw new ModelLoadException(gguf.name() + ": " + key + " has " + tokens + " tokens but token_embd.weight"
                    + " has " + embeddingRows + " rows, expected one token per row (llama.cpp pads a vocabulary to"
                    + " the embedding's rows)");
        }
    }
}
