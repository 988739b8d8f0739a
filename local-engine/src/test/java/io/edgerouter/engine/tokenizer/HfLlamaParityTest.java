package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.NeedsSharedModels;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.chat.EngineTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversion of Llama-2's tokenizer.bin against Hugging Face's own tokenizer.json of the same vocabulary
 * (tokenizers/llama2-tinyllama, LlamaTokenizerFast). That file has U+0020 where the vocabulary has U+00A0 NO-BREAK
 * SPACE in 4 pieces (shared README), which also breaks the 3 merges of those pieces (its merges are "left right"
 * strings, so the extra spaces make them ambiguous, and HF tokenizers 0.21 refuses to load the file). The tests pin
 * exactly that difference: everything else is equal; HF's file with the 4 pieces and 3 merges repaired encodes every
 * text as ours does; HF's file with just the 3 broken merges dropped (the least that makes it load) encodes every text
 * without U+00A0 as ours does, and U+00A0 as its two bytes. Needs ../shared/data/models.
 */
@NeedsSharedModels
class HfLlamaParityTest {

    private static final char NBSP = '\u00a0';
    private static final Set<Integer> NBSP_IDS = Set.of(8655, 17891, 20246, 30081);

    @TempDir
    static Path dir;

    private static JsonObject ours;
    private static JsonObject hf;
    private static EngineTokenizer oursTokenizer;
    private static EngineTokenizer hfTokenizer;
    private static EngineTokenizer repairedTokenizer;

    @BeforeAll
    static void convertAndLoad() throws IOException {
        ImportedTokenizer imported = ImportedTokenizer.fromLlama2c(
                SharedModels.file("tokenizers/llama2-tinyllama/tokenizer.bin"), 32000);
        imported.writeTo(dir.resolve("ours"));
        ours = imported.tokenizerJson();
        hf = JsonParser.parseString(Files.readString(SharedModels.file("tokenizers/llama2-tinyllama/tokenizer.json")))
                .getAsJsonObject();
        oursTokenizer = EngineTokenizer.load(dir.resolve("ours"));
        hfTokenizer = load("loadable", withoutBrokenMerges(hf));
        repairedTokenizer = load("repaired", repaired(hf));
    }

    private static EngineTokenizer load(String name, JsonObject tokenizerJson) throws IOException {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name + "/tokenizer.json"), tokenizerJson.toString(), StandardCharsets.UTF_8);
        return EngineTokenizer.load(dir.resolve(name));
    }

    @AfterAll
    static void close() {
        Stream.of(oursTokenizer, hfTokenizer, repairedTokenizer).filter(Objects::nonNull)
                .forEach(EngineTokenizer::close);
    }

    @Test
    void hasHfsNormalizerPreTokenizerDecoderAndModelOptions() {
        for (String key : List.of("normalizer", "pre_tokenizer", "decoder")) {
            assertThat(ours.get(key)).as(key).isEqualTo(hf.get(key));
        }
        JsonObject model = ours.getAsJsonObject("model");
        for (String key : List.of("type", "unk_token", "fuse_unk", "byte_fallback", "dropout")) {
            assertThat(model.get(key)).as(key).isEqualTo(hf.getAsJsonObject("model").get(key));
        }
    }

    @Test
    void hasHfsVocabularyExceptThatItsFourPiecesKeepTheNoBreakSpace() {
        Map<Integer, String> oursById = byId(ours);
        Map<Integer, String> hfById = byId(hf);
        assertThat(oursById.keySet()).isEqualTo(hfById.keySet());
        Set<Integer> differing = new HashSet<>();
        oursById.forEach((id, piece) -> {
            if (!piece.equals(hfById.get(id))) {
                differing.add(id);
                assertThat(piece.replace(NBSP, ' ')).isEqualTo(hfById.get(id));
            }
        });
        assertThat(differing).isEqualTo(NBSP_IDS);
    }

    @Test
    void hasHfsMergesOnceNoBreakSpacesAreWrittenAsSpacesLikeHfsFile() {
        Set<String> oursAsHfWritesThem = new HashSet<>();
        for (JsonElement pair : ours.getAsJsonObject("model").getAsJsonArray("merges")) {
            JsonArray p = pair.getAsJsonArray();
            oursAsHfWritesThem.add((p.get(0).getAsString() + " " + p.get(1).getAsString()).replace(NBSP, ' '));
        }
        Set<String> hfMerges = new HashSet<>();
        hf.getAsJsonObject("model").getAsJsonArray("merges").forEach(m -> hfMerges.add(m.getAsString()));
        assertThat(oursAsHfWritesThem).hasSize(61249).isEqualTo(hfMerges);
    }

    static Stream<String> texts() {
        return Stream.concat(TokenizerCases.table().stream(),
                TokenizerCases.vectorInputs("ggml-vocab-llama-spm.gguf").stream());
    }

    @ParameterizedTest
    @MethodSource("texts")
    void encodesTextsWithoutNoBreakSpaceLikeHfsFile(String text) {
        assertThat(text).doesNotContain(String.valueOf(NBSP));
        assertThat(oursTokenizer.encode(text)).isEqualTo(hfTokenizer.encode(text));
    }

    static Stream<String> allTexts() {
        return Stream.concat(texts(), TokenizerCases.withNoBreakSpace().stream());
    }

    @ParameterizedTest
    @MethodSource("allTexts")
    void encodesEveryTextLikeHfsFileWithItsFourPiecesRepaired(String text) {
        assertThat(oursTokenizer.encode(text)).isEqualTo(repairedTokenizer.encode(text));
    }

    @ParameterizedTest
    @MethodSource("io.edgerouter.engine.tokenizer.TokenizerCases#withNoBreakSpace")
    void encodesTheNoBreakSpaceAsItsPiecesWhereHfsFileFallsBackToItsTwoBytes(String text) {
        List<Integer> bytesOfNbsp = List.of(0xC2 + 3, 0xA0 + 3);
        assertThat(boxed(hfTokenizer.encode(text))).containsSequence(bytesOfNbsp);
        assertThat(boxed(oursTokenizer.encode(text))).doesNotContainSequence(bytesOfNbsp)
                .containsAnyElementsOf(NBSP_IDS);
    }

    /** HF's file without the merges that are not "left right" with one space (HF tokenizers rejects them). */
    private static JsonObject withoutBrokenMerges(JsonObject original) {
        JsonObject json = original.deepCopy();
        JsonArray merges = new JsonArray();
        int dropped = 0;
        for (JsonElement merge : json.getAsJsonObject("model").getAsJsonArray("merges")) {
            String text = merge.getAsString();
            if (text.indexOf(' ') == text.lastIndexOf(' ') && !text.startsWith(" ") && !text.endsWith(" ")) {
                merges.add(merge);
            } else {
                dropped++;
            }
        }
        assertThat(dropped).as("merges of the 4 corrupted pieces").isEqualTo(3);
        json.getAsJsonObject("model").add("merges", merges);
        return json;
    }

    /** HF's file with U+00A0 put back in the 4 pieces and in the 3 merges whose only valid split needs it. */
    private static JsonObject repaired(JsonObject original) {
        JsonObject json = original.deepCopy();
        JsonObject model = json.getAsJsonObject("model");
        JsonObject vocab = new JsonObject();
        byId(original).forEach((id, piece) -> vocab.addProperty(NBSP_IDS.contains(id) ? piece.replace(' ', NBSP)
                : piece, id));
        JsonArray merges = new JsonArray();
        for (JsonElement merge : model.getAsJsonArray("merges")) {
            merges.add(repairedMerge(merge.getAsString(), vocab));
        }
        model.add("vocab", vocab);
        model.add("merges", merges);
        return json;
    }

    private static JsonArray repairedMerge(String merge, JsonObject vocab) {
        List<JsonArray> splits = new ArrayList<>();
        for (int at = merge.indexOf(' '); at >= 0; at = merge.indexOf(' ', at + 1)) {
            String left = merge.substring(0, at).replace(' ', NBSP);
            String right = merge.substring(at + 1).replace(' ', NBSP);
            if (!left.isEmpty() && !right.isEmpty() && vocab.has(left) && vocab.has(right)
                    && vocab.has(left + right)) {
                JsonArray pair = new JsonArray();
                pair.add(left);
                pair.add(right);
                splits.add(pair);
            }
        }
        assertThat(splits).as("valid splits of merge \"%s\"", merge).hasSize(1);
        return splits.get(0);
    }

    private static Map<Integer, String> byId(JsonObject tokenizer) {
        Map<Integer, String> byId = new TreeMap<>();
        tokenizer.getAsJsonObject("model").getAsJsonObject("vocab").entrySet()
                .forEach(e -> byId.put(e.getValue().getAsInt(), e.getKey()));
        return byId;
    }

    private static List<Integer> boxed(int[] ids) {
        List<Integer> list = new ArrayList<>(ids.length);
        for (int id : ids) {
            list.add(id);
        }
        return list;
    }
}
