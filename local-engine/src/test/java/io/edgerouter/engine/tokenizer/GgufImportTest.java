package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.NeedsSharedModels;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.chat.EngineTokenizer;
import io.edgerouter.engine.gguf.GgufFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the GGUF import makes of real files beyond the test vectors, checked against independent material in
 * ../shared/data/models: HF's Phi-3 tokenizer.json and config, Phi-3 chat ids from HF's Python tokenizer (quoted in
 * the shared README), GPT-2's vocab.json and merges.txt, and the llama2.c conversion of the same Llama-2 vocabulary.
 */
@NeedsSharedModels
class GgufImportTest {

    /** The Phi-3 chat of onnxruntime-extensions' test, rendered, and the ids HF's Python tokenizer gives it. */
    private static final String PHI3_CHAT = "<|system|>\nSystem message<|end|>\n<|user|>\n"
            + "Hello, can you call some tools for me?<|end|>\n<|assistant|>\n"
            + "Sure, I can calculate the sum for you!<|end|>\n<|assistant|>\n";
    private static final int[] PHI3_CHAT_IDS = {32006, 2184, 2643, 32007, 32010, 15043, 29892, 508, 366, 1246, 777,
        8492, 363, 592, 29973, 32007, 32001, 18585, 29892, 306, 508, 8147, 278, 2533, 363, 366, 29991, 32007, 32001};

    @TempDir
    static Path dir;

    private static ImportedTokenizer phi3;
    private static EngineTokenizer phi3Tokenizer;
    private static EngineTokenizer hfPhi3Tokenizer;

    @BeforeAll
    static void convertPhi3() {
        phi3 = ImportedTokenizer.fromGguf(GgufFile.open(SharedModels.file("gguf-vocab/ggml-vocab-phi-3.gguf")));
        phi3.writeTo(dir.resolve("phi-3"));
        phi3Tokenizer = EngineTokenizer.load(dir.resolve("phi-3"));
        hfPhi3Tokenizer = EngineTokenizer.load(SharedModels.file("tokenizers/phi-3-mini-4k-instruct/tokenizer.json")
                .getParent());
    }

    @AfterAll
    static void close() {
        Stream.of(phi3Tokenizer, hfPhi3Tokenizer).filter(t -> t != null).forEach(EngineTokenizer::close);
    }

    @Test
    void encodesAPhi3ChatToTheIdsOfHfsPythonTokenizerWithEveryMarkerOneToken() {
        assertThat(phi3Tokenizer.encode(PHI3_CHAT)).containsExactly(PHI3_CHAT_IDS);
        assertThat(phi3Tokenizer.decode(PHI3_CHAT_IDS)).isEqualTo("System message Hello, can you call some tools "
                + "for me? Sure, I can calculate the sum for you!");
    }

    static Stream<String> phi3Texts() {
        List<String> texts = new ArrayList<>(TokenizerCases.table());
        texts.addAll(TokenizerCases.withNoBreakSpace());
        texts.addAll(List.of(PHI3_CHAT, "<s><|user|>\n  Hi </s>\n<|endoftext|> x", "<unk>", "a<|end|>b",
                "<|placeholder3|> \n\t x"));
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("phi3Texts")
    void encodesEveryTextLikeHfsPhi3TokenizerJson(String text) {
        assertThat(phi3Tokenizer.encode(text)).isEqualTo(hfPhi3Tokenizer.encode(text));
    }

    @Test
    void hasHfsPhi3AddedTokensAndKeepsThePaddingPlaceholdersAsPlainTokens() throws IOException {
        JsonObject hf = json(SharedModels.file("tokenizers/phi-3-mini-4k-instruct/tokenizer.json"));
        assertThat(byId(phi3.tokenizerJson().getAsJsonArray("added_tokens")))
                .isEqualTo(byId(hf.getAsJsonArray("added_tokens")));
        JsonObject vocab = phi3.tokenizerJson().getAsJsonObject("model").getAsJsonObject("vocab");
        assertThat(vocab.size()).isEqualTo(32064);
        assertThat(vocab.get("[PAD32011]").getAsInt()).isEqualTo(32011);
        assertThat(vocab.get("[PAD32063]").getAsInt()).isEqualTo(32063);
    }

    @Test
    void carriesPhi3sIdsFlagsContextLengthAndChatTemplate() {
        assertThat(phi3.bosTokenId()).isEqualTo(1);
        assertThat(phi3.addBosToken()).isTrue();
        assertThat(phi3.eosTokenIds()).containsExactlyInAnyOrder(32000, 32007);
        JsonObject config = phi3.tokenizerConfig();
        assertThat(config.get("bos_token").getAsString()).isEqualTo("<s>");
        assertThat(config.get("eos_token").getAsString()).isEqualTo("<|endoftext|>");
        assertThat(config.get("unk_token").getAsString()).isEqualTo("<unk>");
        assertThat(config.get("pad_token").getAsString()).isEqualTo("<|endoftext|>");
        assertThat(config.get("add_bos_token").getAsBoolean()).isTrue();
        assertThat(config.get("add_eos_token").getAsBoolean()).isFalse();
        assertThat(config.get("model_max_length").getAsInt()).isEqualTo(4096);
        assertThat(config.get("chat_template").getAsString()).isEqualTo("{{ bos_token }}{% for message in messages %}"
                + "{% if (message['role'] == 'user') %}{{'<|user|>' + '\n' + message['content'] + '<|end|>' + '\n' "
                + "+ '<|assistant|>' + '\n'}}{% elif (message['role'] == 'assistant') %}{{message['content'] + "
                + "'<|end|>' + '\n'}}{% endif %}{% endfor %}");
    }

    @Test
    void givesGpt2ItsVocabJsonAndMergesTxtAndEndOfTextAsTheOneSpecialToken() throws IOException {
        ImportedTokenizer gpt2 = ImportedTokenizer.fromGguf(GgufFile.open(
                SharedModels.file("gguf-vocab/ggml-vocab-gpt-2.gguf")));
        JsonObject model = gpt2.tokenizerJson().getAsJsonObject("model");
        assertThat(model.getAsJsonObject("vocab")).isEqualTo(json(SharedModels.file("tokenizers/gpt2/gpt2.vocab")));
        List<String> merges = new ArrayList<>();
        for (JsonElement pair : model.getAsJsonArray("merges")) {
            merges.add(pair.getAsJsonArray().get(0).getAsString() + " " + pair.getAsJsonArray().get(1).getAsString());
        }
        List<String> mergesTxt = Files.readAllLines(SharedModels.file("tokenizers/gpt2/gpt2.merges.txt"));
        assertThat(merges).isEqualTo(mergesTxt.subList(1, mergesTxt.size()));
        assertThat(byId(gpt2.tokenizerJson().getAsJsonArray("added_tokens")).keySet()).containsExactly(50256);
        assertThat(gpt2.addBosToken()).isFalse();
        assertThat(gpt2.eosTokenIds()).containsExactly(50256);
    }

    @Test
    void makesTheSameTokenizerJsonFromLlamaSpmAsFromLlama2sTokenizerBin() {
        ImportedTokenizer fromGguf = ImportedTokenizer.fromGguf(GgufFile.open(
                SharedModels.file("gguf-vocab/ggml-vocab-llama-spm.gguf")));
        ImportedTokenizer fromBin = ImportedTokenizer.fromLlama2c(
                SharedModels.file("tokenizers/llama2-tinyllama/tokenizer.bin"), 32000);
        assertThat(fromGguf.tokenizerJson()).isEqualTo(fromBin.tokenizerJson());
        assertThat(fromGguf.bosTokenId()).isEqualTo(fromBin.bosTokenId());
        assertThat(fromGguf.eosTokenIds()).isEqualTo(fromBin.eosTokenIds());
    }

    @Test
    void restoresBertPiecesToHfsWordPieceSpelling() {
        ImportedTokenizer bert = ImportedTokenizer.fromGguf(GgufFile.open(
                SharedModels.file("gguf-vocab/ggml-vocab-bert-bge.gguf")));
        JsonObject vocab = bert.tokenizerJson().getAsJsonObject("model").getAsJsonObject("vocab");
        // bert-base-uncased's layout, which bge-small-en-v1.5 shares: [PAD] 0, [UNK] 100, [CLS] 101, [SEP] 102
        assertThat(vocab.get("[PAD]").getAsInt()).isZero();
        assertThat(vocab.get("[CLS]").getAsInt()).isEqualTo(101);
        assertThat(vocab.get("the").getAsInt()).isEqualTo(1996);
        assertThat(vocab.has("##s")).isTrue();
        assertThat(vocab.has("\u2581the")).isFalse();
        assertThat(bert.bosTokenId()).isEqualTo(101);
        assertThat(bert.eosTokenIds()).containsExactly(102);
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    /** Added tokens by id, as (content, special, rstrip). */
    private static Map<Integer, List<Object>> byId(JsonArray added) {
        Map<Integer, List<Object>> byId = new HashMap<>();
        for (JsonElement element : added) {
            JsonObject token = element.getAsJsonObject();
            byId.put(token.get("id").getAsInt(), List.of(token.get("content").getAsString(),
                    token.get("special").getAsBoolean(), token.get("rstrip").getAsBoolean()));
        }
        return byId;
    }
}
