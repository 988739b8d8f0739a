package io.edgerouter.router.scorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgerouter.router.Router;
import io.edgerouter.router.calibration.OnlineCalibrator;
import io.edgerouter.router.calibration.ScoreQuantiles;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.SentenceEncoder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsFileTest {

    private static ScoringModel tiny() {
        int d = 2 + LexicalFeatures.DIMENSION;
        float[] mean = new float[d], scale = new float[d], w = new float[d];
        java.util.Arrays.fill(scale, 1f);
        w[0] = 2f; // only the first embedding dimension matters
        return new ScoringModel("tiny-1", LexicalFeatures.NAMES, 2, 8, 0, mean, scale,
                List.of(new DenseLayer(d, 1, w, new float[] {0f}, Activation.IDENTITY)), 1.0, 0.0, Map.of("k", "v"));
    }

    private static ScoringModel read(String json) {
        return WeightsFile.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void roundTripsAndScores(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        WeightsFile.write(tiny(), f);
        ScoringModel back = WeightsFile.read(f);
        assertThat(back.version()).isEqualTo("tiny-1");
        assertThat(back.metadata()).containsEntry("k", "v");
        LearnedScorer s = new LearnedScorer(back);
        float[] lex = LexicalFeatures.extract("hello");
        double high = s.score(new Features("hello", lex, new float[] {1f, 0f}, null));
        double low = s.score(new Features("hello", lex, new float[] {-1f, 0f}, null));
        assertThat(high).isGreaterThan(0.85).isLessThan(1.0);
        assertThat(low).isLessThan(0.15);
    }

    @Test
    void recordsTheEncoderDepthAndReadsOldFilesAsTheFullModel(@TempDir Path dir) throws Exception {
        ScoringModel t = tiny();
        ScoringModel three = new ScoringModel(t.version(), t.lexicalNames(), t.embeddingDim(), t.windowHead(),
                t.windowTail(), 3, t.mean(), t.scale(), t.layers(), t.calibA(), t.calibB(), t.metadata());
        Path f = dir.resolve("w.json");
        WeightsFile.write(three, f);
        assertThat(WeightsFile.read(f).encoderLayers()).isEqualTo(3);
        String old = Files.readString(f).replace(",\"layers\":3}", "}");
        assertThat(old).doesNotContain("\"layers\":3");
        assertThat(read(old).encoderLayers()).isEqualTo(6);
        String deep = Files.readString(f).replace("\"layers\":3}", "\"layers\":9}");
        assertThatThrownBy(() -> read(deep)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("encoder layers must be in [1, 6], got 9");
    }

    @Test
    void rejectsALayerOfTheWrongDimension(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        WeightsFile.write(tiny(), f);
        String json = Files.readString(f).replaceFirst("\"embedding_dim\":2", "\"embedding_dim\":3");
        assertThatThrownBy(() -> read(json)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("mean/scale hold " + (2 + LexicalFeatures.DIMENSION) + "/"
                        + (2 + LexicalFeatures.DIMENSION) + " numbers, input dimension is " + (3 + LexicalFeatures.DIMENSION));
    }

    @Test
    void rejectsNaNWhetherAsLiteralOrString(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        WeightsFile.write(tiny(), f);
        String json = Files.readString(f);
        String nanString = json.replaceFirst("\"bias\":\\[0\\.0\\]", "\"bias\":[\"NaN\"]");
        assertThat(nanString).isNotEqualTo(json);
        assertThatThrownBy(() -> read(nanString)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("bias[0]").hasMessageContaining("finite");
        String nanLiteral = json.replaceFirst("\"bias\":\\[0\\.0\\]", "\"bias\":[NaN]");
        assertThatThrownBy(() -> read(nanLiteral)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsWrongFormatTagUnknownFeaturesAndGarbage() {
        assertThatThrownBy(() -> read("{\"format\":\"other/9\"}")).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("expected 'edgerouter-router-weights/1'");
        assertThatThrownBy(() -> read("{\"format\":\"edgerouter-router-weights/1\",\"lexical_features\":[\"shoe_size\"]}"))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining("shoe_size");
        assertThatThrownBy(() -> read("not json")).isInstanceOf(WeightsFormatException.class);
        assertThatThrownBy(() -> read("[]")).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("JSON object");
    }

    @Test
    void scorerRejectsAnEmbeddingOfTheWrongWidth() {
        LearnedScorer s = new LearnedScorer(tiny());
        Features f = new Features("x", LexicalFeatures.extract("x"), new float[384], null);
        assertThatThrownBy(() -> s.score(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("384 dims").hasMessageContaining("expects 2");
    }

    @Test
    void aRouterRefusesAnEncoderOfAnotherWidthAtStartUp() {
        SentenceEncoder wide = new SentenceEncoder() {
            @Override
            public int dimension() {
                return 384;
            }

            @Override
            public float[] embed(String text) {
                return new float[384];
            }

            @Override
            public void close() {
            }
        };
        ScoreQuantiles q = new ScoreQuantiles(new double[] {0.5});
        assertThatThrownBy(() -> new Router(new LearnedScorer(tiny()), wide, new OnlineCalibrator(q), null))
                .isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("expects 2-dim embeddings, the encoder makes 384");
    }

    @Test
    void rejectsInfinityAndANonPositiveScaleAndCalibration(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("w.json");
        WeightsFile.write(tiny(), f);
        String json = Files.readString(f);
        String huge = json.replaceFirst("\"bias\":\\[0\\.0\\]", "\"bias\":[1e999]");
        assertThatThrownBy(() -> read(huge)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("bias[0]").hasMessageContaining("finite");
        String zeroScale = json.replaceFirst("\"scale\":\\[1\\.0", "\"scale\":[0.0");
        assertThat(zeroScale).isNotEqualTo(json);
        assertThatThrownBy(() -> read(zeroScale)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("scale[0] is 0.0");
        String badCalibration = json.replaceFirst("\"a\":1\\.0", "\"a\":-1.0");
        assertThatThrownBy(() -> read(badCalibration)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("a > 0");
    }

    @Test
    void committedWeightsLoadAndAreSmall() throws Exception {
        ScoringModel m = WeightsFile.loadDefault();
        assertThat(m.usesTokenTable()).isTrue();
        assertThat(m.embeddingDim()).isEqualTo(1);
        assertThat(WeightsFile.loadResource(WeightsFile.MINILM_RESOURCE).embeddingDim()).isEqualTo(384);
        assertThat(m.metadata()).containsKeys("score_quantiles", "recipe", "lofo", "training_families");
        assertThat(WeightsFile.loadResource(WeightsFile.MINILM_RESOURCE).metadata()).containsKeys("score_quantiles",
                "held_out_subjects", "cv_apgr");
        for (String resource : List.of(WeightsFile.DEFAULT_RESOURCE, WeightsFile.MINILM_RESOURCE)) {
            try (var in = WeightsFile.class.getResourceAsStream(resource)) {
                assertThat(in.readAllBytes().length).isLessThan(1_000_000);
            }
        }
    }

    private static ScoringModel tinyStatic() {
        float[] weight = {0f, 1f, 2f, 1f}, score = {5f, -1f, 0.5f, 3f};
        return new ScoringModel("tiny-static", List.of(), 1, 0, 0, 6, new float[] {0f}, new float[] {1f},
                List.of(new DenseLayer(1, 1, new float[] {1f}, new float[] {-0.25f}, Activation.IDENTITY)), 1.0, 0.0,
                Map.of(), new io.edgerouter.router.feature.TokenTable(weight, score));
    }

    @Test
    void tokenTableRoundTripsExactly(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        WeightsFile.write(tinyStatic(), f);
        ScoringModel back = WeightsFile.read(f);
        assertThat(back.usesTokenTable()).isTrue();
        assertThat(back.tokens()).isEqualTo(tinyStatic().tokens());
        // pieces 1 and 2: (1·(−1) + 2·0.5) / 3 = 0; piece 0 weighs nothing
        assertThat(back.tokens().mean(new int[] {0, 1, 2})).isEqualTo(0.0);
        assertThat(back.tokens().mean(new int[] {3})).isEqualTo(3.0);
        assertThat(back.tokens().mean(new int[0])).isEqualTo(0.0);
        assertThatThrownBy(() -> back.tokens().mean(new int[] {4})).hasMessageContaining("word piece id 4");
    }

    @Test
    void badTokenTablesAreRejectedByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.json");
        WeightsFile.write(tinyStatic(), f);
        String ok = Files.readString(f);
        assertThatThrownBy(() -> read(ok.replace("\"pieces\":4", "\"pieces\":5")))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining("token_table.weight holds 4 floats, pieces is 5");
        assertThatThrownBy(() -> read(ok.replace("\"encoding\":\"float32-le-base64\"", "\"encoding\":\"csv\"")))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining("token_table.encoding");
        String nan = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(16)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(Float.NaN).putFloat(0f).putFloat(0f).array());
        String withNan = ok.replaceFirst("\"score\":\"[^\"]*\"", "\"score\":\"" + nan + "\"");
        assertThatThrownBy(() -> read(withNan)).isInstanceOf(WeightsFormatException.class)
                .hasMessageContaining("score[1] is NaN");
        assertThatThrownBy(() -> read(ok.replaceFirst("\"weight\":\"[^\"]*\"", "\"weight\":\"%%%\"")))
                .isInstanceOf(WeightsFormatException.class).hasMessageContaining("token_table.weight is not base64");
        assertThatThrownBy(() -> read(ok.replace("\"embedding_dim\":1", "\"embedding_dim\":2")))
                .isInstanceOf(WeightsFormatException.class);
    }
}
