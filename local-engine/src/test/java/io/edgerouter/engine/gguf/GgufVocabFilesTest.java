package io.edgerouter.engine.gguf;

import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every vocabulary-only GGUF in ../shared/data/models/gguf-vocab (llama.cpp's own files, v1, v2 and v3) parses, with
 * the facts the folder's README states for it. Skipped where that folder is absent.
 */
class GgufVocabFilesTest {

    /**
     * One row per file, from the README's gguf-vocab table and its per-file key lists: version, key count,
     * general.architecture, tokenizer.ggml.model, tokenizer.ggml.pre ("-" = absent), vocab size, merges (0 = no
     * merges key), whether scores are present, file size.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # current files, each unchanged upstream since the commit the README names
            ggml-vocab-baichuan.gguf                               | 3 | 18 | baichuan   | llama | -              |  64000 |     0 | true  | 1340998
            ggml-vocab-bert-bge.gguf                               | 3 | 20 | bert       | bert  | bert-bge       |  30522 |     0 | false |  627549
            ggml-vocab-deepseek-coder.gguf                         | 3 | 25 | llama      | gpt2  | deepseek-coder |  32256 | 31757 | false | 1156067
            ggml-vocab-deepseek-llm.gguf                           | 3 | 23 | llama      | gpt2  | deepseek-llm   | 102400 | 99757 | false | 3970167
            ggml-vocab-falcon.gguf                                 | 3 | 18 | falcon     | gpt2  | falcon         |  65024 | 64784 | false | 2287728
            ggml-vocab-gpt-2.gguf                                  | 3 | 16 | gpt2       | gpt2  | gpt-2          |  50257 | 50000 | false | 1766807
            ggml-vocab-gpt-neox.gguf                               | 3 | 17 | gptneox    | gpt2  | -              |  50432 | 50009 | false | 1771431
            ggml-vocab-llama-spm.gguf                              | 3 | 22 | llama      | llama | default        |  32000 |     0 | true  |  723869
            ggml-vocab-mpt.gguf                                    | 3 | 17 | mpt        | gpt2  | mpt            |  50432 | 50009 | false | 1771393
            ggml-vocab-phi-3.gguf                                  | 3 | 26 | phi3       | llama | default        |  32064 |     0 | true  |  726019
            ggml-vocab-refact.gguf                                 | 3 | 18 | refact     | gpt2  | refact         |  49216 | 48891 | false | 1720710
            ggml-vocab-starcoder.gguf                              | 3 | 19 | starcoder2 | gpt2  | starcoder      |  49152 | 48872 | false | 1719346
            # 2023-08-21, the first GGUF: v1 (u32 lengths and counts)
            historical/6381d4e1/ggml-vocab-llama.gguf              | 1 | 13 | llama      | llama | -              |  32000 |     0 | true  |  595423
            # 2023-10-03: v2
            historical/ff5a3f0c/ggml-vocab-falcon.gguf             | 2 | 17 | falcon     | gpt2  | -              |  65024 | 64784 | true  | 2547782
            # later regenerated or deleted v3 files
            historical/9e70cc03/ggml-vocab-mpt.gguf                | 3 | 17 | mpt        | gpt2  | -              |  50432 | 50009 | false | 1771406
            historical/daab3d7f/ggml-vocab-refact.gguf             | 3 | 17 | refact     | gpt2  | -              |  49216 | 48891 | false | 1720666
            historical/daab3d7f/ggml-vocab-starcoder.gguf          | 3 | 17 | starcoder  | gpt2  | -              |  49152 | 48891 | false | 1719281
            historical/2756c4fb/ggml-vocab-llama.gguf              | 3 | 17 | llama      | llama | -              |  32000 |     0 | true  |  723676
            historical/36eed0c4/ggml-vocab-stablelm-3b-4e1t.gguf   | 3 | 16 | stablelm   | gpt2  | -              |  50304 | 50009 | false | 1768581
            historical/ea5497df/ggml-vocab-gpt2.gguf               | 3 | 15 | gpt2       | gpt2  | -              |  50257 | 50000 | false | 1766799
            historical/f4ab2a41/ggml-vocab-phi-3.gguf              | 3 | 23 | phi3       | llama | default        |  32064 |     0 | true  |  725945
            historical/92139b90/ggml-vocab-phi-3.gguf              | 3 | 23 | phi3       | llama | default        |  32064 |     0 | true  |  725846
            """)
    void parsesEveryVocabFileToItsLastByte(String file, int version, int keys, String arch, String model, String pre,
                                           int vocab, int merges, boolean scores, long size) {
        GgufFile f = GgufFile.open(SharedModels.file("gguf-vocab/" + file));
        assertThat(f.size()).isEqualTo(size);
        assertThat(f.version()).isEqualTo(version);
        assertThat(f.metadata()).hasSize(keys);
        assertThat(f.architecture()).isEqualTo(arch);
        assertThat(f.string("tokenizer.ggml.model")).isEqualTo(model);
        assertThat(f.optionalString("tokenizer.ggml.pre").orElse("-")).isEqualTo(pre);
        assertThat(f.strings("tokenizer.ggml.tokens")).hasSize(vocab);
        assertThat(f.ints("tokenizer.ggml.token_type")).hasSize(vocab);
        assertThat(f.has("tokenizer.ggml.scores")).isEqualTo(scores);
        if (scores) {
            assertThat(f.floats("tokenizer.ggml.scores")).hasSize(vocab);
        }
        assertThat(f.has("tokenizer.ggml.merges") ? f.strings("tokenizer.ggml.merges").size() : 0).isEqualTo(merges);
        assertThat(f.tensors()).isEmpty();
        assertThat(f.metadataEnd()).as("the key/value section ends at the last byte").isEqualTo(size);
    }

    /** README: "Value types. These hold in every file", and token types are 1, 2, 3, 4 or 6. */
    @Test
    void everyFileStoresTheTokenizerFieldsWithTheTypesTheReadmeLists() throws IOException {
        List<Path> files = allVocabFiles();
        assertThat(files).hasSize(22);
        for (Path p : files) {
            GgufFile f = GgufFile.open(p);
            assertThat(f.elementType("tokenizer.ggml.tokens")).as(p.toString()).isEqualTo(GgufValueType.STRING);
            assertThat(f.elementType("tokenizer.ggml.token_type")).as(p.toString()).isEqualTo(GgufValueType.I32);
            assertThat(Arrays.stream(f.ints("tokenizer.ggml.token_type")).boxed().toList()).as(p.toString())
                    .isSubsetOf(1, 2, 3, 4, 6).contains(1);
            if (f.has("tokenizer.ggml.scores")) {
                assertThat(f.elementType("tokenizer.ggml.scores")).isEqualTo(GgufValueType.F32);
            }
            if (f.has("tokenizer.ggml.merges")) {
                assertThat(f.strings("tokenizer.ggml.merges")).as(p.toString())
                        .allSatisfy(m -> assertThat(m).contains(" "));
            }
            for (String id : List.of("bos", "eos", "unknown", "padding")) {
                String key = "tokenizer.ggml." + id + "_token_id";
                if (f.has(key)) {
                    assertThat(f.type(key)).as(p + " " + key).isEqualTo(GgufValueType.U32);
                }
            }
            for (String key : List.of("tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token")) {
                if (f.has(key)) {
                    assertThat(f.type(key)).as(p + " " + key).isEqualTo(GgufValueType.BOOL);
                }
            }
        }
    }

    @Test
    void readsLlamaSpmKeysInFileOrderWithTheirValues() {
        GgufFile f = GgufFile.open(SharedModels.file("gguf-vocab/ggml-vocab-llama-spm.gguf"));
        // README: this file's keys in file order, listed per prefix (general.file_type in fact comes between the
        // llama.attention keys and llama.vocab_size, so only the order within each prefix is checked)
        assertThat(f.metadata().keySet()).containsSubsequence("general.architecture", "general.name",
                "general.file_type");
        assertThat(f.metadata().keySet()).containsSubsequence("llama.block_count", "llama.context_length",
                "llama.embedding_length", "llama.feed_forward_length", "llama.attention.head_count",
                "llama.attention.head_count_kv", "llama.attention.layer_norm_rms_epsilon", "llama.vocab_size",
                "llama.rope.dimension_count");
        assertThat(f.metadata().keySet()).containsSubsequence("tokenizer.ggml.pre", "tokenizer.ggml.scores",
                "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id", "tokenizer.ggml.unknown_token_id",
                "tokenizer.ggml.add_bos_token", "tokenizer.ggml.add_eos_token");
        assertThat(f.integer("tokenizer.ggml.bos_token_id")).isEqualTo(1);
        assertThat(f.integer("tokenizer.ggml.eos_token_id")).isEqualTo(2);
        assertThat(f.integer("tokenizer.ggml.unknown_token_id")).isZero();
        assertThat(f.bool("tokenizer.ggml.add_bos_token")).isTrue();
        assertThat(f.bool("tokenizer.ggml.add_eos_token")).isFalse();
        assertThat(f.arch("block_count")).isEqualTo("llama.block_count");
        assertThat(f.type(f.arch("attention.layer_norm_rms_epsilon"))).isEqualTo(GgufValueType.F32);
        // README: llama-spm's <0x00>…<0xFF> are type 6 (ids 3‥258 in the Llama-2 vocabulary)
        List<String> tokens = f.strings("tokenizer.ggml.tokens");
        int[] types = f.ints("tokenizer.ggml.token_type");
        assertThat(tokens.get(3)).isEqualTo("<0x00>");
        assertThat(tokens.get(258)).isEqualTo("<0xFF>");
        for (int id = 3; id <= 258; id++) {
            assertThat(types[id]).as("token %d %s", id, tokens.get(id)).isEqualTo(6);
        }
        // the file's only EF BB BF (at byte 447531, length 3 before it) is token 30143: a lone U+FEFF, kept as is
        assertThat(tokens.get(30143)).isEqualTo("\uFEFF");
    }

    @Test
    void readsPhi3ChatTemplateAndSpecialIds() {
        GgufFile f = GgufFile.open(SharedModels.file("gguf-vocab/ggml-vocab-phi-3.gguf"));
        // README: the current chat_template, 269 chars, with real newlines
        assertThat(f.optionalString("tokenizer.chat_template")).contains("{{ bos_token }}{% for message in messages %}"
                + "{% if (message['role'] == 'user') %}{{'<|user|>' + '\n' + message['content'] + '<|end|>' + '\n' + "
                + "'<|assistant|>' + '\n'}}{% elif (message['role'] == 'assistant') %}{{message['content'] + "
                + "'<|end|>' + '\n'}}{% endif %}{% endfor %}");
        assertThat(f.string("tokenizer.chat_template")).hasSize(269);
        assertThat(f.integer("tokenizer.ggml.eos_token_id")).isEqualTo(32000);
        assertThat(f.integer("tokenizer.ggml.padding_token_id")).isEqualTo(32000);
        // README: 32000 <|endoftext|>, 32007 <|end|>, 32010 <|user|>, type 3, score -1000; 32011‥ padding type 2
        List<String> tokens = f.strings("tokenizer.ggml.tokens");
        assertThat(tokens.get(32000)).isEqualTo("<|endoftext|>");
        assertThat(tokens.get(32007)).isEqualTo("<|end|>");
        assertThat(tokens.get(32011)).isEqualTo("[PAD32011]");
        assertThat(f.ints("tokenizer.ggml.token_type")[32010]).isEqualTo(3);
        assertThat(f.ints("tokenizer.ggml.token_type")[32011]).isEqualTo(2);
        assertThat(f.floats("tokenizer.ggml.scores")[32010]).isEqualTo(-1000f);
        assertThat(f.floats("tokenizer.ggml.scores")[32063]).isEqualTo(-10000f);
    }

    @Test
    void readsTheHistoricalPhi3ChatTemplateOf368Chars() {
        GgufFile f = GgufFile.open(SharedModels.file("gguf-vocab/historical/f4ab2a41/ggml-vocab-phi-3.gguf"));
        assertThat(f.string("tokenizer.chat_template")).hasSize(368);
        assertThat(f.strings("tokenizer.ggml.tokens").get(32000)).isEqualTo("[PAD32000]");
    }

    /** bert-bge's special ids, including the key's own spelling "seperator" (README). */
    @Test
    void readsBertSpecialIdsUnderTheirSpelling() {
        GgufFile f = GgufFile.open(SharedModels.file("gguf-vocab/ggml-vocab-bert-bge.gguf"));
        assertThat(f.integer("tokenizer.ggml.unknown_token_id")).isEqualTo(100);
        assertThat(f.integer("tokenizer.ggml.cls_token_id")).isEqualTo(101);
        assertThat(f.integer("tokenizer.ggml.seperator_token_id")).isEqualTo(102);
        assertThat(f.integer("tokenizer.ggml.mask_token_id")).isEqualTo(103);
        assertThat(f.integer("tokenizer.ggml.padding_token_id")).isZero();
        assertThat(f.bool(f.arch("attention.causal"))).isFalse();
    }

    static List<Path> allVocabFiles() throws IOException {
        try (Stream<Path> s = Files.walk(SharedModels.dir().resolve("gguf-vocab"))) {
            return s.filter(p -> p.toString().endsWith(".gguf")).sorted().toList();
        }
    }
}
