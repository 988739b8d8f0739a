package io.edgerouter.engine.tokenizer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.SharedModels;
import io.edgerouter.engine.chat.EngineTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The llama2.c import's ids and config, and writing the two files into a model directory. */
class ImportedTokenizerTest {

    @TempDir
    Path dir;

    private static ImportedTokenizer stories() {
        return ImportedTokenizer.fromLlama2c(SharedModels.file("stories260K/tok512.bin"), 512);
    }

    @Test
    void importsLlama2cWithBos1Eos2AndTheConfigOfItsSpecialTokens() {
        ImportedTokenizer tokenizer = stories();
        assertThat(tokenizer.bosTokenId()).isEqualTo(1);
        assertThat(tokenizer.eosTokenIds()).containsExactly(2);
        assertThat(tokenizer.addBosToken()).isTrue();
        JsonObject config = tokenizer.tokenizerConfig();
        assertThat(config.get("bos_token").getAsString()).isEqualTo("<s>");
        assertThat(config.get("eos_token").getAsString()).isEqualTo("</s>");
        assertThat(config.get("unk_token").getAsString()).isEqualTo("<unk>");
        assertThat(config.get("add_bos_token").getAsBoolean()).isTrue();
        assertThat(config.get("add_eos_token").getAsBoolean()).isFalse();
        assertThat(config.has("model_max_length")).isFalse();
        assertThat(config.has("chat_template")).isFalse();
    }

    @Test
    void statesTheContextLengthWhenGivenWithoutChangingTheOriginal() {
        ImportedTokenizer tokenizer = stories();
        ImportedTokenizer withLength = tokenizer.withModelMaxLength(512);
        assertThat(withLength.tokenizerConfig().get("model_max_length").getAsInt()).isEqualTo(512);
        assertThat(tokenizer.tokenizerConfig().has("model_max_length")).isFalse();
        assertThatThrownBy(() -> tokenizer.withModelMaxLength(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesBothFilesAsUtf8JsonThatReadsBackAndLeavesNoTemporaryFile() throws IOException {
        ImportedTokenizer tokenizer = stories();
        Path model = dir.resolve("model");
        tokenizer.writeTo(model);
        try (Stream<Path> files = Files.list(model)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("tokenizer.json", "tokenizer_config.json"));
        }
        String json = Files.readString(model.resolve("tokenizer.json"), StandardCharsets.UTF_8);
        assertThat(JsonParser.parseString(json)).isEqualTo(tokenizer.tokenizerJson());
        assertThat(json).contains("\"<s>\"").contains("\"\u2581t\"").contains("\"post_processor\": null");
        assertThat(JsonParser.parseString(Files.readString(model.resolve("tokenizer_config.json"))))
                .isEqualTo(tokenizer.tokenizerConfig());
    }

    @Test
    void replacesFilesAlreadyThere() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("tokenizer.json"), "stale");
        stories().writeTo(dir);
        try (EngineTokenizer loaded = EngineTokenizer.load(dir)) {
            assertThat(loaded.encode("Once upon a time")).isNotEmpty();
        }
    }

    @Test
    void reportsADirectoryItCannotWriteNamingIt() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        ImportedTokenizer stories = stories(); // outside the lambda: its skip must not be caught as the failure
        assertThatThrownBy(() -> stories.writeTo(notADirectory)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(notADirectory.toString());
    }

    @Test
    void refusesInconsistentIds() {
        JsonObject json = stories().tokenizerJson();
        JsonObject config = new JsonObject();
        assertThatThrownBy(() -> new ImportedTokenizer(json, config, -1, Set.of(2), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addBosToken");
        assertThatThrownBy(() -> new ImportedTokenizer(json, config, 1, Set.of(-2), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EOS");
        assertThatThrownBy(() -> new ImportedTokenizer(new JsonObject(), config, 1, Set.of(2), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
        assertThat(new ImportedTokenizer(json, config, -1, Set.of(2), false)
                .bosTokenId()).isEqualTo(-1);
    }
}
