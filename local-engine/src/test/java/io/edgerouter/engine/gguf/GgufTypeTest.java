package io.edgerouter.engine.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class GgufTypeTest {

    /**
     * Ids as @huggingface/tasks' GGMLQuantizationType numbers them; bits per weight as ggml-common.h's block comments
     * and llama.cpp's quantization table state them (a second source for the table's byte sizes).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            F32     |  0 |   1 | 32
            F16     |  1 |   1 | 16
            Q4_0    |  2 |  32 | 4.5
            Q4_1    |  3 |  32 | 5
            Q5_0    |  6 |  32 | 5.5
            Q5_1    |  7 |  32 | 6
            Q8_0    |  8 |  32 | 8.5
            # ggml's block_q8_1: fp16 d and s, then 32 int8
            Q8_1    |  9 |  32 | 9
            Q2_K    | 10 | 256 | 2.625
            Q3_K    | 11 | 256 | 3.4375
            Q4_K    | 12 | 256 | 4.5
            Q5_K    | 13 | 256 | 5.5
            Q6_K    | 14 | 256 | 6.5625
            Q8_K    | 15 | 256 | 9.125
            IQ2_XXS | 16 | 256 | 2.0625
            IQ2_XS  | 17 | 256 | 2.3125
            IQ3_XXS | 18 | 256 | 3.0625
            IQ1_S   | 19 | 256 | 1.5625
            IQ4_NL  | 20 |  32 | 4.5
            IQ3_S   | 21 | 256 | 3.4375
            IQ2_S   | 22 | 256 | 2.5625
            IQ4_XS  | 23 | 256 | 4.25
            I8      | 24 |   1 | 8
            I16     | 25 |   1 | 16
            I32     | 26 |   1 | 32
            I64     | 27 |   1 | 64
            F64     | 28 |   1 | 64
            IQ1_M   | 29 | 256 | 1.75
            BF16    | 30 |   1 | 16
            TQ1_0   | 34 | 256 | 1.6875
            TQ2_0   | 35 | 256 | 2.0625
            MXFP4   | 39 |  32 | 4.25
            NVFP4   | 40 |  64 | 4.5
            Q1_0    | 41 | 128 | 1.125
            Q2_0    | 42 |  64 | 2.25
            """)
    void listsEveryGgmlTypeWithItsIdBlockAndBitsPerWeight(String name, int id, int block, double bitsPerWeight) {
        GgufType t = GgufType.valueOf(name);
        assertThat(t.id()).isEqualTo(id);
        assertThat(GgufType.byId(id)).isSameAs(t);
        assertThat(t.blockSize()).isEqualTo(block);
        assertThat(t.typeSize() * 8.0 / t.blockSize()).isEqualTo(bitsPerWeight);
    }

    @Test
    void hasNoTypeForRemovedOrUnknownIds() {
        for (long id : new long[] {4, 5, 31, 32, 33, 36, 37, 38, 43, 63, 64, -1, 1L << 32}) {
            assertThat(GgufType.byId(id)).as("id %d", id).isNull();
        }
        assertThat(GgufType.values()).hasSize(35);
    }

    @Test
    void sizesATensorAsBlocksTimesBlockBytes() {
        assertThat(GgufType.Q4_K.byteSize(4096L * 4096)).isEqualTo(4096L * 4096 / 256 * 144);
        assertThat(GgufType.Q6_K.byteSize(256)).isEqualTo(210);
        assertThat(GgufType.F16.byteSize(7)).isEqualTo(14);
        assertThat(GgufType.Q8_0.byteSize(33)).as("not whole blocks").isEqualTo(-1);
        assertThat(GgufType.F64.byteSize(Long.MAX_VALUE / 4)).as("overflow").isEqualTo(-1);
    }

    @Test
    void namesTheDecodableTypesInItsMessageList() {
        String decodable = Arrays.stream(GgufType.values()).filter(GgufType::isDequantizable).map(Enum::name)
                .sorted().collect(Collectors.joining(", "));
        assertThat(decodable).isEqualTo("BF16, F16, F32, Q4_0, Q4_K, Q6_K, Q8_0");
        assertThat(GgufType.SUPPORTED.split(", ")).containsExactlyInAnyOrder(decodable.split(", "));
    }
}
