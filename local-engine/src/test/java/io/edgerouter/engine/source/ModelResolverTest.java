package io.edgerouter.engine.source;

import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.model.EngineLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelResolverTest {

    @TempDir
    Path dir;

    private final ModelResolver resolver = ModelResolver.standard();

    /** A transformers.js repository: config and tokenizer on top, graphs under onnx/ (here all the tiny model). */
    private Path transformersJs(String... graphs) throws IOException {
        Path target = TinyFixture.pair().target();
        Files.createDirectories(dir.resolve("onnx"));
        for (String f : List.of("config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(target.resolve(f), dir.resolve(f));
        }
        for (String g : graphs) {
            Files.copy(target.resolve("model.onnx"), dir.resolve("onnx").resolve(g));
        }
        return dir;
    }

    @Test
    void findsAnOptimumDirectory() {
        List<ResolvedModel> r = resolver.resolve(ModelSource.of(TinyFixture.pair().target()), dir);
        assertThat(r).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ModelKind.OPTIMUM);
            assertThat(m.graph().getFileName()).hasToString("model.onnx");
            assertThat(m.tokenizerConfig()).isPresent();
        });
    }

    @Test
    void picksTheRequestedDtypeOfATransformersJsDirectory() throws IOException {
        Path repo = transformersJs("model.onnx", "model_q4.onnx", "model_fp16.onnx");
        List<ResolvedModel> r = resolver.resolve(ModelSource.of(repo).withDtype("fp16"), dir);
        assertThat(r).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ModelKind.TRANSFORMERS_JS);
            assertThat(m.graph()).isEqualTo(repo.resolve("onnx/model_fp16.onnx"));
            assertThat(m.tokenizerJson()).isEqualTo(repo.resolve("tokenizer.json"));
        });
    }

    @Test
    void withoutADtypeTriesFp32ActivationGraphsBeforeFp16Ones() throws IOException {
        Path repo = transformersJs("model_q4f16.onnx", "model.onnx", "model_quantized.onnx");
        Files.write(repo.resolve("onnx/model.onnx_data"), new byte[4096]); // fp32 weights: the biggest
        List<Path> graphs = resolver.resolve(ModelSource.of(repo), dir).stream().map(ResolvedModel::graph).toList();
        assertThat(graphs).extracting(p -> p.getFileName().toString())
                .containsExactly("model_quantized.onnx", "model.onnx", "model_q4f16.onnx");
    }

    @Test
    void aTransformersJsDirectoryRunsThroughTheEngine() throws IOException {
        Path repo = transformersJs("model_q4.onnx");
        try (LocalEngine engine = LocalEngine.open(new LocalEngine.Options(ModelSource.of(repo), null,
                EngineLimits.unlimited(), 1, dir))) {
            assertThat(engine.target().kind()).isEqualTo(ModelKind.TRANSFORMERS_JS);
            assertThat(engine.chatPrompt(List.of(new io.edgerouter.engine.chat.ChatMessage("user", "hi")))).isNotEmpty();
        }
    }

    @Test
    void aMissingDtypeNamesTheFileAndWhatIsThere() throws IOException {
        Path repo = transformersJs("model.onnx");
        assertThatThrownBy(() -> resolver.resolve(ModelSource.of(repo).withDtype("q4"), dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("onnx/model_q4.onnx")
                .hasMessageContaining("holds model.onnx");
        assertThatThrownBy(() -> resolver.resolve(ModelSource.of(repo).withDtype("int3"), dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("unknown dtype 'int3'")
                .hasMessageContaining("q4f16");
    }

    @Test
    void findsAnOnnxRuntimeGenaiFolderByItsConfig() {
        Path genai = SharedModels.file("onnx/ort-genai-tiny-random-gpt2-fp32");
        assertThat(resolver.resolve(ModelSource.of(genai), dir)).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ModelKind.ORT_GENAI);
            assertThat(m.graph().getFileName()).hasToString("past.onnx");
            assertThat(m.names().combined()).isTrue();
            assertThat(m.names().pastKey()).isEqualTo("past_%d");
            assertThat(m.config().numLayers()).isEqualTo(5);
            assertThat(m.config().maxPositions()).isEqualTo(512);
            assertThat(m.config().eosTokenIds()).containsExactly(98);
        });
    }

    @Test
    void anUnknownFileNamesItsFirstBytesAndTheFormatsExpected() throws IOException {
        Path file = Files.writeString(dir.resolve("weights.safetensors"), "{\"__metadata__\":{}}");
        assertThatThrownBy(() -> resolver.resolve(ModelSource.of(file), dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("7b225f5f").hasMessageContaining("GGUF").hasMessageContaining("llama2.c");
    }

    @Test
    void anEmptyDirectorySaysWhatLayoutsAreRead() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> resolver.resolve(ModelSource.of(empty), dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("holds no files").hasMessageContaining("transformers.js");
        assertThatThrownBy(() -> resolver.resolve(ModelSource.of(dir.resolve("absent")), dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("does not exist");
    }

    @Test
    void anotherModelsTokenizerFailsStartUpNamingBothSizes() {
        Path llamaTokenizer = SharedModels.file("onnx/ort-genai-tiny-random-llama-fp16/tokenizer.json");
        ModelSource source = new ModelSource(TinyFixture.pair().target(), Optional.empty(), Optional.of(llamaTokenizer));
        assertThatThrownBy(() -> LocalEngine.open(new LocalEngine.Options(source, null, null, 1, dir)))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("ids up to 31999")
                .hasMessageContaining("vocabulary of 259");
    }
}
