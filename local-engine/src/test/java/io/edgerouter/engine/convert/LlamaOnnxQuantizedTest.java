package io.edgerouter.engine.convert;

import ai.onnx.proto.OnnxMl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static io.edgerouter.engine.convert.LlamaOnnxTest.maxAbsDiff;
import static io.edgerouter.engine.convert.LlamaOnnxTest.ones;
import static io.edgerouter.engine.convert.LlamaOnnxTest.prompt;
import static io.edgerouter.engine.convert.LlamaOnnxTest.range;
import static org.assertj.core.api.Assertions.assertThat;

/** Block-quantized projections run through com.microsoft.MatMulNBits and match the reference on dequantize(). */
class LlamaOnnxQuantizedTest {

    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    @Test
    void handMadeBlockedWeightsRunThroughMatMulNBitsAndMatchTheDequantizedReference() throws Exception {
        LlamaConfig c = new LlamaConfig("llama", 83, 48, 40, 2, 4, 2, 12, 12, 32, 10000.0,
                LlamaConfig.RopeStyle.HALF, 1e-5, false, false, 1, 2);
        Random rng = new Random(5);
        RandomLlamaWeights weights = new RandomLlamaWeights(c, 44)
                .replace("blk.0.attn_q", w -> blocked(rng, w, 4, 16, true)) // differs from k: q, k, v stay apart
                .replace("blk.0.attn_k", w -> blocked(rng, w, 4, 16, false))
                .replace("blk.1.ffn_gate", w -> blocked(rng, w, 4, 32, false)) // same storage: stacked
                .replace("blk.1.ffn_up", w -> blocked(rng, w, 4, 32, false))
                .replace("blk.1.ffn_down", w -> blocked(rng, w, 8, 16, true)) // K = 40: last block padded
                .replace("output", w -> blocked(rng, w, 8, 16, false));
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.defaults().withAccuracyLevel(0));
        assertThat(count(tmp, "MatMulNBits")).isEqualTo(5);
        assertMatchesReference(c, new LlamaReference(weights));
    }

    @Test
    void theQuantizerOptionQuantizesEveryProjectionButKeepsEmbeddingNormsAndHeadFp32() throws Exception {
        Llama2cCheckpoint weights = LlamaOnnxTest.stories260k();
        LinearQuantizer quantizer = new NaiveQuantizer(4, 32);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.quantized(quantizer).withAccuracyLevel(0));
        assertThat(count(tmp, "MatMulNBits")).as("q|k|v, o, gate|up, down per layer").isEqualTo(4 * 5);
        assertThat(count(tmp, "Gemm")).as("the head on the fp32 embedding").isEqualTo(1);
        assertThat(floatInitializer(tmp, "token_embd.weight")).containsExactly(512L, 64L);
        assertMatchesReference(weights.config(), new LlamaReference(new Quantized(weights, quantizer, false)));
    }

    @Test
    void aQuantizedHeadKeepsTheFp32EmbeddingForTheGather() throws Exception {
        Llama2cCheckpoint weights = LlamaOnnxTest.stories260k();
        LinearQuantizer quantizer = new NaiveQuantizer(8, 16);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.quantized(quantizer).withQuantizedHead().withAccuracyLevel(0));
        assertThat(count(tmp, "MatMulNBits")).isEqualTo(4 * 5 + 1);
        assertThat(count(tmp, "Gemm")).isZero();
        assertThat(floatInitializer(tmp, "token_embd.weight")).containsExactly(512L, 64L);
        assertMatchesReference(weights.config(), new LlamaReference(new Quantized(weights, quantizer, true)));
    }

    @Test
    void int8ActivationsByDefaultStayWithinThreePercentOfTheLogitRange() throws Exception {
        Llama2cCheckpoint weights = LlamaOnnxTest.stories260k();
        LinearQuantizer quantizer = new NaiveQuantizer(4, 32);
        LlamaOnnx.write(weights, tmp, LlamaOnnx.Options.quantized(quantizer));
        OnnxMl.NodeProto node = nodes(tmp).stream().filter(n -> n.getOpType().equals("MatMulNBits")).findFirst()
                .orElseThrow();
        assertThat(node.getAttributeList()).anySatisfy(a -> {
            assertThat(a.getName()).isEqualTo("accuracy_level");
            assertThat(a.getI()).isEqualTo(4);
        });
        int[] p = prompt(20, 512, 21);
        try (OrtDecoder ort = new OrtDecoder(tmp, weights.config())) {
            float[][] actual = ort.run(p, ones(p.length), range(0, p.length)).logits();
            float[][] expected = new LlamaReference(new Quantized(weights, quantizer, false)).logits(p);
            double largest = 0;
            int sameArgmax = 0;
            for (int t = 0; t < p.length; t++) {
                for (float v : expected[t]) {
                    largest = Math.max(largest, Math.abs(v));
                }
                sameArgmax += LlamaReferenceTest.argmax(actual[t]) == LlamaReferenceTest.argmax(expected[t]) ? 1 : 0;
            }
            assertThat(maxAbsDiff(actual, expected)).as("int8 rounding of activations, not a different model")
                    .isGreaterThan(TOLERANCE).isLessThan(0.03 * largest);
            assertThat(sameArgmax).isGreaterThanOrEqualTo(p.length - 2);
        }
    }

    private void assertMatchesReference(LlamaConfig c, LlamaReference reference) throws Exception {
        int[] p = prompt(20, c.vocabSize(), 20);
        try (OrtDecoder ort = new OrtDecoder(tmp, c)) {
            float[][] actual = ort.run(p, ones(p.length), range(0, p.length)).logits();
            assertThat(maxAbsDiff(actual, reference.logits(p))).isLessThan(TOLERANCE);
        }
    }

    /** Random codes and scales of the weight's shape, sized like a trained layer's (values ≈ 1/√cols). */
    private static Linear.Blocked blocked(Random rng, Linear shape, int bits, int blockSize, boolean zeroPoints) {
        int blocks = Linear.Blocked.blocks(shape.cols(), blockSize);
        byte[] packed = new byte[shape.rows() * blocks * blockSize * bits / 8];
        rng.nextBytes(packed);
        float[] scales = new float[shape.rows() * blocks];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = (float) ((0.5 + rng.nextDouble()) / ((1 << (bits - 1)) * Math.sqrt(shape.cols())));
        }
        byte[] zp = null;
        if (zeroPoints) {
            zp = new byte[shape.rows() * ((blocks * bits + 7) / 8)];
            rng.nextBytes(zp);
        }
        return new Linear.Blocked(shape.rows(), shape.cols(), bits, blockSize, packed, scales, zp);
    }

    static java.util.List<OnnxMl.NodeProto> nodes(Path dir) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(dir.resolve(LlamaOnnx.MODEL))).getGraph()
                .getNodeList();
    }

    private static long count(Path dir, String opType) throws IOException {
        return nodes(dir).stream().filter(n -> n.getOpType().equals(opType)).count();
    }

    /** The dims of a float initializer. */
    private static java.util.List<Long> floatInitializer(Path dir, String name) throws IOException {
        OnnxMl.TensorProto t = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(dir.resolve(LlamaOnnx.MODEL)))
                .getGraph().getInitializerList().stream().filter(i -> i.getName().equals(name)).findFirst()
                .orElseThrow();
        assertThat(t.getDataType()).isEqualTo(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        return t.getDimsList();
    }

    /** The weights as the writer stores them with a quantizer: projections (and maybe the head) quantized. */
    private record Quantized(LlamaWeights base, LinearQuantizer quantizer, boolean head) implements LlamaWeights {
        @Override
        public LlamaConfig config() {
            LlamaConfig c = base.config();
            return !head ? c : new LlamaConfig(c.architecture(), c.vocabSize(), c.hidden(), c.ffn(), c.layers(),
                    c.heads(), c.kvHeads(), c.headDim(), c.ropeDims(), c.contextLength(), c.ropeTheta(), c.rope(),
                    c.rmsEps(), c.qkvBias(), false, c.bosTokenId(), c.eosTokenId());
        }

        @Override
        public float[] tokenEmbedding() {
            return base.tokenEmbedding();
        }

        @Override
        public float[] norm(String name) {
            return base.norm(name);
        }

        @Override
        public Linear linear(String name) {
            if (name.equals("output") && head) {
                LlamaConfig c = base.config();
                return quantizer.quantize(new Linear.Dense(c.vocabSize(), c.hidden(), base.tokenEmbedding()));
            }
            return quantizer.quantize((Linear.Dense) base.linear(name));
        }

        @Override
        public float[] bias(String name) {
            return base.bias(name);
        }
    }
}
