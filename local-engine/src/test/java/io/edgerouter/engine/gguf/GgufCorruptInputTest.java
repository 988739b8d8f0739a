package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Broken files fail with a {@link ModelLoadException} that names the file, the byte offset and the field, and never
 * with an IndexOutOfBounds/BufferUnderflow from inside the reader. Byte offsets in the fixtures are worked out from
 * the v3 layout: 24-byte header (magic, version, u64 tensor count, u64 kv count), then u64-length strings.
 */
class GgufCorruptInputTest {

    @TempDir
    Path dir;

    /** 24: key length 20, 32: "general.architecture", 52: type 8 (string), 56: length 5, 64: "llama"; 69 bytes. */
    private static byte[] oneString() {
        return new GgufWriter().putString("general.architecture", "llama").toBytes();
    }

    /** 24: key length 21, 32: "tokenizer.ggml.scores", 53: type 9, 57: element type 6, 61: count 3, 69: data. */
    private static byte[] oneArray() {
        return new GgufWriter().putArray("tokenizer.ggml.scores", GgufValueType.F32, List.of(1f, 2f, 3f)).toBytes();
    }

    /**
     * No keys; 24: name length 19, 32: "blk.0.attn_q.weight", 51: n_dims 2, 55: ne[0] 4, 63: ne[1] 2, 71: type 0,
     * 75: offset 0, 83: end of the infos, 96: data start (aligned to 32), 32 bytes of f32 data: 128 bytes.
     */
    private static byte[] oneTensor() {
        return new GgufWriter().tensor("blk.0.attn_q.weight", GgufType.F32, new long[] {4, 2}, new float[8])
                .toBytes();
    }

    @Test
    void theFixturesHaveTheLayoutTheTestsAssume() {
        assertThat(oneString()).hasSize(69);
        assertThat(oneArray()).hasSize(81);
        byte[] t = oneTensor();
        assertThat(t).hasSize(128);
        assertThat(GgufFile.open(write("t.gguf", t)).metadataEnd()).isEqualTo(83);
    }

    @Test
    void rejectsAMissingFileNamingIt() {
        Path missing = dir.resolve("nope.gguf");
        assertThatThrownBy(() -> GgufFile.open(missing)).isInstanceOf(ModelLoadException.class)
                .hasMessage("nope.gguf: no such file " + missing);
    }

    @Test
    void rejectsBadMagic() {
        byte[] b = oneString();
        b[0] = 'X';
        assertFails("m.gguf", b, "m.gguf: bad magic 58 47 55 46 at byte 0 (header): expected \"GGUF\" (47 47 55 46)");
    }

    @Test
    void rejectsVersionsZeroFourAndBigEndian() {
        assertFails("v0.gguf", u32(oneString(), 4, 0),
                "v0.gguf: unsupported version 0 at byte 4 (header): expected 1, 2 or 3");
        assertFails("v4.gguf", u32(oneString(), 4, 4),
                "v4.gguf: unsupported version 4 at byte 4 (header): expected 1, 2 or 3");
        assertFails("be.gguf", u32(oneString(), 4, 0x0300_0000), "be.gguf: unsupported version 50331648 at byte 4 "
                + "(header) (a big-endian GGUF, which is not supported): expected 1, 2 or 3");
    }

    @Test
    void rejectsUnknownValueTypes() {
        assertFails("t.gguf", u32(oneString(), 52, 13),
                "t.gguf: unknown value type id 13 at byte 52 (key general.architecture): expected 0‥12");
        assertFails("a.gguf", u32(oneArray(), 57, 99),
                "a.gguf: unknown array element type id 99 at byte 57 (key tokenizer.ggml.scores): expected 0‥12");
    }

    @Test
    void rejectsLengthsAndCountsBeyondTheEnd() {
        assertFails("s.gguf", u64(oneString(), 56, 9_000_000_000_000_000_000L), "s.gguf: string length "
                + "9000000000000000000 at byte 56 (key general.architecture) runs past the end of the file (69 bytes)");
        assertFails("k.gguf", u64(oneString(), 24, 70),
                "k.gguf: string length 70 at byte 24 (key #0) runs past the end of the file (69 bytes)");
        assertFails("c.gguf", u64(oneArray(), 61, 1L << 40), "c.gguf: array count 1099511627776 at byte 61 (key "
                + "tokenizer.ggml.scores) runs past the end of the file (81 bytes)");
        assertFails("n.gguf", u64(oneString(), 16, -1), "n.gguf: kv count 18446744073709551615 at byte 16 (header) "
                + "runs past the end of the file (69 bytes)");
        assertFails("tc.gguf", u64(oneString(), 8, 3),
                "tc.gguf: tensor count 3 at byte 8 (header) runs past the end of the file (69 bytes)");
    }

    /** Element 0 is at 69 (length 1) and 77 ("a"); element 1's length is at 78. */
    @Test
    void namesTheArrayElementWhoseStringRunsPastTheEnd() {
        byte[] b = new GgufWriter().putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("a", "b", "c"))
                .toBytes();
        assertFails("tok.gguf", u64(b, 78, 1000), "tok.gguf: string length 1000 at byte 78 "
                + "(key tokenizer.ggml.tokens[1]) runs past the end of the file (" + b.length + " bytes)");
    }

    @Test
    void rejectsTensorDataPastTheEndNamingTheTensor() {
        assertFails("cut.gguf", Arrays.copyOf(oneTensor(), 120), "cut.gguf: tensor blk.0.attn_q.weight (F32, 32 bytes "
                + "at byte 96) runs past the end of the file (120 bytes)");
        assertFails("off.gguf", u64(oneTensor(), 75, 64), "off.gguf: tensor blk.0.attn_q.weight (F32, 32 bytes "
                + "at byte 160) runs past the end of the file (128 bytes)");
    }

    @Test
    void rejectsMalformedTensorInfos() {
        assertFails("o.gguf", u64(oneTensor(), 75, 3), "o.gguf: data offset 3 at byte 75 "
                + "(tensor blk.0.attn_q.weight) is not a multiple of the alignment 32");
        assertFails("ty.gguf", u32(oneTensor(), 71, 99), "ty.gguf: unknown ggml type id 99 at byte 71 "
                + "(tensor blk.0.attn_q.weight): not in ggml's type table");
        assertFails("nd.gguf", u32(oneTensor(), 51, 5),
                "nd.gguf: n_dims 5 at byte 51 (tensor blk.0.attn_q.weight): expected 0‥4");
        assertFails("bs.gguf", u32(oneTensor(), 71, GgufType.Q4_0.id()), "bs.gguf: tensor blk.0.attn_q.weight: "
                + "ne[0] = 4 is not a multiple of Q4_0's block size 32");
        assertFails("ov.gguf", u64(oneTensor(), 55, 1L << 62), "ov.gguf: ne[1] 2 at byte 63 "
                + "(tensor blk.0.attn_q.weight) makes the element count overflow a signed 64-bit integer");
    }

    @Test
    void rejectsDuplicatesAndBadAlignment() {
        // 24: length 1, 32: "a", 33: type, 37: length 1, 45: "x", 46: the second key
        byte[] dupKey = new GgufWriter().putString("a", "x").putString("a", "y").toBytes();
        assertFails("dk.gguf", dupKey, "dk.gguf: duplicate key a at byte 46");
        // 24: length 1, 32: "w", 33: n_dims, 37: ne[0], 45: type, 49: offset, 57: the second name
        byte[] dupTensor = new GgufWriter().tensor("w", GgufType.F32, new long[] {1}, new float[1])
                .tensor("w", GgufType.F32, new long[] {1}, new float[1]).toBytes();
        assertFails("dt.gguf", dupTensor, "dt.gguf: duplicate tensor name w at byte 57");
        assertFails("al.gguf", new GgufWriter().alignment(3).toBytes(),
                "al.gguf: general.alignment is u32 3: expected an integer power of two up to 2^30");
        assertFails("af.gguf", new GgufWriter().put("general.alignment", GgufValueType.F32, 32f).toBytes(),
                "af.gguf: general.alignment is f32 32.0: expected an integer power of two up to 2^30");
    }

    /** Every cut inside the header, at every 1/16 of the file and one byte short fails and says where. */
    @Test
    void rejectsEveryTruncationOfAWrittenFile() {
        byte[] full = fixture();
        for (int cut : cuts(full.length)) {
            byte[] b = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> GgufFile.open(write("cut.gguf", b))).as("cut at %d", cut)
                    .isInstanceOf(ModelLoadException.class).hasMessageStartingWith("cut.gguf: ")
                    .hasMessageContaining("runs past the end of the file (" + cut + " bytes)");
        }
    }

    @Test
    void rejectsEveryTruncationOfARealVocabFile() throws IOException {
        byte[] full = Files.readAllBytes(SharedModels.file("gguf-vocab/ggml-vocab-llama-spm.gguf"));
        for (int cut : cuts(full.length)) {
            byte[] b = Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> GgufFile.open(write("ggml-vocab-llama-spm.gguf", b))).as("cut at %d", cut)
                    .isInstanceOf(ModelLoadException.class).hasMessageStartingWith("ggml-vocab-llama-spm.gguf: ")
                    .hasMessageContaining("runs past the end of the file (" + cut + " bytes)");
        }
    }

    /**
     * Whatever one byte is changed to, opening and decoding either works or throws ModelLoadException. Parsed from
     * memory ({@link GgufFile#wrap}, the same parser over one buffer) to keep 10k files off the disk.
     */
    @Test
    void neverLeaksAnotherExceptionWhenAnyByteIsCorrupted() {
        byte[] full = fixture();
        Random r = new Random(7);
        for (int at = 0; at < full.length; at++) {
            for (int value : new int[] {0x00, 0xFF, r.nextInt(256)}) {
                byte[] b = full.clone();
                b[at] = (byte) value;
                try {
                    GgufFile f = GgufFile.wrap("x.gguf", ByteBuffer.wrap(b));
                    f.tensors().forEach(t -> {
                        if (t.type().isDequantizable()) {
                            t.toFloats();
                        }
                    });
                } catch (ModelLoadException expected) {
                    assertThat(expected).hasMessageStartingWith("x.gguf: ");
                } catch (RuntimeException e) {
                    fail("byte " + at + " set to " + value + " leaked " + e, e);
                }
            }
        }
    }

    /** A small file with every value type and a tensor of each decodable type. */
    private static byte[] fixture() {
        float[] v = GgufRoundTripTest.uniform(new Random(8), 256);
        GgufWriter w = GgufRoundTripTest.everyValueType(3);
        for (GgufType t : List.of(GgufType.F32, GgufType.F16, GgufType.BF16, GgufType.Q8_0, GgufType.Q4_0,
                GgufType.Q4_K, GgufType.Q6_K)) {
            w.tensor(t.name().toLowerCase(), t, new long[] {256}, v);
        }
        return w.toBytes();
    }

    /** 0‥24 (inside the header), k·size/16 for k = 1‥15, and size − 1. */
    private static TreeSet<Integer> cuts(int size) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i <= 24; i++) {
            cuts.add(i);
        }
        for (int k = 1; k < 16; k++) {
            cuts.add((int) ((long) size * k / 16));
        }
        cuts.add(size - 1);
        return cuts;
    }

    private void assertFails(String name, byte[] bytes, String message) {
        Path file = write(name, bytes);
        assertThatThrownBy(() -> GgufFile.open(file)).isInstanceOf(ModelLoadException.class).hasMessage(message);
    }

    private Path write(String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] u32(byte[] b, int at, int value) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return b;
    }

    private static byte[] u64(byte[] b, int at, long value) {
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
        return b;
    }
}
