package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.chat.EngineTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokenizer.json made from a llama2.c tokenizer.bin, loaded by DJL as the engine loads it, against
 * {@link Llama2cReference} (run.c's algorithm) on both shared tokenizer.bin files: stories260K's 512 pieces and
 * Llama-2's 32000. Needs ../shared/data/models.
 */
class Llama2cConversionTest {

    /** tokenizer.bin files in the shared folder and the vocab_size of the models that use them. */
    private static final Map<String, Integer> FILES = Map.of(
            "stories260K/tok512.bin", 512,
            "tokenizers/llama2-tinyllama/tokenizer.bin", 32000);

    private static final Map<String, Converted> CONVERTED = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    /** One file converted and loaded, beside its reference. */
    private record Converted(Llama2cReference reference, EngineTokenizer tokenizer) {
    }

    /** A text, shown escaped so that whitespace cases are readable in the report. */
    record Case(String file, String text) {
        @Override
        public String toString() {
            return file + " \"" + text.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
        }
    }

    private static Converted converted(String file) {
        return CONVERTED.computeIfAbsent(file, name -> {
            Path bin = SharedModels.file(name);
            Path out = dir.resolve(name.replace('/', '_'));
            ImportedTokenizer.fromLlama2c(bin, FILES.get(name)).writeTo(out);
            return new Converted(Llama2cReference.load(bin), EngineTokenizer.load(out));
        });
    }

    @AfterAll
    static void closeTokenizers() {
        CONVERTED.values().forEach(c -> c.tokenizer().close());
    }

    static Stream<Case> cases() {
        List<String> texts = new ArrayList<>(TokenizerCases.table());
        texts.addAll(TokenizerCases.withNoBreakSpace());
        texts.addAll(TokenizerCases.vectorInputs("ggml-vocab-llama-spm.gguf"));
        return FILES.keySet().stream().sorted().flatMap(file -> texts.stream().map(text -> new Case(file, text)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodesEveryTextToTheIdsOfLlama2cRunC(Case c) {
        Converted converted = converted(c.file());
        assertThat(ids(converted.tokenizer().encode(c.text()))).isEqualTo(converted.reference().encode(c.text()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesBosAndTheIdsLikeRunCBackToTheText(Case c) {
        Converted converted = converted(c.file());
        List<Integer> withBos = new ArrayList<>(List.of(1));
        withBos.addAll(converted.reference().encode(c.text()));
        String decoded = converted.tokenizer().decode(withBos.stream().mapToInt(Integer::intValue).toArray());
        assertThat(decoded).isEqualTo(converted.reference().decode(withBos)).isEqualTo(c.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K/tok512.bin", "tokenizers/llama2-tinyllama/tokenizer.bin"})
    void readsALiteralMetaSymbolAsASpaceWhereRunCFallsBackToItsBytes(String file) {
        Converted converted = converted(file);
        assertThat(ids(converted.tokenizer().encode("a\u2581b"))).isEqualTo(converted.reference().encode("a b"));
        // run.c: the dummy prefix, then U+2581's three UTF-8 bytes as byte pieces (byte + 3)
        assertThat(converted.reference().encode("\u2581")).hasSize(4).endsWith(0xE2 + 3, 0x96 + 3, 0x81 + 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K/tok512.bin", "tokenizers/llama2-tinyllama/tokenizer.bin"})
    void turnsTheTextOfAControlTokenIntoThatOneTokenAsHfDoes(String file) {
        Converted converted = converted(file);
        List<Integer> hello = converted.reference().encode("Hello");
        List<Integer> expected = new ArrayList<>(List.of(1));
        expected.addAll(hello);
        expected.add(2);
        assertThat(ids(converted.tokenizer().encode("<s>Hello</s>"))).isEqualTo(expected);
        assertThat(converted.tokenizer().decode(new int[] {1, 0, 2})).isEmpty();
    }

    private static List<Integer> ids(int[] ids) {
        return Arrays.stream(ids).boxed().collect(Collectors.toList());
    }
}
