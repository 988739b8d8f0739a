package io.edgerouter.engine.imports;

import io.edgerouter.engine.Conversation;
import io.edgerouter.engine.Decoding;
import io.edgerouter.engine.GenerationRequest;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.NeedsSharedModels;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.convert.Llama2cCheckpoint;
import io.edgerouter.engine.convert.LlamaReference;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.model.EngineLimits;
import io.edgerouter.engine.source.ModelKind;
import io.edgerouter.engine.source.ModelSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Karpathy's trained stories260K (llama2.c checkpoint + tok512.bin, ../shared/data/models/stories260K) imported and run
 * through the engine: the published greedy output of llama2.c's run.c, token for token, and speculative decoding that
 * changes nothing, with prompt lookup and with the model's own int4 copy as the draft.
 */
@NeedsSharedModels
class Stories260kTest {

    @TempDir
    static Path imports;

    private static LocalEngine engine;
    private static ModelSource fp32;

    @BeforeAll
    static void open() {
        fp32 = ModelSource.of(SharedModels.file("stories260K/stories260K.bin"))
                .withTokenizer(SharedModels.file("stories260K/tok512.bin"));
        engine = LocalEngine.open(new LocalEngine.Options(fp32, fp32.withDtype("int4"), EngineLimits.unlimited(), 1,
                imports));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static GenerationResult greedyFromBos(Decoding decoding) {
        int[] bos = engine.textPrompt("");
        try (Conversation c = engine.newConversation()) {
            return c.generate(GenerationRequest.of(bos, 256, decoding).withStops(engine.stopTokenIds(), List.of()));
        }
    }

    @Test
    void reproducesLlama2csPublishedGreedyStoryFromBos() throws IOException {
        assertThat(engine.target().kind()).isEqualTo(ModelKind.LLAMA2C);
        assertThat(engine.textPrompt("")).containsExactly(1);
        GenerationResult r = greedyFromBos(Decoding.VANILLA);
        String published = Files.readString(SharedModels.file("stories260K/greedy_from_bos.txt"));
        assertThat(r.tokens()).hasSize(256);
        assertThat(r.text()).isEqualTo(published);
    }

    @Test
    void onnxLogitsMatchThePlainJavaForwardPassOfTheCheckpoint() {
        int[] tokens = engine.textPrompt("Once upon a time, there was a little dog named Max.");
        float[][] expected = new LlamaReference(Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin")))
                .logits(tokens);
        int v = engine.target().vocabSize();
        try (KvCache cache = engine.target().newCache()) {
            float[] actual = engine.target().forward(tokens, cache, tokens.length); // (seq, vocab)
            float worst = 0;
            for (int t = 0; t < tokens.length; t++) {
                for (int i = 0; i < v; i++) {
                    worst = Math.max(worst, Math.abs(actual[t * v + i] - expected[t][i]));
                }
            }
            assertThat(worst).isLessThan(1e-4f);
        }
    }

    @Test
    void speculativeDecodingIsLosslessWithPromptLookupAndWithItsOwnInt4Copy() {
        int[] vanilla = greedyFromBos(Decoding.VANILLA).tokens();
        assertThat(greedyFromBos(Decoding.PROMPT_LOOKUP).tokens()).containsExactly(vanilla);
        GenerationResult drafted = greedyFromBos(Decoding.DRAFT_MODEL);
        assertThat(drafted.tokens()).containsExactly(vanilla);
        double acceptance = (double) drafted.accepted() / drafted.drafted();
        System.out.printf("stories260K int4 draft for fp32: drafted %d, accepted %d (%.3f), %d target passes%n",
                drafted.drafted(), drafted.accepted(), acceptance, drafted.rounds());
        assertThat(acceptance).as("an int4 copy agrees with its original most of the time").isGreaterThan(0.5);
    }

    @Test
    void findsTok512BesideTheCheckpointWithoutATokenizerSetting() {
        ModelSource alone = ModelSource.of(SharedModels.file("stories260K/stories260K.bin"));
        try (LocalEngine found = LocalEngine.open(new LocalEngine.Options(alone, null, null, 1, imports))) {
            assertThat(found.textPrompt("Lily")).containsExactly(engine.textPrompt("Lily"));
        }
    }

    @Test
    void aCheckpointWithoutATokenizerSaysWhichFileItNeeds(@TempDir Path lonely) throws IOException {
        Path copy = Files.copy(SharedModels.file("stories260K/stories260K.bin"), lonely.resolve("stories260K.bin"));
        assertThatThrownBy(() -> LocalEngine.open(new LocalEngine.Options(ModelSource.of(copy), null, null, 1,
                imports))).isInstanceOf(ModelLoadException.class).hasMessageContaining("llama2.c checkpoint")
                .hasMessageContaining("tok512.bin").hasMessageContaining("edge.engine.tokenizer");
    }

    @Test
    void aCorruptCheckpointFailsNamingTheFileAndLeavesNoImportBehind(@TempDir Path bad) throws IOException {
        byte[] all = Files.readAllBytes(SharedModels.file("stories260K/stories260K.bin"));
        Path cut = Files.write(bad.resolve("stories260K.bin"), java.util.Arrays.copyOf(all, all.length - 540));
        Path cache = bad.resolve("imports");
        ModelSource source = ModelSource.of(cut).withTokenizer(SharedModels.file("stories260K/tok512.bin"));
        assertThatThrownBy(() -> LocalEngine.open(new LocalEngine.Options(source, null, null, 1, cache)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("stories260K.bin")
                .hasMessageContaining("1056540");
        try (var left = Files.list(cache)) {
            assertThat(left.filter(Files::isDirectory).toList()).as("no half-written import").isEmpty();
        }
    }

    @Test
    void aSecondOpenReusesTheImportAndAChangedDtypeImportsAgain() throws IOException {
        long dirs;
        try (var list = Files.list(imports)) {
            dirs = list.filter(Files::isDirectory).count();
        }
        assertThat(dirs).as("fp32 and int4 imports").isEqualTo(2);
        long start = System.nanoTime();
        try (LocalEngine again = LocalEngine.open(new LocalEngine.Options(fp32, null, null, 1, imports))) {
            assertThat(again.target().directory()).isEqualTo(engine.target().directory());
        }
        assertThat((System.nanoTime() - start) / 1e9).as("no conversion the second time").isLessThan(5);
    }
}
