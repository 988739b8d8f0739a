package io.edgerouter.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the shared models are looked for, and what a clone without them is told. */
class SharedModelsTest {

    @TempDir
    Path tmp;

    private String models;
    private String data;

    @BeforeEach
    void save() {
        models = System.getProperty("edge.shared.models");
        data = System.getProperty("edge.shared.data");
    }

    @AfterEach
    void restore() {
        set("edge.shared.models", models);
        set("edge.shared.data", data);
    }

    @Test
    void anAbsentFolderSkipsWithOneLineNamingItsAbsolutePath() {
        set("edge.shared.models", null);
        set("edge.shared.data", tmp.resolve("no-such").toString());
        Path expected = tmp.resolve("no-such/models");
        assertThat(SharedModels.location()).isEqualTo(expected);
        assertThatThrownBy(SharedModels::dir).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("skipped: " + expected + " is absent").hasMessageNotContaining("\n");
        assertThat(new SharedModelsCondition().evaluateExecutionCondition(null).isDisabled()).isTrue();
    }

    @Test
    void theModelsPropertyWinsOverTheDataFolderAndAMissingFileInAPresentFolderFails() throws IOException {
        Path models = Files.createDirectories(tmp.resolve("elsewhere"));
        set("edge.shared.data", tmp.resolve("no-such").toString());
        set("edge.shared.models", models.toString());
        assertThat(SharedModels.dir()).isEqualTo(models);
        assertThat(SharedModels.absence()).isEmpty();
        assertThat(new SharedModelsCondition().evaluateExecutionCondition(null).isDisabled()).isFalse();
        assertThatThrownBy(() -> SharedModels.file("stories260K/stories260K.bin")).isInstanceOf(AssertionError.class)
                .hasMessageContaining(models.resolve("stories260K/stories260K.bin").toString());
    }

    @Test
    void withoutPropertiesItIsTheSharedFolderBesideTheClone() {
        set("edge.shared.models", null);
        set("edge.shared.data", null);
        assertThat(SharedModels.location()).isEqualTo(Path.of("../../shared/data/models").toAbsolutePath().normalize());
    }

    private static void set(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
