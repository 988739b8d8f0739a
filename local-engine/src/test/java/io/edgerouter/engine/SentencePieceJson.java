package io.edgerouter.engine;

/**
 * A five-piece SentencePiece-style {@code tokenizer.json} (Metaspace: "▁" marks a word start, and the decoder drops
 * the space of the first piece), enough to decode ids the way Llama-2-family tokenizers do.
 */
final class SentencePieceJson {

    /** Ids: 0 {@code <unk>}, 1 {@code <s>}, 2 {@code ▁Hello}, 3 {@code ▁world}, 4 {@code !}. */
    static final String TOKENIZER = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true},
               {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true}],
             "normalizer": null,
             "pre_tokenizer": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true},
             "post_processor": null,
             "decoder": {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": true},
             "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
               "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": false,
               "vocab": {"<unk>": 0, "<s>": 1, "\u2581Hello": 2, "\u2581world": 3, "!": 4}, "merges": []}}
            """;

    private SentencePieceJson() {
    }
}
