package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each block type decodes a block built byte by byte here to the values worked out by hand from the format's formula
 * (ggml-quants.c's reference dequantizers), and Q4_0/Q8_0 re-pack to {@link Linear.Blocked} without changing a value.
 * Expected values are exact binary fractions, compared bit for bit (so −0.0 matters where the formula gives it).
 */
class GgufBlocksTest {

    @TempDir
    Path dir;

    @Test
    void decodesF32BitsAsTheyAre() {
        // 0x3FC00000 = 1.5, 0x80000000 = -0.0, 0x00000001 = the smallest subnormal, 0x7F800000 = +inf
        byte[] data = le32(0x3FC0_0000, 0x8000_0000, 0x0000_0001, 0x7F80_0000);
        assertSameFloats(decode(GgufType.F32, new long[] {4}, data),
                1.5f, -0.0f, Float.MIN_VALUE, Float.POSITIVE_INFINITY);
    }

    @Test
    void decodesF16IncludingSubnormalsInfinitiesAndNaN() {
        byte[] data = le16(0x3C00, 0xC000, 0x7BFF, 0x0400, 0x03FF, 0x0001, 0x8000, 0x7C00, 0xFC00, 0x3555, 0x3E00,
                0x7E00);
        assertSameFloats(decode(GgufType.F16, new long[] {12}, data),
                1.0f,                 // 0x3C00: exponent 15 - 15 = 0, mantissa 0
                -2.0f,                // 0xC000: sign, exponent 16 - 15 = 1
                65504.0f,             // 0x7BFF: 2^15 · (1 + 1023/1024), the largest finite
                0x1p-14f,             // 0x0400: the smallest normal
                1023 * 0x1p-24f,      // 0x03FF: the largest subnormal, 1023 · 2^-24
                0x1p-24f,             // 0x0001: the smallest subnormal
                -0.0f,                // 0x8000
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                0.333251953125f,      // 0x3555: 2^(13-15) · (1 + 341/1024)
                1.5f,                 // 0x3E00: 1 + 512/1024
                Float.NaN);
    }

    @Test
    void decodesBf16AsTheTopHalfOfAnF32() {
        byte[] data = le16(0x3F80, 0xC040, 0x4049, 0x0001, 0xFF80, 0x8000);
        assertSameFloats(decode(GgufType.BF16, new long[] {6}, data),
                1.0f,                 // 0x3F800000
                -3.0f,                // 0xC0400000
                3.140625f,            // 0x40490000 = 2 · (1 + 0x49/128)
                0x1p-133f,            // 0x00010000: 2^16 · 2^-149
                Float.NEGATIVE_INFINITY, -0.0f);
    }

    /** Two rows of one Q8_0 block each: d = 0.25 (fp16 0x3400), then d = −1.5 (0xBE00); x = d·q, q signed. */
    @Test
    void decodesQ80BlocksAndRepacksThemAsEightBitBlocked() {
        ByteBuffer b = block(2 * 34);
        b.putShort((short) 0x3400);
        for (int j = 0; j < 32; j++) {
            b.put((byte) (8 * j - 128)); // q = -128, -120, …, 120
        }
        b.putShort((short) 0xBE00);
        for (int j = 0; j < 32; j++) {
            b.put((byte) (j - 16)); // q = -16 … 15
        }
        float[] expected = {
            // 0.25 · (8j − 128) = 2j − 32
            -32, -30, -28, -26, -24, -22, -20, -18, -16, -14, -12, -10, -8, -6, -4, -2,
            0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30,
            // −1.5 · (j − 16) = 24 − 1.5j; q = 0 gives 0 · −1.5 = −0.0
            24, 22.5f, 21, 19.5f, 18, 16.5f, 15, 13.5f, 12, 10.5f, 9, 7.5f, 6, 4.5f, 3, 1.5f,
            -0.0f, -1.5f, -3, -4.5f, -6, -7.5f, -9, -10.5f, -12, -13.5f, -15, -16.5f, -18, -19.5f, -21, -22.5f};
        GgufTensor t = tensor(GgufType.Q8_0, new long[] {32, 2}, b.array());
        assertSameFloats(t.toFloats(), expected);
        Linear.Blocked l = (Linear.Blocked) t.toLinear();
        assertThat(l.bits()).isEqualTo(8);
        assertThat(l.blockSize()).isEqualTo(32);
        assertThat(l.zeroPoints()).isNull();
        assertThat(l.scales()).containsExactly(0.25f, -1.5f);
        assertThat(l.packed()[0] & 0xFF).as("q = -128 stored as q + 128").isEqualTo(0);
        assertThat(l.packed()[32 + 16] & 0xFF).as("q = 0 stored as 128").isEqualTo(128);
        assertSameFloats(l.dequantize(), expected);
    }

    /**
     * Two Q4_0 blocks. Block 0: d = 0.5 (0x3800), quant byte j = j | (15 − j) &lt;&lt; 4, so value j = 0.5·(j − 8) and
     * value j + 16 = 0.5·(7 − j). Block 1: d = −2 (0xC000), byte j = (j % 4) | (j / 4) &lt;&lt; 4.
     */
    @Test
    void decodesQ40NibblesAsLowHalfThenHighHalfAndRepacksThemForBlocked() {
        ByteBuffer b = block(2 * 18);
        b.putShort((short) 0x3800);
        for (int j = 0; j < 16; j++) {
            b.put((byte) (j | (15 - j) << 4));
        }
        b.putShort((short) 0xC000);
        for (int j = 0; j < 16; j++) {
            b.put((byte) ((j % 4) | (j / 4) << 4));
        }
        float[] expected = {
            -4, -3.5f, -3, -2.5f, -2, -1.5f, -1, -0.5f, 0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f,  // 0.5·(j − 8)
            3.5f, 3, 2.5f, 2, 1.5f, 1, 0.5f, 0, -0.5f, -1, -1.5f, -2, -2.5f, -3, -3.5f, -4,  // 0.5·(7 − j)
            16, 14, 12, 10, 16, 14, 12, 10, 16, 14, 12, 10, 16, 14, 12, 10,  // −2·(j % 4 − 8)
            16, 16, 16, 16, 14, 14, 14, 14, 12, 12, 12, 12, 10, 10, 10, 10}; // −2·(j / 4 − 8)
        GgufTensor t = tensor(GgufType.Q4_0, new long[] {64}, b.array());
        assertSameFloats(t.toFloats(), expected);

        GgufTensor rows = tensor(GgufType.Q4_0, new long[] {32, 2}, b.array());
        Linear.Blocked l = (Linear.Blocked) rows.toLinear();
        assertThat(l.rows()).isEqualTo(2);
        assertThat(l.cols()).isEqualTo(32);
        assertThat(l.bits()).isEqualTo(4);
        assertThat(l.zeroPoints()).as("default zero point 8").isNull();
        // Blocked byte 0 holds values 0 (q 0, low) and 1 (q 1, high); byte 8 values 16 (q 15) and 17 (q 14)
        assertThat(l.packed()[0] & 0xFF).isEqualTo(0x10);
        assertThat(l.packed()[8] & 0xFF).isEqualTo(0xEF);
        assertSameFloats(l.dequantize(), expected);
    }

    /**
     * One Q4_K super-block: d = 0.5 (0x3800), dmin = 0.25 (0x3400); 6-bit scales 1, 2, 3, 4, 33, 40, 63, 17 and mins
     * 0, 1, 2, 3, 20, 50, 63, 5, packed by hand (below); value = d·sc·q − dmin·m.
     */
    @Test
    void decodesQ4KWithItsPackedSixBitScalesAndMins() {
        byte[] scales = {
            // bytes 0‥3: scale j (6 bits) + top 2 bits of scale j+4: 1|2<<6, 2|2<<6, 3|3<<6, 4|1<<6
            (byte) 0x81, (byte) 0x82, (byte) 0xC3, 0x44,
            // bytes 4‥7: min j (6 bits) + top 2 bits of min j+4: 0|1<<6, 1|3<<6, 2|3<<6, 3|0<<6
            0x40, (byte) 0xC1, (byte) 0xC2, 0x03,
            // bytes 8‥11: low nibbles of scale j+4 | min j+4 << 4: 33→1,20→4; 40→8,50→2; 63→15,63→15; 17→1,5→5
            0x41, 0x28, (byte) 0xFF, 0x51};
        assertThat(GgufQuantizer.packScalesMins(new int[] {1, 2, 3, 4, 33, 40, 63, 17},
                new int[] {0, 1, 2, 3, 20, 50, 63, 5})).as("the test quantizer packs the same way").isEqualTo(scales);
        ByteBuffer b = block(144).putShort((short) 0x3800).putShort((short) 0x3400).put(scales);
        for (int l = 0; l < 32; l++) {
            b.put((byte) ((l % 16) | (15 - l % 16) << 4)); // group 0: sub-block 0 low nibbles, sub-block 1 high
        }
        fill(b, 32, 0x3A);  // group 1: sub-block 2 q = 10, sub-block 3 q = 3
        fill(b, 32, 0xF0);  // group 2: sub-block 4 q = 0, sub-block 5 q = 15
        fill(b, 32, 0x7F);  // group 3: sub-block 6 q = 15, sub-block 7 q = 7
        float[] ramp0 = {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7, 7.5f}; // 0.5·1·q − 0
        float[] ramp1 = {14.75f, 13.75f, 12.75f, 11.75f, 10.75f, 9.75f, 8.75f, 7.75f, 6.75f, 5.75f, 4.75f, 3.75f,
            2.75f, 1.75f, 0.75f, -0.25f}; // 0.5·2·(15 − q) − 0.25·1
        float[] expected = concat(ramp0, ramp0, ramp1, ramp1,
                repeat(14.5f, 32),   // 0.5·3·10 − 0.25·2
                repeat(5.25f, 32),   // 0.5·4·3 − 0.25·3
                repeat(-5f, 32),     // 0.5·33·0 − 0.25·20
                repeat(287.5f, 32),  // 0.5·40·15 − 0.25·50 = 300 − 12.5
                repeat(456.75f, 32), // 0.5·63·15 − 0.25·63 = 472.5 − 15.75
                repeat(58.25f, 32)); // 0.5·17·7 − 0.25·5 = 59.5 − 1.25
        GgufTensor t = tensor(GgufType.Q4_K, new long[] {256}, b.array());
        assertSameFloats(t.toFloats(), expected);
        assertThat(tensor(GgufType.Q4_K, new long[] {256, 1}, b.array()).toLinear()).isInstanceOf(Linear.Dense.class);
    }

    /**
     * One Q6_K super-block: d = 0.125 (0x3000) at byte 208, int8 scales k − 5 for sub-blocks k = 0‥15. All ql and qh
     * bytes are 0 (q = 0 − 32) except four per half, which set the 4 low bits from ql and the 2 high bits from qh.
     */
    @Test
    void decodesQ6KFromItsLowAndHighBitPlanesAndSignedScales() {
        byte[] ql = new byte[128];
        byte[] qh = new byte[64];
        ql[0] = 0x5A;               // value 0 low bits 0xA, value 64 low bits 5
        ql[32] = 0x3C;              // value 32 low bits 0xC, value 96 low bits 3
        qh[0] = (byte) 0b11100100;  // high bits: value 0 → 0, value 32 → 1, value 64 → 2, value 96 → 3
        ql[64 + 17] = (byte) 0x9F;  // second half, l = 17: value 145 low 0xF, value 209 low 9
        ql[64 + 49] = 0x06;         // value 177 low 6, value 241 low 0
        qh[32 + 17] = 0b01001011;   // value 145 → 3, value 177 → 2, value 209 → 0, value 241 → 1
        ByteBuffer b = block(210).put(ql).put(qh);
        for (int k = 0; k < 16; k++) {
            b.put((byte) (k - 5));
        }
        b.putShort((short) 0x3000);
        float[] expected = new float[256];
        float[] perSubBlock = {20, 16, 12, 8, 4, -0.0f, -4, -8, -12, -16, -20, -24, -28, -32, -36, -40};
        for (int i = 0; i < 256; i++) {
            expected[i] = perSubBlock[i / 16]; // 0.125·(k − 5)·(0 − 32) = 20 − 4k; k = 5 gives 0·(−32) = −0.0
        }
        expected[0] = 13.75f;   // q = 0xA | 0 << 4 = 10 → −22; scale −5: 0.125·−5·−22
        expected[32] = 1.5f;    // q = 0xC | 1 << 4 = 28 → −4; scale −3
        expected[64] = -0.625f; // q = 5 | 2 << 4 = 37 → 5; scale −1
        expected[96] = 2.375f;  // q = 3 | 3 << 4 = 51 → 19; scale 1
        expected[145] = 15.5f;  // q = 0xF | 3 << 4 = 63 → 31; scale 4
        expected[177] = 4.5f;   // q = 6 | 2 << 4 = 38 → 6; scale 6
        expected[209] = -23f;   // q = 9 | 0 << 4 = 9 → −23; scale 8
        expected[241] = -20f;   // q = 0 | 1 << 4 = 16 → −16; scale 10
        assertSameFloats(tensor(GgufType.Q6_K, new long[] {256}, b.array()).toFloats(), expected);
    }

    @Test
    void refusesToDecodeOtherTypesNamingTypeTensorAndFile() {
        GgufTensor t = tensor(GgufType.Q5_1, new long[] {32, 2}, new byte[2 * 24], "blk.0.attn_q.weight");
        assertThatThrownBy(t::toFloats).isInstanceOf(ModelLoadException.class).hasMessage(
                "unsupported tensor type Q5_1 (id 7) in tensor blk.0.attn_q.weight of blocks.gguf; supported: "
                        + "F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K");
        assertThatThrownBy(t::toLinear).isInstanceOf(ModelLoadException.class).hasMessageContaining("Q5_1 (id 7)");
    }

    @Test
    void refusesALinearThatIsNotTwoDimensional() {
        GgufTensor t = tensor(GgufType.F32, new long[] {2}, new byte[8]);
        assertThatThrownBy(t::toLinear).isInstanceOf(ModelLoadException.class)
                .hasMessage("blocks.gguf: tensor t has shape [2]; a linear weight needs 2 dimensions");
    }

    private GgufTensor tensor(GgufType type, long[] ne, byte[] data) {
        return tensor(type, ne, data, "t");
    }

    private GgufTensor tensor(GgufType type, long[] ne, byte[] data, String name) {
        Path file = new GgufWriter().rawTensor(name, type.id(), ne, data).write(dir.resolve("blocks.gguf"));
        return GgufFile.open(file).tensor(name);
    }

    private float[] decode(GgufType type, long[] ne, byte[] data) {
        return tensor(type, ne, data).toFloats();
    }

    static void assertSameFloats(float[] actual, float... expected) {
        assertThat(bits(actual)).as("float bits (actual %s)", Arrays.toString(actual)).containsExactly(bits(expected));
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToIntBits(v[i]);
        }
        return out;
    }

    private static ByteBuffer block(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void fill(ByteBuffer b, int n, int value) {
        for (int i = 0; i < n; i++) {
            b.put((byte) value);
        }
    }

    private static byte[] le16(int... v) {
        ByteBuffer b = block(2 * v.length);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    private static byte[] le32(int... v) {
        ByteBuffer b = block(4 * v.length);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    private static float[] repeat(float v, int n) {
        float[] out = new float[n];
        Arrays.fill(out, v);
        return out;
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
