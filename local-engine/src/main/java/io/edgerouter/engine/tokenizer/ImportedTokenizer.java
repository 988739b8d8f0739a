package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.gguf.GgufFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The tokenizer of an imported model, converted to Hugging Face's files so that DJL (HF tokenizers) encodes and
 * decodes exactly like the model's own tokenizer.
 *
 * <p>The tokenizer.json never adds BOS or EOS by itself (no post-processor): the engine puts {@link #bosTokenId()} in
 * front when {@link #addBosToken()} says so. Its added tokens (control and user-defined ones) are recognised in the
 * text, so a chat template's markers are single tokens.
 *
 * <p>The two JSON trees belong to this object once it is made: callers read them and must not change them.
 *
 * @param tokenizerJson   the tokenizer.json
 * @param tokenizerConfig the tokenizer_config.json: bos/eos/unk/pad token texts, add_bos_token, add_eos_token,
 *                        model_max_length when known and chat_template when the source has one
 * @param bosTokenId      the BOS id, or -1 when the vocabulary has none
 * @param eosTokenIds     the ids that end generation: EOS and end-of-turn markers such as Phi-3's {@code <|end|>}
 * @param addBosToken     whether the model expects BOS in front of a prompt
 */
public record ImportedTokenizer(JsonObject tokenizerJson, JsonObject tokenizerConfig, int bosTokenId,
                                Set<Integer> eosTokenIds, boolean addBosToken) {

    /** The file names {@link #writeTo(Path)} uses. */
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";

    public ImportedTokenizer {
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        Objects.requireNonNull(tokenizerConfig, "tokenizerConfig");
        eosTokenIds = Set.copyOf(eosTokenIds);
        if (!tokenizerJson.has("model") || !tokenizerJson.has("added_tokens")) {
            throw new IllegalArgumentException("a tokenizer.json needs a model and added_tokens");
        }
        if (bosTokenId < -1 || (bosTokenId == -1 && addBosToken)) {
            throw new IllegalArgumentException("BOS id " + bosTokenId + " with addBosToken " + addBosToken
                    + ": expected an id >= 0, or -1 (none) without addBosToken");
        }
        if (eosTokenIds.stream().anyMatch(id -> id < 0)) {
            throw new IllegalArgumentException("EOS ids must be >= 0, got " + eosTokenIds);
        }
    }

    /**
     * Converts a llama2.c tokenizer.bin (see {@link Llama2cTokenizerFile}): BOS 1, EOS 2, unknown 0, BOS expected in
     * front of prompts, as llama2.c's {@code run.c} does.
     *
     * @param expectedVocab the checkpoint's vocab_size
     * @throws ModelLoadException when the file is unreadable, malformed or holds a different number of pieces
     */
    public static ImportedTokenizer fromLlama2c(Path tokenizerBin, int expectedVocab) {
        return fromLlama2c(tokenizerBin, expectedVocab, "the model's vocab_size");
    }

    /**
     * As {@link #fromLlama2c(Path, int)}; {@code expectedFrom} says where expectedVocab came from in error messages,
     * e.g. {@code "vocab_size in stories260K.bin"}.
     */
    public static ImportedTokenizer fromLlama2c(Path tokenizerBin, int expectedVocab, String expectedFrom) {
        Llama2cTokenizerFile file = Llama2cTokenizerFile.read(tokenizerBin, expectedVocab, expectedFrom);
        SentencePieceVocab vocab = file.toSentencePiece();
        String source = String.valueOf(tokenizerBin.getFileName());
        List<AddedToken> added = SpmTokenizerJson.addedTokens(vocab, id -> false);
        JsonObject json = SpmTokenizerJson.build(vocab, added, source, "pieces");
        JsonObject config = config(vocab.pieces(), vocab.bosId(), vocab.eosId(), vocab.unkId(), -1, true, false);
        return new ImportedTokenizer(json, config, vocab.bosId(), Set.of(vocab.eosId()), true);
    }

    /**
     * Converts the vocabulary of a GGUF file by its {@code tokenizer.ggml.model}: {@code llama} (SentencePiece BPE,
     * as {@link #fromLlama2c}), {@code gpt2} (byte-level BPE, split into words as {@code tokenizer.ggml.pre} says:
     * gpt-2 or absent, mpt, starcoder, refact, falcon, deepseek-llm, deepseek-coder, llama-bpe (Llama 3), qwen2,
     * smollm, tekken) or {@code bert} (WordPiece).
     * Control tokens become special added tokens (so chat-template markers are single tokens), user-defined ones
     * plain added tokens; BOS, EOS and the flags come from the {@code tokenizer.ggml.*} ids and add_bos/eos_token,
     * model_max_length from {@code <arch>.context_length}, chat_template from {@code tokenizer.chat_template}.
     *
     * @throws ModelLoadException naming the file, the key and what was expected: an unsupported model or
     *                            pre-tokenizer, a missing tokens/scores/merges array, arrays of different lengths, an
     *                            id outside the vocabulary, a merge of unknown tokens, duplicate tokens
     */
    public static ImportedTokenizer fromGguf(GgufFile gguf) {
        return fromGguf(VocabMetadata.of(gguf));
    }

    static ImportedTokenizer fromGguf(VocabMetadata meta) {
        if (!meta.has(GgufVocabFields.MODEL)) {
            throw new ModelLoadException(meta.source() + ": missing " + GgufVocabFields.MODEL
                    + ", expected llama, gpt2 or bert");
        }
        String model = meta.string(GgufVocabFields.MODEL);
        switch (model) {
            case "llama":
                return GgufSentencePiece.convert(new GgufVocabFields(meta));
            case "gpt2":
                return GgufBytePair.convert(new GgufVocabFields(meta));
            case "bert":
                return GgufWordPiece.convert(new GgufVocabFields(meta));
            default:
                throw new ModelLoadException(meta.source() + ": " + GgufVocabFields.MODEL + " is \"" + model
                        + "\", expected llama (SentencePiece BPE), gpt2 (byte-level BPE) or bert (WordPiece)");
        }
    }

    /** A copy whose tokenizer_config.json states the model's context length as model_max_length. */
    public ImportedTokenizer withModelMaxLength(int contextLength) {
        if (contextLength <= 0) {
            throw new IllegalArgumentException("context length must be positive, got " + contextLength);
        }
        JsonObject config = tokenizerConfig.deepCopy();
        config.addProperty("model_max_length", contextLength);
        return new ImportedTokenizer(tokenizerJson, config, bosTokenId, eosTokenIds, addBosToken);
    }

    /**
     * Writes tokenizer.json and tokenizer_config.json into a directory (created if absent), each as UTF-8 through a
     * temporary file moved into place, so a reader never sees half a file.
     *
     * @throws ModelLoadException when a file cannot be written
     */
    public void writeTo(Path dir) {
        TokenizerFiles.write(this, dir);
    }

    /**
     * The tokenizer_config.json: special token texts by id (-1 leaves one out) and the BOS/EOS flags.
     * {@code PreTrainedTokenizerFast} takes tokenizer.json as it is, with no class-specific rewriting.
     */
    static JsonObject config(List<String> tokens, int bos, int eos, int unk, int pad, boolean addBos,
                             boolean addEos) {
        JsonObject config = new JsonObject();
        config.addProperty("tokenizer_class", "PreTrainedTokenizerFast");
        addToken(config, "bos_token", tokens, bos);
        addToken(config, "eos_token", tokens, eos);
        addToken(config, "unk_token", tokens, unk);
        addToken(config, "pad_token", tokens, pad);
        config.addProperty("add_bos_token", addBos);
        config.addProperty("add_eos_token", addEos);
        config.addProperty("clean_up_tokenization_spaces", false);
        return config;
    }

    private static void addToken(JsonObject config, String key, List<String> tokens, int id) {
        if (id >= 0) {
            config.addProperty(key, tokens.get(id));
        }
    }
}
