package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.NeedsSharedModels;
import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reads the real stories260K.bin (from ../shared/data/models) and corrupted copies of it in a temp dir. */
@NeedsSharedModels
class Llama2cCheckpointTest {

    private static final int DIM = 64;
    private static final int HIDDEN = 172;
    private static final int LAYERS = 5;
    private static final int KV_DIM = 32;
    private static final int VOCAB = 512;
    private static final int SEQ = 512;

    private static byte[] original;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readOriginal() throws IOException {
        original = Files.readAllBytes(SharedModels.file("stories260K/stories260K.bin"));
    }

    @Test
    void stories260kHeaderGivesTheConfigTheSharedReadmeDescribes() {
        LlamaConfig c = Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin")).config();
        assertThat(c).isEqualTo(new LlamaConfig("llama2.c", 512, 64, 172, 5, 8, 4, 8, 8, 512, 10000.0,
                LlamaConfig.RopeStyle.INTERLEAVED, 1e-5, false, true, 1, 2));
    }

    @Test
    void everyTensorComesFromItsOffsetInRunCsMemoryMap() {
        Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin"));
        Map<String, Integer> at = runCOffsets();
        assertThat(ckpt.version()).isZero();
        assertThat(ckpt.tokenEmbedding()).isEqualTo(floats(at.get("token_embedding"), VOCAB * DIM));
        assertThat(ckpt.norm("output_norm")).isEqualTo(floats(at.get("rms_final"), DIM));
        for (int l = 0; l < LAYERS; l++) {
            String p = "blk." + l + ".";
            assertThat(ckpt.norm(p + "attn_norm")).isEqualTo(floats(at.get("rms_att") + l * DIM * 4, DIM));
            assertThat(ckpt.norm(p + "ffn_norm")).isEqualTo(floats(at.get("rms_ffn") + l * DIM * 4, DIM));
            assertDense(ckpt.linear(p + "attn_q"), DIM, DIM, at.get("wq") + l * DIM * DIM * 4);
            assertDense(ckpt.linear(p + "attn_k"), KV_DIM, DIM, at.get("wk") + l * KV_DIM * DIM * 4);
            assertDense(ckpt.linear(p + "attn_v"), KV_DIM, DIM, at.get("wv") + l * KV_DIM * DIM * 4);
            assertDense(ckpt.linear(p + "attn_output"), DIM, DIM, at.get("wo") + l * DIM * DIM * 4);
            assertDense(ckpt.linear(p + "ffn_gate"), HIDDEN, DIM, at.get("w1") + l * HIDDEN * DIM * 4);
            assertDense(ckpt.linear(p + "ffn_down"), DIM, HIDDEN, at.get("w2") + l * HIDDEN * DIM * 4);
            assertDense(ckpt.linear(p + "ffn_up"), HIDDEN, DIM, at.get("w3") + l * HIDDEN * DIM * 4);
        }
    }

    @Test
    void aNegativeVocabSizeMeansASeparateClassifierAfterTheRopeTables() throws IOException {
        float[] wcls = new float[VOCAB * DIM]; // (vocab, dim)
        for (int i = 0; i < wcls.length; i++) {
            wcls[i] = i * 1e-4f;
        }
        byte[] bytes = concat(withInt(original, 20, -VOCAB), littleEndian(wcls));
        Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(write("untied.bin", bytes));
        assertThat(ckpt.config().tiedEmbeddings()).isFalse();
        assertThat(ckpt.config().vocabSize()).isEqualTo(VOCAB);
        assertDense(ckpt.linear("output"), VOCAB, DIM, wcls);
    }

    @Test
    void version1ExportHoldsTheSameTensorsInItsOwnOrder() throws IOException {
        Map<String, Integer> at = runCOffsets();
        ByteBuffer header = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x616b3432).putInt(1).put(original, 0, 28).put((byte) 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        int[] sizes = {LAYERS * DIM, LAYERS * DIM, DIM, VOCAB * DIM, LAYERS * DIM * DIM, LAYERS * KV_DIM * DIM,
            LAYERS * KV_DIM * DIM, LAYERS * DIM * DIM, LAYERS * HIDDEN * DIM, LAYERS * HIDDEN * DIM,
            LAYERS * HIDDEN * DIM};
        String[] order = {"rms_att", "rms_ffn", "rms_final", "token_embedding", "wq", "wk", "wv", "wo", "w1", "w2",
            "w3"};
        for (int i = 0; i < order.length; i++) {
            out.write(original, at.get(order[i]), sizes[i] * 4);
        }
        Llama2cCheckpoint v1 = Llama2cCheckpoint.open(write("v1.bin", out.toByteArray()));
        Llama2cCheckpoint v0 = Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin"));
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.config()).isEqualTo(v0.config());
        assertThat(v1.tokenEmbedding()).isEqualTo(v0.tokenEmbedding());
        assertThat(v1.norm("blk.3.ffn_norm")).isEqualTo(v0.norm("blk.3.ffn_norm"));
        assertThat(v1.norm("output_norm")).isEqualTo(v0.norm("output_norm"));
        for (String name : new String[] {"blk.0.attn_q", "blk.4.attn_v", "blk.2.ffn_down", "blk.1.ffn_up"}) {
            assertThat(((Linear.Dense) v1.linear(name)).values()).as(name)
                    .isEqualTo(((Linear.Dense) v0.linear(name)).values());
        }
    }

    @Test
    void aTruncatedFileNamesTheHeaderAndBothSizes() throws IOException {
        Path file = write("stories260K.bin", java.util.Arrays.copyOf(original, 1056000));
        assertThatThrownBy(() -> Llama2cCheckpoint.open(file)).isInstanceOf(ModelLoadException.class)
                .hasMessage("stories260K.bin: header (dim 64, hidden 172, 5 layers, 8 heads, 4 kv heads, vocab 512"
                        + " shared, seq 512) needs 1056540 bytes, file has 1056000");
    }

    @Test
    void anOversizedFileIsRejected() throws IOException {
        Path file = write("stories260K.bin", concat(original, new byte[4]));
        assertThatThrownBy(() -> Llama2cCheckpoint.open(file)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("needs 1056540 bytes, file has 1056544");
    }

    @Test
    void zeroOrNegativeDimensionsNameTheField() throws IOException {
        Path zeroDim = write("zero.bin", withInt(original, 0, 0));
        Path negativeLayers = write("negative.bin", withInt(original, 8, -5));
        Path zeroSeq = write("seq.bin", withInt(original, 24, 0));
        assertThatThrownBy(() -> Llama2cCheckpoint.open(zeroDim))
                .hasMessage("zero.bin: header field dim is 0, expected > 0");
        assertThatThrownBy(() -> Llama2cCheckpoint.open(negativeLayers))
                .hasMessage("negative.bin: header field n_layers is -5, expected > 0");
        assertThatThrownBy(() -> Llama2cCheckpoint.open(zeroSeq))
                .hasMessage("seq.bin: header field seq_len is 0, expected > 0");
    }

    @Test
    void headsThatDoNotDivideTheWidthAreRejected() throws IOException {
        Path heads = write("heads.bin", withInt(original, 12, 7));
        Path kvHeads = write("kv.bin", withInt(original, 16, 3));
        assertThatThrownBy(() -> Llama2cCheckpoint.open(heads)).isInstanceOf(ModelLoadException.class)
                .hasMessage("heads.bin: header n_heads 7 must divide dim 64");
        assertThatThrownBy(() -> Llama2cCheckpoint.open(kvHeads)).isInstanceOf(ModelLoadException.class)
                .hasMessage("kv.bin: header n_kv_heads 3 must divide n_heads 8");
    }

    @Test
    void aShortFileAndUnsupportedExportVersionsAreRejected() throws IOException {
        Path tiny = write("short.bin", new byte[10]);
        ByteBuffer v2 = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN).putInt(0x616b3432).putInt(2);
        ByteBuffer v7 = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN).putInt(0x616b3432).putInt(7);
        Path q8 = write("q80.bin", v2.array());
        Path future = write("v7.bin", v7.array());
        assertThatThrownBy(() -> Llama2cCheckpoint.open(tiny))
                .hasMessage("short.bin: 10 bytes is too short for a llama2.c header (28 bytes)");
        assertThatThrownBy(() -> Llama2cCheckpoint.open(q8)).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("q80.bin: llama2.c export version 2 (int8 Q8_0 weights) is not supported");
        assertThatThrownBy(() -> Llama2cCheckpoint.open(future))
                .hasMessage("v7.bin: llama2.c magic \"ak42\" with version 7, expected 1 (fp32)");
    }

    @Test
    void unknownTensorsAndMissingPiecesNameWhatWasAskedFor() {
        Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(SharedModels.file("stories260K/stories260K.bin"));
        assertThatThrownBy(() -> ckpt.linear("blk.5.attn_q")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("'blk.5.attn_q'").hasMessageContaining("[0, 5)");
        assertThatThrownBy(() -> ckpt.linear("output")).hasMessageContaining("no separate classifier");
        assertThatThrownBy(() -> ckpt.norm("blk.0.attn_q")).hasMessageContaining("no norm tensor 'blk.0.attn_q'");
        assertThatThrownBy(() -> ckpt.bias("blk.0.attn_q")).hasMessageContaining("no biases");
    }

    /** Byte offsets of each group, following run.c's memory_map_weights pointer walk (header of 7 int32 first). */
    private static Map<String, Integer> runCOffsets() {
        int headSize = DIM / 8;
        Object[][] walk = {{"token_embedding", VOCAB * DIM}, {"rms_att", LAYERS * DIM}, {"wq", LAYERS * DIM * DIM},
            {"wk", LAYERS * DIM * KV_DIM}, {"wv", LAYERS * DIM * KV_DIM}, {"wo", LAYERS * DIM * DIM},
            {"rms_ffn", LAYERS * DIM}, {"w1", LAYERS * DIM * HIDDEN}, {"w2", LAYERS * HIDDEN * DIM},
            {"w3", LAYERS * DIM * HIDDEN}, {"rms_final", DIM}, {"freq_cis_real", SEQ * headSize / 2},
            {"freq_cis_imag", SEQ * headSize / 2}};
        Map<String, Integer> offsets = new LinkedHashMap<>();
        int floatsSoFar = 7;
        for (Object[] step : walk) {
            offsets.put((String) step[0], floatsSoFar * 4);
            floatsSoFar += (Integer) step[1];
        }
        assertThat(floatsSoFar * 4).as("run.c's walk ends at the file size").isEqualTo(original.length);
        return offsets;
    }

    private static float[] floats(int byteOffset, int count) {
        float[] out = new float[count];
        ByteBuffer.wrap(original, byteOffset, count * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static void assertDense(Linear linear, int rows, int cols, int byteOffset) {
        assertDense(linear, rows, cols, floats(byteOffset, rows * cols));
    }

    private static void assertDense(Linear linear, int rows, int cols, float[] values) {
        assertThat(linear).isInstanceOf(Linear.Dense.class);
        assertThat(linear.rows()).isEqualTo(rows);
        assertThat(linear.cols()).isEqualTo(cols);
        assertThat(((Linear.Dense) linear).values()).isEqualTo(values);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
