package io.edgerouter.engine.quant;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real exporter graphs from the shared data (random weights): ONNX Runtime's GPT-2 decoder (fp32, com.microsoft
 * Attention / SkipLayerNormalization / FastGelu) and ORT GenAI's Llama (fp16, external data). Skipped without the data.
 */
class SharedOnnxModelsQuantizationTest {

    private static final int SEQ = 3;

    @TempDir
    Path dir;

    @Test
    void everyMatMulOfTheFp32Gpt2DecoderIsConvertedAndItsLogitsStayClose() throws OrtException {
        Path model = SharedModels.file("onnx/ort-genai-tiny-random-gpt2-fp32/past.onnx");
        Map<String, ByteBuffer> fp32 = run(model);
        for (int bits : new int[] {8, 4}) {
            Path out = dir.resolve("int" + bits).resolve("past.onnx");
            QuantizationReport r = new OnnxWeightQuantizer(new WeightQuantizer(bits, 32,
                    WeightQuantizer.DEFAULT_SCHEME), 0).quantizeModel(model, out);
            assertThat(r.nodesConverted()).isEqualTo(16); // 5 layers × (attention output, fc, proj) + lm head
            assertThat(r.keptFloat()).isEmpty();
            float[] x = floats(fp32.get("logits"));
            float[] y = floats(run(out).get("logits"));
            double max = 0;
            double scale = 0;
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
                scale = Math.max(scale, Math.abs(x[i]));
            }
            System.out.printf("gpt2 int%d: %s; max |Δlogit| %.5f of max |logit| %.4f%n", bits, r.summary(), max,
                    scale);
            assertThat(max / scale).as("int%d relative logit error", bits).isLessThan(bits == 8 ? 0.02 : 0.3);
        }
    }

    @Test
    void theFp16LlamaKeepsEveryMatMulAndItsExternalDataMovesIntoTheNewFileBitForBit() throws OrtException {
        Path model = SharedModels.file("onnx/ort-genai-tiny-random-llama-fp16/model.onnx");
        Path out = dir.resolve("llama").resolve("model.onnx");
        QuantizationReport r = new OnnxWeightQuantizer(WeightQuantizer.int4(32), 4).quantizeModel(model, out);
        assertThat(r.nodesConverted()).isZero();
        assertThat(r.keptFloat()).hasSize(15).allSatisfy(s -> assertThat(s).endsWith("FLOAT16, not float32"));
        Map<String, ByteBuffer> expected = run(model);
        Map<String, ByteBuffer> actual = run(out);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }

    /** One prefill of {@value #SEQ} tokens with an empty past; every output as raw bytes. */
    private static Map<String, ByteBuffer> run(Path model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toString(), options)) {
                for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                    inputs.put(e.getKey(), input(env, e.getKey(), (TensorInfo) e.getValue().getInfo()));
                }
                Map<String, ByteBuffer> out = new TreeMap<>();
                try (OrtSession.Result result = session.run(inputs)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        ByteBuffer b = ((OnnxTensor) e.getValue()).getByteBuffer();
                        out.put(e.getKey(), ByteBuffer.allocate(b.remaining()).put(b).flip());
                    }
                }
                return out;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Ids 5, 18, 31…, a mask of ones, positions 0, 1, 2…; past tensors empty (their "past" dimension 0). */
    private static OnnxTensor input(OrtEnvironment env, String name, TensorInfo info) throws OrtException {
        long[] shape = info.getShape();
        String[] dims = info.getDimensionNames();
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = dims[i].contains("past") ? 0 : dims[i].contains("batch") ? 1 : SEQ;
            }
            count *= shape[i];
        }
        OnnxJavaType type = info.type;
        ByteBuffer data = ByteBuffer.allocateDirect((int) count * type.size).order(ByteOrder.nativeOrder());
        for (int i = 0; i < count; i++) {
            long v = name.contains("mask") ? 1 : name.contains("position") ? i : 5 + 13L * i;
            if (type == OnnxJavaType.INT64) {
                data.putLong(v);
            } else if (type == OnnxJavaType.INT32) {
                data.putInt((int) v);
            }
        }
        data.rewind();
        return OnnxTensor.createTensor(env, data, shape, type);
    }

    private static float[] floats(ByteBuffer bytes) {
        FloatBuffer f = bytes.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        float[] out = new float[f.remaining()];
        f.get(out);
        return out;
    }
}
