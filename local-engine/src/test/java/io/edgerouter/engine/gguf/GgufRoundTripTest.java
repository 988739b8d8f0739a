package io.edgerouter.engine.gguf;

import io.edgerouter.engine.convert.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.edgerouter.engine.gguf.GgufBlocksTest.assertSameFloats;
import static org.assertj.core.api.Assertions.assertThat;

/** Files written by the test {@link GgufWriter} read back with the same metadata, tensor infos and values. */
class GgufRoundTripTest {

    @TempDir
    Path dir;

    /** One key per value type, arrays of each, a nested array and edge values, in versions 1, 2 and 3. */
    static GgufWriter everyValueType(int version) {
        return new GgufWriter().version(version)
                .putString("general.architecture", "llama")
                .put("u8", GgufValueType.U8, 255L).put("i8", GgufValueType.I8, -128L)
                .put("u16", GgufValueType.U16, 65535L).put("i16", GgufValueType.I16, -32768L)
                .put("u32", GgufValueType.U32, 4294967295L).put("i32", GgufValueType.I32, -2147483648L)
                .put("f32", GgufValueType.F32, 0.1f).put("bool", GgufValueType.BOOL, true)
                .putString("string", "Grüße, 世界 ▁<0x0A>").putString("empty", "")
                .put("u64", GgufValueType.U64, -1L).put("i64", GgufValueType.I64, Long.MIN_VALUE)
                .put("f64", GgufValueType.F64, Math.PI)
                .putArray("a.u8", GgufValueType.U8, List.of(0L, 200L)).putArray("a.i16", GgufValueType.I16,
                        List.of(-5L, 7L)).putArray("a.u32", GgufValueType.U32, List.of(4000000000L))
                .putArray("a.i32", GgufValueType.I32, List.of(1L, -2L, 3L))
                .putArray("a.f32", GgufValueType.F32, List.of(1.5f, -0.0f, 1e-40f))
                .putArray("a.f64", GgufValueType.F64, List.of(2.5, -1e300))
                .putArray("a.bool", GgufValueType.BOOL, List.of(true, false))
                .putArray("a.string", GgufValueType.STRING, List.of("a b", "", "ü"))
                .putArray("a.empty", GgufValueType.I64, List.of())
                .putArray("a.nested", GgufValueType.ARRAY, List.of(
                        new GgufWriter.Array(GgufValueType.U8, List.of(1L, 2L)),
                        new GgufWriter.Array(GgufValueType.STRING, List.of("x"))));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2, 3})
    void readsBackEveryValueTypeInEveryVersion(int version) {
        Path file = everyValueType(version).write(dir.resolve("kv.gguf"));
        GgufFile f = GgufFile.open(file);
        assertThat(f.version()).isEqualTo(version);
        assertThat(f.metadataEnd()).as("no tensors, so no padding").isEqualTo(f.size());
        Map<String, Object> m = f.metadata();
        assertThat(m.keySet()).containsExactly("general.architecture", "u8", "i8", "u16", "i16", "u32", "i32", "f32",
                "bool", "string", "empty", "u64", "i64", "f64", "a.u8", "a.i16", "a.u32", "a.i32", "a.f32", "a.f64",
                "a.bool", "a.string", "a.empty", "a.nested");
        assertThat(m).containsEntry("u8", 255L).containsEntry("i8", -128L).containsEntry("u16", 65535L)
                .containsEntry("i16", -32768L).containsEntry("u32", 4294967295L).containsEntry("i32", -2147483648L)
                .containsEntry("f32", (double) 0.1f).containsEntry("bool", true)
                .containsEntry("string", "Grüße, 世界 ▁<0x0A>").containsEntry("empty", "").containsEntry("u64", -1L)
                .containsEntry("i64", Long.MIN_VALUE).containsEntry("f64", Math.PI);
        assertThat((long[]) m.get("a.u8")).containsExactly(0, 200);
        assertThat((long[]) m.get("a.i16")).containsExactly(-5, 7);
        assertThat((long[]) m.get("a.u32")).containsExactly(4000000000L);
        assertThat((long[]) m.get("a.i32")).containsExactly(1, -2, 3);
        assertSameFloats((float[]) m.get("a.f32"), 1.5f, -0.0f, 1e-40f);
        assertThat((double[]) m.get("a.f64")).containsExactly(2.5, -1e300);
        assertThat((boolean[]) m.get("a.bool")).containsExactly(true, false);
        assertThat(m.get("a.string")).isEqualTo(List.of("a b", "", "ü"));
        assertThat((long[]) m.get("a.empty")).isEmpty();
        List<?> nested = (List<?>) m.get("a.nested");
        assertThat((long[]) nested.get(0)).containsExactly(1, 2);
        assertThat(nested.get(1)).isEqualTo(List.of("x"));
        assertThat(f.type("u64")).isEqualTo(GgufValueType.U64);
        assertThat(f.elementType("a.nested")).isEqualTo(GgufValueType.ARRAY);
        assertThat(f.elementType("u64")).isNull();
        assertThat(f.tensors()).isEmpty();
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2, 3})
    void readsBackTensorInfosAtAlignedOffsets(int version) {
        Random r = new Random(1);
        GgufWriter w = new GgufWriter().version(version).putString("general.architecture", "llama")
                .tensor("token_embd.weight", GgufType.Q4_K, new long[] {256, 3}, uniform(r, 768))
                .tensor("output_norm.weight", GgufType.F32, new long[] {5}, uniform(r, 5))
                .tensor("blk.0.attn_q.weight", GgufType.Q8_0, new long[] {64, 2}, uniform(r, 128))
                .tensor("blk.0.ffn_up.weight", GgufType.F16, new long[] {3, 2, 2}, uniform(r, 12));
        GgufFile f = GgufFile.open(w.write(dir.resolve("t.gguf")));
        assertThat(f.tensors()).extracting(GgufTensor::name).containsExactly("token_embd.weight",
                "output_norm.weight", "blk.0.attn_q.weight", "blk.0.ffn_up.weight");
        assertThat(f.tensors()).extracting(GgufTensor::offset).containsExactly(toObjects(w.offsets()));
        // hand-computed: 3 Q4_K blocks of 144 bytes = 432; 5 f32 at 448 (432 padded to 32); 4 Q8_0 blocks at 480
        assertThat(w.offsets()).containsExactly(0, 448, 480, 640);
        GgufTensor embd = f.tensor("token_embd.weight");
        assertThat(embd.shape()).containsExactly(256, 3);
        assertThat(embd.type()).isEqualTo(GgufType.Q4_K);
        assertThat(embd.byteSize()).isEqualTo(432);
        assertThat(embd.rows()).isEqualTo(3);
        assertThat(embd.cols()).isEqualTo(256);
        assertThat(f.tensor("blk.0.ffn_up.weight").nDims()).isEqualTo(3);
        assertThat(f.dataStart() % 32).isZero();
        assertThat(f.dataStart()).isBetween(f.metadataEnd(), f.metadataEnd() + 31);
        for (GgufTensor t : f.tensors()) {
            assertThat(t.dataOffset()).isEqualTo(f.dataStart() + t.offset());
        }
        assertThat(f.size()).isEqualTo(f.dataStart() + 640 + 24);
    }

    /** Tensor b follows the 12 bytes of tensor a at the next multiple of the alignment. */
    @ParameterizedTest(name = "alignment {0}")
    @CsvSource({"1, 12", "8, 16", "64, 64", "4096, 4096"})
    void honoursGeneralAlignment(int alignment, long offsetOfB) {
        float[] v = {1, 2, 3};
        GgufWriter w = new GgufWriter().alignment(alignment).tensor("a", GgufType.F32, new long[] {3}, v)
                .tensor("b", GgufType.F32, new long[] {3}, v);
        GgufFile f = GgufFile.open(w.write(dir.resolve("a.gguf")));
        assertThat(f.alignment()).isEqualTo(alignment);
        assertThat(f.dataStart() % alignment).isZero();
        assertThat(f.tensor("b").offset()).isEqualTo(offsetOfB);
        assertSameFloats(f.tensor("b").toFloats(), 1, 2, 3);
    }

    @Test
    void keepsF32BitExactAndF16Bf16WithinHalfAnUlp() {
        Random r = new Random(2);
        float[] v = uniform(r, 4096);
        v[0] = Float.MIN_VALUE;
        v[1] = -0.0f;
        v[2] = 3e-6f; // an fp16 subnormal
        GgufFile f = GgufFile.open(new GgufWriter()
                .tensor("f32", GgufType.F32, new long[] {64, 64}, v)
                .tensor("f16", GgufType.F16, new long[] {64, 64}, v)
                .tensor("bf16", GgufType.BF16, new long[] {64, 64}, v).write(dir.resolve("f.gguf")));
        assertSameFloats(f.tensor("f32").toFloats(), v);
        float[] f16 = f.tensor("f16").toFloats();
        float[] bf16 = f.tensor("bf16").toFloats();
        for (int i = 0; i < v.length; i++) {
            // fp16: 10 mantissa bits, so half an ulp is 2^-11 relative, or 2^-25 absolute below 2^-14
            assertThat(Math.abs(f16[i] - v[i])).as("f16 %d", i).isLessThanOrEqualTo(
                    Math.max(Math.abs(v[i]) * 0x1p-11f, 0x1p-25f));
            // bf16: 7 mantissa bits, half an ulp is 2^-8 relative, or 2^-134 absolute among f32 subnormals
            assertThat(Math.abs(bf16[i] - v[i])).as("bf16 %d", i).isLessThanOrEqualTo(
                    Math.max(Math.abs(v[i]) * 0x1p-8f, 0x1p-134f));
        }
        assertThat(f.tensor("f16").toLinear()).isInstanceOf(Linear.Dense.class);
    }

    /** The worst-case error of each quantizer for values in [−1, 1] is {@link GgufQuantizer#maxError}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
    void keepsQuantizedValuesWithinTheFormatsErrorBound(String name) {
        GgufType type = GgufType.valueOf(name);
        Random r = new Random(3);
        float[] v = uniform(r, 512 * 4);
        v[0] = 1;
        v[1] = -1;
        for (int i = 256; i < 512; i++) {
            v[i] = 0; // an all-zero super-block: scales 0
        }
        for (int i = 512; i < 768; i++) {
            v[i] = 0.25f + 0.5f * r.nextFloat(); // all positive: no min to subtract
        }
        GgufFile f = GgufFile.open(new GgufWriter().tensor("w", type, new long[] {512, 4}, v)
                .write(dir.resolve("q.gguf")));
        float[] back = f.tensor("w").toFloats();
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(back[i] - v[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(GgufQuantizer.maxError(type)).isGreaterThan(0);
        for (int i = 256; i < 512; i++) {
            assertThat(back[i]).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Q8_0", "Q4_0"})
    void turnsQ80AndQ40IntoBlockedWithExactlyTheDequantizedValues(String name) {
        float[] v = uniform(new Random(4), 96 * 5);
        GgufTensor t = GgufFile.open(new GgufWriter().tensor("w", GgufType.valueOf(name), new long[] {96, 5}, v)
                .write(dir.resolve("l.gguf"))).tensor("w");
        Linear l = t.toLinear();
        assertThat(l).isInstanceOf(Linear.Blocked.class);
        assertThat(l.rows()).isEqualTo(5);
        assertThat(l.cols()).isEqualTo(96);
        assertSameFloats(((Linear.Blocked) l).dequantize(), t.toFloats());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Q4_K", "Q6_K", "BF16"})
    void turnsOtherTypesIntoDenseWithTheDequantizedValues(String name) {
        float[] v = uniform(new Random(5), 256 * 3);
        GgufTensor t = GgufFile.open(new GgufWriter().tensor("w", GgufType.valueOf(name), new long[] {256, 3}, v)
                .write(dir.resolve("d.gguf"))).tensor("w");
        Linear.Dense d = (Linear.Dense) t.toLinear();
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.cols()).isEqualTo(256);
        assertSameFloats(d.values(), t.toFloats());
    }

    /** Mapped in 700-byte steps with 512 bytes of overlap, strings, arrays and tensors straddle windows. */
    @Test
    void readsTheSameThroughManySmallMappingWindows() {
        Random r = new Random(6);
        GgufWriter w = everyValueType(3)
                .putArray("long.strings", GgufValueType.STRING, List.of("x".repeat(1500), "y".repeat(3000)))
                .putArray("many.floats", GgufValueType.F32, List.of(uniformBoxed(r, 1000)))
                .tensor("a", GgufType.F32, new long[] {64, 64}, uniform(r, 4096))
                .tensor("b", GgufType.Q6_K, new long[] {256, 8}, uniform(r, 2048))
                .tensor("c", GgufType.Q4_0, new long[] {64, 8}, uniform(r, 512));
        Path file = w.write(dir.resolve("w.gguf"));
        GgufFile whole = GgufFile.open(file);
        GgufFile windowed = GgufFile.open(file, 700, 512);
        assertThat(windowed.size()).isGreaterThan(20 * 700);
        assertThat(windowed.metadata().keySet()).containsExactlyElementsOf(whole.metadata().keySet());
        assertThat(windowed.strings("long.strings")).isEqualTo(whole.strings("long.strings"));
        assertSameFloats(windowed.floats("many.floats"), whole.floats("many.floats"));
        for (GgufTensor t : whole.tensors()) {
            assertSameFloats(windowed.tensor(t.name()).toFloats(), t.toFloats());
        }
        assertThat(((Linear.Blocked) windowed.tensor("c").toLinear()).packed())
                .isEqualTo(((Linear.Blocked) whole.tensor("c").toLinear()).packed());
    }

    static float[] uniform(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextFloat() - 1;
        }
        return v;
    }

    private static Float[] uniformBoxed(Random r, int n) {
        float[] v = uniform(r, n);
        Float[] out = new Float[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static Long[] toObjects(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
