package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtException;
import io.edgerouter.engine.InvalidRequestException;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.convert.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.edgerouter.engine.quant.HandModels.attribute;
import static io.edgerouter.engine.quant.HandModels.floats;
import static io.edgerouter.engine.quant.HandModels.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole-model pass on hand-built graphs: external data in and out, Gemm, nodes that stay fp32, subgraphs, and
 * broken external references. Expected outputs come from plain-Java matmuls over the original weights (fp32) or over
 * the quantizer's dequantized blocks (converted nodes).
 */
class OnnxWeightQuantizerTest {

    private static final int M = 5;
    private static final OnnxWeightQuantizer INT8_EXACT = new OnnxWeightQuantizer(WeightQuantizer.int8(32), 0);

    @TempDir
    Path dir;

    private final Random rng = new Random(17);
    private final float[] w1 = RandomBlocks.gaussian(rng, 96, 40); // (K, N) external, at offset 100
    private final float[] b1 = RandomBlocks.gaussian(rng, 1, 40); // external, after w1
    private final float[] w2t = RandomBlocks.gaussian(rng, 24, 40); // (N, K) for Gemm transB = 1
    private final float[] c2 = RandomBlocks.gaussian(rng, 1, 24);
    private final float[] w3 = RandomBlocks.gaussian(rng, 16, 8); // K = 16 < 32: stays fp32
    private final float[] w4 = RandomBlocks.gaussian(rng, 40, 24); // Gemm with beta 0.5: stays fp32
    private final float[] c4 = RandomBlocks.gaussian(rng, 1, 24);
    private final float[] x = RandomBlocks.gaussian(rng, M, 96);
    private final float[] xs = RandomBlocks.gaussian(rng, M, 16);

    @Test
    void externalWeightsAreQuantizedAndEverythingElseKeepsItsValuesInTheNewDataFile()
            throws IOException, OrtException {
        Path in = mixedModel(100, w1.length * 4L, "weights.bin");
        QuantizationReport r = INT8_EXACT.quantizeDirectory(in, dir.resolve("out"));
        assertThat(r.nodesConverted()).isEqualTo(2);
        assertThat(r.tensorsQuantized()).isEqualTo(2);
        assertThat(r.weightBytesBefore()).isEqualTo((96 * 40 + 24 * 40) * 4L);
        assertThat(r.keptFloat()).hasSize(2).anySatisfy(s -> assertThat(s).contains("'Xs_mm'", "K = 16 is smaller"))
                .anySatisfy(s -> assertThat(s).contains("beta = 1"));

        Map<String, float[]> y = HandModels.run(dir.resolve("out/model.onnx"), inputs());
        float[] h = add(matmul(x, M, dequantized(w1, 96, 40, true), 96, 40), b1);
        assertClose(y.get("Y1"), add(matmul(h, M, dequantized(w2t, 40, 24, false), 40, 24), c2));
        assertClose(y.get("Y2"), matmul(xs, M, w3, 16, 8));
        assertClose(y.get("Y3"), add(matmul(h, M, w4, 40, 24), scaled(c4, 0.5f)));

        OnnxMl.ModelProto out = HandModels.read(dir.resolve("out/model.onnx"));
        assertThat(out.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("MatMulNBits", "Add", "MatMulNBits", "MatMul", "Gemm");
        assertThat(out.getGraph().getInitializerList()).extracting(OnnxMl.TensorProto::getName)
                .doesNotContain("W1", "W2T").contains("b1", "C2", "W3", "W4", "C4");
        for (OnnxMl.TensorProto t : out.getGraph().getInitializerList()) {
            t.getExternalDataList().stream().filter(e -> e.getKey().equals("location"))
                    .forEach(e -> assertThat(e.getValue()).isEqualTo("model.onnx.data"));
        }
        assertThat(out.getOpsetImportList()).extracting(OnnxMl.OperatorSetIdProto::getDomain)
                .contains("", "com.microsoft");
        assertThat(dir.resolve("out/weights.bin")).doesNotExist();
        assertThat(dir.resolve("out/extra/notes.txt")).hasContent("kept");
        assertThat(dir.resolve("out/config.json")).hasContent("{}");
    }

    @Test
    void symmetricBlocksWriteNoZeroPointsAndTheGemmBiasMovesToInputSix() throws IOException, OrtException {
        Path in = mixedModel(100, w1.length * 4L, "weights.bin");
        WeightQuantizer symmetric = new WeightQuantizer(4, 32, WeightQuantizer.Scheme.SYMMETRIC);
        new OnnxWeightQuantizer(symmetric, 0).quantizeDirectory(in, dir.resolve("out"));
        OnnxMl.ModelProto out = HandModels.read(dir.resolve("out/model.onnx"));
        assertThat(out.getGraph().getNode(0).getInputList()).containsExactly("X", "W1_T_Q4", "W1_T_scales");
        assertThat(out.getGraph().getNode(2).getInputList()).containsExactly("H", "W2T_Q4", "W2T_scales", "", "",
                "C2");
        Map<String, float[]> y = HandModels.run(dir.resolve("out/model.onnx"), inputs());
        float[] h = add(matmul(x, M, dequantized(symmetric, w1, 96, 40, true), 96, 40), b1);
        assertClose(y.get("Y1"), add(matmul(h, M, dequantized(symmetric, w2t, 40, 24, false), 40, 24), c2));
    }

    @Test
    void aWeightLargerThanOneBandIsQuantizedBandByBandExactlyAsAllAtOnce() throws IOException {
        int k = 32;
        int n = 40_000; // 1.28 M floats: two bands of 2^20 / 32 rows
        float[] w = RandomBlocks.gaussian(rng, k, n); // (K, N)
        HandModels.writeModel(dir.resolve("in/model.onnx"), OnnxMl.GraphProto.newBuilder().setName("wide")
                .addInput(floats("X", "m", k)).addInitializer(HandModels.inline("W", w, k, n))
                .addNode(node("MatMul", new String[] {"X", "W"}, "Y")).addOutput(floats("Y", "m", n)).build());
        INT8_EXACT.quantizeDirectory(dir.resolve("in"), dir.resolve("out"));
        Linear.Blocked whole = WeightQuantizer.int8(32).quantize(new Linear.Dense(n, k, transpose(w, k, n)));
        OnnxMl.ModelProto out = HandModels.read(dir.resolve("out/model.onnx"));
        try (TensorData data = new TensorData(dir.resolve("out/model.onnx"))) {
            Map<String, OnnxMl.TensorProto> tensors = new java.util.HashMap<>();
            out.getGraph().getInitializerList().forEach(t -> tensors.put(t.getName(), t));
            assertThat(bytes(data, tensors.get("W_T_Q8"))).isEqualTo(whole.packed());
            assertThat(bytes(data, tensors.get("W_T_scales")))
                    .isEqualTo(HandModels.littleEndian(whole.scales()));
            assertThat(bytes(data, tensors.get("W_T_zp"))).isEqualTo(whole.zeroPoints());
            for (OnnxMl.TensorProto t : tensors.values()) {
                if (TensorData.isExternal(t)) {
                    TensorData.Location at = data.location(t);
                    assertThat(at.offset() % (at.length() >= 65536 ? 65536 : 16)).as(t.getName()).isZero();
                }
            }
        }
    }

    @Test
    void theOriginalMixedModelComputesThePlainJavaReference() throws IOException, OrtException {
        Map<String, float[]> y = HandModels.run(mixedModel(100, w1.length * 4L, "weights.bin")
                .resolve("model.onnx"), inputs());
        float[] h = add(matmul(x, M, w1, 96, 40), b1);
        assertClose(y.get("Y1"), add(matmul(h, M, transpose(w2t, 24, 40), 40, 24), c2));
        assertClose(y.get("Y3"), add(matmul(h, M, w4, 40, 24), scaled(c4, 0.5f)));
    }

    @Test
    void aMissingExternalDataFileIsReportedByName() throws IOException {
        Path in = mixedModel(100, w1.length * 4L, "weights.bin");
        Files.delete(in.resolve("weights.bin"));
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(in, dir.resolve("out")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tensor 'W1'").hasMessageContaining("weights.bin does not exist");
    }

    @Test
    void aTruncatedExternalDataFileIsReportedWithTheBytesItLacks() throws IOException {
        Path in = mixedModel(100, w1.length * 4L, "weights.bin");
        byte[] all = Files.readAllBytes(in.resolve("weights.bin"));
        Files.write(in.resolve("weights.bin"), java.util.Arrays.copyOf(all, 8000));
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(in, dir.resolve("out")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("tensor 'W1'")
                .hasMessageContaining("weights.bin is truncated: the tensor needs bytes [100, 15460)")
                .hasMessageContaining("has 8000");
    }

    @Test
    void anExternalLengthThatDisagreesWithTheDimsIsRejected() throws IOException {
        Path in = mixedModel(100, 999, "weights.bin");
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(in, dir.resolve("out")))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("external data length 999").hasMessageContaining("15360 bytes");
    }

    @Test
    void anExternalLocationOutsideTheModelDirectoryIsRejected() throws IOException {
        Path in = mixedModel(100, w1.length * 4L, "../weights.bin");
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(in, dir.resolve("out")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("'../weights.bin' must be a relative");
    }

    @Test
    void theInputDirectoryCannotBeTheOutputAndMustHoldAModel() throws IOException {
        Path in = mixedModel(100, w1.length * 4L, "weights.bin");
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(in, in)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> INT8_EXACT.quantizeDirectory(dir.resolve("none"), dir.resolve("out")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("missing model.onnx");
    }

    @Test
    void aSubgraphMatMulOverAMainGraphWeightIsConvertedUnlessTheSubgraphShadowsTheName()
            throws IOException, OrtException {
        float[] w = RandomBlocks.gaussian(rng, 64, 48);
        float[] local = RandomBlocks.gaussian(rng, 64, 48);
        OnnxMl.GraphProto then = OnnxMl.GraphProto.newBuilder().setName("then")
                .addNode(node("MatMul", new String[] {"X", "W"}, "t")).addOutput(floats("t", "m", 48)).build();
        OnnxMl.GraphProto otherwise = OnnxMl.GraphProto.newBuilder().setName("else")
                .addInitializer(HandModels.inline("W", local, 64, 48))
                .addNode(node("MatMul", new String[] {"X", "W"}, "e")).addOutput(floats("e", "m", 48)).build();
        OnnxMl.GraphProto main = OnnxMl.GraphProto.newBuilder().setName("if")
                .addInput(floats("X", "m", 64))
                .addInput(OnnxMl.ValueInfoProto.newBuilder().setName("cond").setType(OnnxMl.TypeProto.newBuilder()
                        .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(9)
                                .setShape(OnnxMl.TensorShapeProto.newBuilder()))))
                .addInitializer(HandModels.inline("W", w, 64, 48))
                .addNode(node("If", new String[] {"cond"}, "Y", attribute("then_branch", then),
                        attribute("else_branch", otherwise)))
                .addOutput(floats("Y", "m", 48)).build();
        HandModels.writeModel(dir.resolve("in/model.onnx"), main);
        QuantizationReport r = INT8_EXACT.quantizeDirectory(dir.resolve("in"), dir.resolve("out"));
        assertThat(r.nodesConverted()).isEqualTo(1);
        float[] xi = RandomBlocks.gaussian(rng, M, 64);
        Path out = dir.resolve("out/model.onnx");
        assertClose(HandModels.run(out, Map.of("X", new Object[] {xi, new long[] {M, 64}}, "cond",
                new Object[] {true})).get("Y"), matmul(xi, M, dequantized(w, 64, 48, true), 64, 48));
        assertClose(HandModels.run(out, Map.of("X", new Object[] {xi, new long[] {M, 64}}, "cond",
                new Object[] {false})).get("Y"), matmul(xi, M, local, 64, 48));
    }

    /**
     * X (m, 96) · W1 (external) + b1 (external) = H; Y1 = Gemm(H, W2T, C2, transB = 1); Y2 = Xs · W3 (K = 16);
     * Y3 = Gemm(H, W4, C4, beta = 0.5). W1 sits at {@code offset} of {@code location} after junk bytes.
     */
    private Path mixedModel(long offset, long w1Length, String location) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in.resolve("extra"));
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("mixed")
                .addInput(floats("X", "m", 96)).addInput(floats("Xs", "m", 16))
                .addInitializer(HandModels.external("W1", location, offset, w1Length, 96, 40))
                .addInitializer(HandModels.external("b1", location, offset + w1.length * 4L, 160, 40))
                .addInitializer(HandModels.inline("W2T", w2t, 24, 40))
                .addInitializer(HandModels.inline("C2", c2, 24))
                .addInitializer(HandModels.inline("W3", w3, 16, 8))
                .addInitializer(HandModels.inline("W4", w4, 40, 24))
                .addInitializer(HandModels.inline("C4", c4, 24))
                .addNode(node("MatMul", new String[] {"X", "W1"}, "H0"))
                .addNode(node("Add", new String[] {"H0", "b1"}, "H"))
                .addNode(node("Gemm", new String[] {"H", "W2T", "C2"}, "Y1", attribute("transB", 1L)))
                .addNode(node("MatMul", new String[] {"Xs", "W3"}, "Y2").toBuilder().setName("Xs_mm").build())
                .addNode(node("Gemm", new String[] {"H", "W4", "C4"}, "Y3", attribute("beta", 0.5f)))
                .addOutput(floats("Y1", "m", 24)).addOutput(floats("Y2", "m", 8)).addOutput(floats("Y3", "m", 24))
                .build();
        HandModels.writeModel(in.resolve("model.onnx"), g);
        HandModels.writeFile(in.resolve("weights.bin"), new byte[(int) offset], HandModels.littleEndian(w1),
                HandModels.littleEndian(b1));
        Files.writeString(in.resolve("config.json"), "{}");
        Files.writeString(in.resolve("extra/notes.txt"), "kept");
        return in;
    }

    private Map<String, Object[]> inputs() {
        return Map.of("X", new Object[] {x, new long[] {M, 96}}, "Xs", new Object[] {xs, new long[] {M, 16}});
    }

    /** The int8 quantizer's view of a weight as (K, N), from (K, N) storage or, if not, (N, K). */
    private static float[] dequantized(float[] w, int k, int n, boolean storedKn) {
        return dequantized(WeightQuantizer.int8(32), w, k, n, storedKn);
    }

    private static float[] dequantized(LinearQuantizer q, float[] w, int k, int n, boolean storedKn) {
        float[] rows = storedKn ? transpose(w, k, n) : w; // (N, K)
        return transpose(q.quantize(new Linear.Dense(n, k, rows)).dequantize(), n, k);
    }

    private static byte[] bytes(TensorData data, OnnxMl.TensorProto t) {
        java.nio.ByteBuffer b = data.bytes(t);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /** (m, k) · (k, n). */
    private static float[] matmul(float[] a, int m, float[] b, int k, int n) {
        double[] y = RandomBlocks.matmulTransposed(a, m, transpose(b, k, n), n, k);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    private static float[] add(float[] y, float[] bias) {
        float[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += bias[i % bias.length];
        }
        return out;
    }

    private static float[] scaled(float[] v, float s) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= s;
        }
        return out;
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i])).as("element %d", i)
                    .isLessThanOrEqualTo(1e-4f * (1 + Math.abs(expected[i])));
        }
    }
}
