package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;

import java.util.ArrayList;
import java.util.List;

/**
 * A GGUF {@code tokenizer.ggml.model = gpt2} vocabulary (byte-level BPE: tokens in GPT-2's byte-to-character form,
 * ranked merges "left right", token types) as a tokenizer.json, split into words as {@code tokenizer.ggml.pre}
 * says ({@link ByteLevelPreTokenizers}), which also decides whether a whole pre-token found in the vocabulary is taken
 * before merging ({@code ignore_merges}, Llama 3 and tekken) and whether BOS goes in front when
 * {@code tokenizer.ggml.add_bos_token} is absent.
 *
 * <p>Control tokens become special added tokens and user-defined ones plain added tokens, matched in the raw text
 * as llama.cpp matches them; their text is stored raw, not byte-mapped. llama.cpp's converter fills ids the source
 * tokenizer leaves unused with {@code [PAD<id>]}; those stay ordinary vocabulary entries that text never reaches.
 */
final class GgufBytePair {

    private GgufBytePair() {
    }

    static ImportedTokenizer convert(GgufVocabFields fields) {
        VocabMetadata meta = fields.require(GgufVocabFields.MERGES,
                "the BPE merges (\"left right\", in rank order) of a gpt2 vocabulary");
        String pre = meta.has(GgufVocabFields.PRE) ? meta.string(GgufVocabFields.PRE) : null;
        ByteLevelPreTokenizers.Form form = ByteLevelPreTokenizers.forPre(pre, fields.source());
        JsonObject vocab = HfJson.vocab(fields.tokens(), fields.source(), GgufVocabFields.TOKENS);
        List<MergePair> merges = merges(meta.strings(GgufVocabFields.MERGES), vocab, fields.source());
        int bos = fields.id(GgufVocabFields.BOS, -1);
        int eos = fields.id(GgufVocabFields.EOS, -1);
        int unk = fields.id(GgufVocabFields.UNK, -1);
        int pad = fields.id(GgufVocabFields.PAD, -1);
        // llama.cpp's per-name default when the file does not say (Llama 3 and tekken put BOS in front)
        boolean addBos = fields.flag(GgufVocabFields.ADD_BOS, form.addBosByDefault() && bos >= 0);
        boolean addEos = fields.flag(GgufVocabFields.ADD_EOS, false);
        if (addBos && bos < 0) {
            throw new ModelLoadException(fields.source() + ": " + GgufVocabFields.ADD_BOS + " is true, but "
                    + GgufVocabFields.BOS + " is missing, expected the id to add");
        }
        JsonObject model = HfJson.bpe(vocab, merges, null, false, form.ignoreMerges());
        JsonObject json = HfJson.tokenizer(addedTokens(fields, unk), form.normalizer(), form.preTokenizer(),
                HfJson.byteLevel(true), model);
        JsonObject config = fields.config(bos, eos, unk, pad, addBos, addEos);
        return new ImportedTokenizer(json, config, bos, fields.endIds(eos), addBos);
    }

    /**
     * The merges, split at the first space after the first character (as llama.cpp splits them), each side and the
     * result a vocabulary token.
     */
    static List<MergePair> merges(List<String> raw, JsonObject vocab, String source) {
        List<MergePair> merges = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String merge = raw.get(i);
            int space = merge.indexOf(' ', 1);
            String left = space < 0 ? merge : merge.substring(0, space);
            String right = space < 0 ? "" : merge.substring(space + 1);
            if (right.isEmpty() || !vocab.has(left) || !vocab.has(right) || !vocab.has(left + right)) {
                throw new ModelLoadException(source + ": " + GgufVocabFields.MERGES + "[" + i + "] is \"" + merge
                        + "\", expected \"left right\" where left, right and left+right are tokens");
            }
            merges.add(new MergePair(left, right));
        }
        return merges;
    }

    private static List<AddedToken> addedTokens(GgufVocabFields fields, int unk) {
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < fields.tokens().size(); id++) {
            TokenType type = fields.types().get(id);
            String token = fields.tokens().get(id);
            boolean special = type == TokenType.CONTROL || id == unk;
            if (special || (type == TokenType.USER_DEFINED && !isPadPlaceholder(token, id))) {
                added.add(new AddedToken(id, token, special, false));
            }
        }
        return added;
    }

    /** llama.cpp's filler for an id the source vocabulary does not use. */
    static boolean isPadPlaceholder(String token, int id) {
        return token.equals("[PAD" + id + "]");
    }
}
