package io.edgerouter.engine.model;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.TinyFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {

    @TempDir
    Path dir;

    @Test
    void readsTheGeneratedConfigAndMergesEosIdsFromGenerationConfig() {
        ModelConfig c = ModelConfig.read(TinyFixture.pair().target());
        assertThat(c.modelType()).isEqualTo("llama");
        assertThat(c.numLayers()).isEqualTo(TinyFixture.SPEC.layers());
        assertThat(c.numKvHeads()).isEqualTo(TinyFixture.SPEC.kvHeads());
        assertThat(c.eosTokenIds()).containsExactlyInAnyOrder(256, 258);
    }

    @Test
    void defaultsKvHeadsToHeadsWhenAbsent() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"num_hidden_layers\":2,\"num_attention_heads\":4,"
                + "\"hidden_size\":32,\"vocab_size\":10,\"max_position_embeddings\":64,\"eos_token_id\":3}");
        ModelConfig c = ModelConfig.read(dir);
        assertThat(c.numKvHeads()).isEqualTo(4);
        assertThat(c.headDim()).isEqualTo(8);
        assertThat(c.eosTokenIds()).containsExactly(3);
    }

    @Test
    void reportsTheRopeScalingTypeInHfsCurrentAndOlderSpellingAndDefaultWithoutOne() throws IOException {
        String base = "{\"num_hidden_layers\":2,\"num_attention_heads\":4,\"hidden_size\":32,\"vocab_size\":10,"
                + "\"max_position_embeddings\":64,\"rope_scaling\":";
        Files.writeString(dir.resolve("config.json"), base + "{\"rope_type\":\"llama3\",\"factor\":32.0}}");
        assertThat(ModelConfig.read(dir).ropeScaling()).isEqualTo("llama3");
        Files.writeString(dir.resolve("config.json"), base + "{\"type\":\"linear\",\"factor\":2.0}}");
        assertThat(ModelConfig.read(dir).ropeScaling()).isEqualTo("linear");
        Files.writeString(dir.resolve("config.json"), base + "null}");
        assertThat(ModelConfig.read(dir).ropeScaling()).isEqualTo("default");
    }

    @Test
    void rejectsAConfigWithoutLayerCountNamingTheFields() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"num_attention_heads\":4,\"hidden_size\":32,"
                + "\"vocab_size\":10,\"max_position_embeddings\":64}");
        assertThatThrownBy(() -> ModelConfig.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("num_hidden_layers").hasMessageContaining("layers=0");
    }

    @Test
    void rejectsUnparsableJson() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{not json");
        assertThatThrownBy(() -> ModelConfig.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cannot parse");
    }
}
