package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.chat.EngineTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte-level forms of {@code tokenizer.ggml.pre} = llama-bpe (Llama 3), qwen2, smollm (SmolLM2) and tekken
 * (Mistral Nemo), which no vocabulary file here comes with: their tokenizer.json components must be the ones those
 * models ship (quoted below from their tokenizer.json files), and DJL must split a table of texts where the four
 * regexes disagree exactly as each regex says. The split of every row is worked out by hand in its comment; the ids
 * DJL must give are what plain BPE ({@link ByteLevelVocab#encode}) makes of that split over a vocabulary holding every
 * piece of every split as one token, so a piece split or joined differently shows as other ids.
 */
class GgufPreTokenizerFormsTest {

    private static final List<String> FORMS = List.of("llama-bpe", "qwen2", "smollm", "tekken");

    /** A text and its pre-tokens under each form, in {@link #FORMS} order. */
    record Row(String text, List<String> llama3, List<String> qwen2, List<String> smollm, List<String> tekken) {
        List<String> split(String form) {
            return List.of(llama3, qwen2, smollm, tekken).get(FORMS.indexOf(form));
        }

        @Override
        public String toString() {
            return "\"" + text.replace("\n", "\\n") + "\"";
        }
    }

    static List<Row> rows() {
        return List.of(
                // llama3 \p{N}{1,3} takes "123" then "45"; qwen2 and tekken \p{N} and smollm's Digits step take one
                // digit each
                new Row("12345", List.of("123", "45"), digits("12345"), digits("12345"), digits("12345")),
                // the space before a digit run: no alternative takes " 1" (the word and punctuation alternatives need
                // a letter or a non-digit after it, \s+(?!\S) fails before '1'), so \s+ takes " " alone
                new Row("a 1234", List.of("a", " ", "123", "4"), List.of("a", " ", "1", "2", "3", "4"),
                        List.of("a", " ", "1", "2", "3", "4"), List.of("a", " ", "1", "2", "3", "4")),
                // (?i:'m|'s) takes "'M" and "'S" in llama3/qwen2; GPT-2's 'm|'s after smollm's Digits step is case
                // sensitive, so "'" falls to the punctuation alternative and "M" to the letters; tekken has no
                // contraction alternative, but its upper-case word alternative takes one leading "'" with "M"
                new Row("I'M HE'S", List.of("I", "'M", " HE", "'S"), List.of("I", "'M", " HE", "'S"),
                        List.of("I", "'", "M", " HE", "'", "S"), List.of("I", "'M", " HE", "'S")),
                // \p{L}+ takes the whole camel-case word; tekken's [upper]*[lower]+ ends at the next capital
                new Row("HelloWorld", List.of("HelloWorld"), List.of("HelloWorld"), List.of("HelloWorld"),
                        List.of("Hello", "World")),
                // " ?[^\s\p{L}\p{N}]+[\r\n]*" keeps the line breaks after "!!"; GPT-2 has no [\r\n]* tail, and its
                // \s+(?!\S) gives back the last "\n" before "x", which \s+ then takes alone
                new Row("ok!!\n\nx", List.of("ok", "!!\n\n", "x"), List.of("ok", "!!\n\n", "x"),
                        List.of("ok", "!!", "\n", "\n", "x"), List.of("ok", "!!\n\n", "x")),
                // \s*[\r\n]+ takes the space with both line breaks; GPT-2's \s+(?!\S) backs off to " \n", then \s+
                new Row("a \n\nb", List.of("a", " \n\n", "b"), List.of("a", " \n\n", "b"),
                        List.of("a", " \n", "\n", "b"), List.of("a", " \n\n", "b")),
                // [^\r\n\p{L}\p{N}]? lets "!" lead the CJK word (tekken: Lo is in both its letter classes); GPT-2's
                // " ?\p{L}+" admits only a space, so "!" stands alone; the emoji (So) is a punctuation run in all
                new Row("!你好👍", List.of("!你好", "👍"), List.of("!你好", "👍"), List.of("!", "你好", "👍"),
                        List.of("!你好", "👍")),
                // qwen2's NFC normalizer composes e + U+0301 into é, one \p{L}+ word; unnormalized, U+0301 (Mn) is no
                // \p{L} and becomes a punctuation run; tekken's classes include \p{M}, so the word keeps it
                new Row("cafe\u0301", List.of("cafe", "\u0301"), List.of("caf\u00e9"), List.of("cafe", "\u0301"),
                        List.of("cafe\u0301")),
                // tekken's punctuation run may end in [\r\n/]*, so it takes ":/\n/" and "b" is a word alone; the others
                // end the run at the line break and let "/" lead "b" (GPT-2: "/" and "b" apart)
                new Row("a:/\n/b", List.of("a", ":/\n", "/b"), List.of("a", ":/\n", "/b"),
                        List.of("a", ":/", "\n", "/", "b"), List.of("a", ":/\n/", "b")));
    }

    private static List<String> digits(String run) {
        return run.chars().mapToObj(c -> String.valueOf((char) c)).toList();
    }

    @TempDir
    static Path dir;

    private static ByteLevelVocab vocab;
    private static final Map<String, EngineTokenizer> LOADED = new HashMap<>();
    private static final Map<String, ImportedTokenizer> CONVERTED = new HashMap<>();

    @BeforeAll
    static void convertEachForm() {
        Set<String> words = new LinkedHashSet<>();
        rows().forEach(row -> FORMS.forEach(form -> words.addAll(row.split(form))));
        vocab = ByteLevelVocab.of(new ArrayList<>(words), List.of("<|endoftext|>"));
        for (String form : FORMS) {
            ImportedTokenizer converted = ImportedTokenizer.fromGguf(vocab.metadata(Map.of("tokenizer.ggml.pre", form,
                    "tokenizer.ggml.bos_token_id", (long) vocab.id("<|endoftext|>"))));
            converted.writeTo(dir.resolve(form));
            CONVERTED.put(form, converted);
            LOADED.put(form, EngineTokenizer.load(dir.resolve(form)));
        }
    }

    @AfterAll
    static void close() {
        LOADED.values().forEach(EngineTokenizer::close);
    }

    static Stream<Row> table() {
        return rows().stream();
    }

    @ParameterizedTest
    @MethodSource("table")
    void eachFormSplitsTheRowAsItsRegexSaysAndTheRowTellsTheFormsApart(Row row) {
        List<List<Integer>> expected = new ArrayList<>();
        for (String form : FORMS) {
            boolean ignoreMerges = form.equals("llama-bpe") || form.equals("tekken");
            int[] ids = vocab.encode(row.split(form), ignoreMerges);
            assertThat(LOADED.get(form).encode(row.text())).as(form).containsExactly(ids);
            expected.add(Arrays.stream(ids).boxed().toList());
        }
        assertThat(Set.copyOf(expected)).as("distinct id sequences of the four forms").hasSizeGreaterThan(1);
    }

    @Test
    void llamaBpeIsLlama3sSplitThenBytesWithWholeWordLookupAndBos() {
        // Meta-Llama-3-8B / Llama-3.2-1B tokenizer.json: normalizer null, "ignore_merges": true
        assertForm("llama-bpe", null, "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":"
                + "{\"Regex\":\"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|\\\\p{N}{1,3}| ?"
                + "[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"},\"behavior\":"
                + "\"Isolated\",\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
                + "\"trim_offsets\":true,\"use_regex\":false}]}", true);
        assertThat(CONVERTED.get("llama-bpe").addBosToken()).as("llama.cpp's default for llama-bpe").isTrue();
    }

    @Test
    void qwen2IsNfcThenItsSplitThenBytes() {
        // Qwen2 / Qwen2.5 tokenizer.json: {"type":"NFC"}, ByteLevel with trim_offsets false, merges always
        assertForm("qwen2", "{\"type\":\"NFC\"}", "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\","
                + "\"pattern\":{\"Regex\":\"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?\\\\p{L}+|"
                + "\\\\p{N}| ?[^\\\\s\\\\p{L}\\\\p{N}]+[\\\\r\\\\n]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"},"
                + "\"behavior\":\"Isolated\",\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
                + "\"trim_offsets\":false,\"use_regex\":false}]}", false);
        assertThat(CONVERTED.get("qwen2").addBosToken()).isFalse();
    }

    @Test
    void smollmIsDigitsThenGpt2sSplit() {
        // SmolLM2-360M-Instruct tokenizer.json
        assertForm("smollm", null, "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Digits\","
                + "\"individual_digits\":true},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,"
                + "\"trim_offsets\":true,\"use_regex\":true}]}", false);
    }

    @Test
    void tekkenIsMistralsCaseSplitThenBytesWithWholeWordLookupAndBos() {
        // tekken tokenizer.json (Mistral Nemo and the models sharing its vocabulary): "ignore_merges": true
        assertForm("tekken", null, "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":"
                + "{\"Regex\":\"[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?[\\\\p{Lu}\\\\p{Lt}\\\\p{Lm}\\\\p{Lo}\\\\p{M}]*"
                + "[\\\\p{Ll}\\\\p{Lm}\\\\p{Lo}\\\\p{M}]+|[^\\\\r\\\\n\\\\p{L}\\\\p{N}]?[\\\\p{Lu}\\\\p{Lt}\\\\p{Lm}"
                + "\\\\p{Lo}\\\\p{M}]+[\\\\p{Ll}\\\\p{Lm}\\\\p{Lo}\\\\p{M}]*|\\\\p{N}| ?[^\\\\s\\\\p{L}\\\\p{N}]+"
                + "[\\\\r\\\\n/]*|\\\\s*[\\\\r\\\\n]+|\\\\s+(?!\\\\S)|\\\\s+\"},\"behavior\":\"Isolated\","
                + "\"invert\":false},{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,"
                + "\"use_regex\":false}]}", true);
        assertThat(CONVERTED.get("tekken").addBosToken()).isTrue();
    }

    @Test
    void aFileThatSaysNoBosOverridesTheLlamaBpeDefault() {
        ImportedTokenizer converted = ImportedTokenizer.fromGguf(vocab.metadata(Map.of("tokenizer.ggml.pre",
                "llama-bpe", "tokenizer.ggml.bos_token_id", 0L, "tokenizer.ggml.add_bos_token", false)));
        assertThat(converted.addBosToken()).isFalse();
        ImportedTokenizer withoutBos = ImportedTokenizer.fromGguf(vocab.metadata(Map.of("tokenizer.ggml.pre",
                "llama-bpe")));
        assertThat(withoutBos.addBosToken()).as("no BOS id, nothing to put in front").isFalse();
    }

    private static void assertForm(String form, String normalizer, String preTokenizer, boolean ignoreMerges) {
        JsonObject json = CONVERTED.get(form).tokenizerJson();
        assertThat(json.get("normalizer")).isEqualTo(normalizer == null ? JsonNull.INSTANCE
                : JsonParser.parseString(normalizer));
        JsonElement expected = JsonParser.parseString(preTokenizer);
        assertThat(json.get("pre_tokenizer")).isEqualTo(expected);
        assertThat(json.getAsJsonObject("model").get("ignore_merges").getAsBoolean()).isEqualTo(ignoreMerges);
    }
}
