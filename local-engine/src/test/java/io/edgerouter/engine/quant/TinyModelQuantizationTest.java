package io.edgerouter.engine.quant;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgerouter.engine.GenerationResult;
import io.edgerouter.engine.LocalEngine;
import io.edgerouter.engine.Prompts;
import io.edgerouter.engine.TinyFixture;
import io.edgerouter.engine.chat.ChatMessage;
import io.edgerouter.engine.kv.KvCache;
import io.edgerouter.engine.model.CausalLm;
import io.edgerouter.engine.tiny.TinyModelSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiny generated target, quantized to int8 and int4, against its fp32 original. */
class TinyModelQuantizationTest {

    private static final int V = TinyModelSpec.VOCAB;

    @TempDir
    static Path dir;
    static Path fp32;
    static Map<String, QuantizationReport> reports = new TreeMap<>();

    @BeforeAll
    static void quantize() {
        fp32 = TinyFixture.pair().target();
        for (int bits : new int[] {4, 8}) {
            for (int level : new int[] {0, 4}) {
                QuantizationReport r = new OnnxWeightQuantizer(new WeightQuantizer(bits, 32,
                        WeightQuantizer.DEFAULT_SCHEME), level).quantizeDirectory(fp32, dir.resolve(name(bits, level)));
                reports.put(name(bits, level), r);
                System.out.println(name(bits, level) + ": " + r.summary());
            }
        }
    }

    static String name(int bits, int level) {
        return "int" + bits + "-level" + level;
    }

    @Test
    void everyWeightMatMulIsConvertedAndTheSharedCopyMixIsQuantizedOnce() {
        int layers = TinyFixture.SPEC.layers();
        for (QuantizationReport r : reports.values()) {
            // q, k, v, o, gate, up, down per layer; lm_head; copy_unembed; copy_mix twice (one tensor)
            assertThat(r.nodesConverted()).isEqualTo(7 * layers + 4);
            assertThat(r.tensorsQuantized()).isEqualTo(7 * layers + 3);
            assertThat(r.keptFloat()).isEmpty();
            assertThat(r.weightBytesAfter()).isLessThan(r.weightBytesBefore() / 3);
        }
        assertThat(reports.get("int4-level4").weightBytesAfter())
                .isLessThan(reports.get("int8-level4").weightBytesAfter() * 2 / 3);
    }

    @Test
    void theQuantizedModelsKeepTheGraphInputsAndOutputs() throws OrtException {
        Map<String, String> expected = signature(fp32.resolve("model.onnx"));
        for (String name : reports.keySet()) {
            assertThat(signature(dir.resolve(name).resolve("model.onnx"))).as(name).isEqualTo(expected);
        }
    }

    @Test
    void theOutputDirectoryHasEveryOtherFileUnchanged() throws IOException {
        try (Stream<Path> files = Files.list(fp32)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("model.onnx")).toList()) {
                Path copy = dir.resolve("int4-level4").resolve(f.getFileName());
                assertThat(Files.readAllBytes(copy)).as(copy.toString()).isEqualTo(Files.readAllBytes(f));
            }
        }
        assertThat(dir.resolve("int4-level4").resolve("model.onnx.data")).isRegularFile();
    }

    @Test
    void quantizingTheSameModelAgainWritesByteIdenticalFiles() throws IOException {
        Path again = dir.resolve("again");
        new OnnxWeightQuantizer(WeightQuantizer.int4(32), 4).quantizeDirectory(fp32, again);
        for (String f : new String[] {"model.onnx", "model.onnx.data"}) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("int4-level4").resolve(f)));
        }
    }

    @Test
    void int8LogitsAreMuchCloserToFp32ThanInt4AndBothKeepTheArgmaxMostly() {
        Map<String, double[]> stats = new TreeMap<>();
        for (String name : reports.keySet()) {
            stats.put(name, compare(dir.resolve(name)));
            System.out.printf("%s: max |Δlogit| %.4f, mean |Δlogit| %.5f (fp32 mean |logit| %.3f), argmax"
                            + " agreement %.3f%n", name, stats.get(name)[0], stats.get(name)[1], stats.get(name)[3],
                    stats.get(name)[2]);
        }
        for (int level : new int[] {0, 4}) {
            double[] int8 = stats.get(name(8, level));
            double[] int4 = stats.get(name(4, level));
            assertThat(int8[1]).as("int8 mean error, level %d", level).isLessThan(int4[1] / 5);
            assertThat(int8[2]).as("int8 argmax agreement").isGreaterThanOrEqualTo(0.97);
            assertThat(int4[2]).as("int4 argmax agreement").isGreaterThanOrEqualTo(0.80);
        }
        // measured 0.11 / 0.16 (int8, level 0 / 4) and 5.4 (int4, the copy head's sharp attention flips)
        assertThat(Math.max(stats.get(name(8, 0))[0], stats.get(name(8, 4))[0])).isLessThan(0.3);
        assertThat(Math.max(stats.get(name(4, 0))[0], stats.get(name(4, 4))[0])).isLessThan(8);
    }

    @Test
    void greedyGenerationOfTheInt8ModelMatchesFp32OnMostPrompts() {
        List<List<ChatMessage>> prompts = Prompts.grounded(8, 12, 3);
        int[][] reference = generate(fp32, prompts);
        for (String name : reports.keySet()) {
            int[][] out = generate(dir.resolve(name), prompts);
            int same = 0;
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(out[i]).as("%s generates text", name).isNotEmpty();
                same += Arrays.equals(out[i], reference[i]) ? 1 : 0;
            }
            System.out.printf("%s: greedy output identical to fp32 on %d of %d prompts%n", name, same,
                    prompts.size());
            if (name.startsWith("int8")) { // measured 8 of 8 at both accuracy levels
                assertThat(same).as(name).isGreaterThanOrEqualTo(prompts.size() * 3 / 4);
            }
        }
    }

    private static int[][] generate(Path model, List<List<ChatMessage>> prompts) {
        try (LocalEngine engine = LocalEngine.open(LocalEngine.Options.of(model, null))) {
            int[][] out = new int[prompts.size()][];
            for (int i = 0; i < prompts.size(); i++) {
                GenerationResult r = engine.chat(prompts.get(i), 32);
                out[i] = r.tokens();
            }
            return out;
        }
    }

    /** {max |Δ|, mean |Δ|, argmax agreement, mean |fp32 logit|} of the logits over several token sequences. */
    private static double[] compare(Path quantized) {
        double max = 0;
        double sum = 0;
        double scale = 0;
        long count = 0;
        int agree = 0;
        int positions = 0;
        try (CausalLm a = CausalLm.load(fp32, 1); CausalLm b = CausalLm.load(quantized, 1)) {
            for (int seed = 0; seed < 4; seed++) {
                int[] tokens = tokens(48, seed);
                float[] x = forward(a, tokens);
                float[] y = forward(b, tokens);
                for (int t = 0; t < tokens.length; t++) {
                    int ax = 0;
                    int ay = 0;
                    for (int v = 0; v < V; v++) {
                        double d = Math.abs(x[t * V + v] - y[t * V + v]);
                        max = Math.max(max, d);
                        sum += d;
                        scale += Math.abs(x[t * V + v]);
                        count++;
                        ax = x[t * V + v] > x[t * V + ax] ? v : ax;
                        ay = y[t * V + v] > y[t * V + ay] ? v : ay;
                    }
                    agree += ax == ay ? 1 : 0;
                    positions++;
                }
            }
        }
        return new double[] {max, sum / count, (double) agree / positions, scale / count};
    }

    private static float[] forward(CausalLm model, int[] tokens) {
        try (KvCache cache = model.newCache()) {
            return model.forward(tokens, cache, tokens.length); // (seq, vocab)
        }
    }

    /** Random bytes with repeats every 8 positions, so the copy head has something to copy. */
    private static int[] tokens(int n, long seed) {
        Random rng = new Random(seed);
        int[] tokens = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = i >= 8 && rng.nextInt(3) == 0 ? tokens[i - 8] : rng.nextInt(256);
        }
        return tokens;
    }

    /** Input and output names with their element types and ranks. */
    private static Map<String, String> signature(Path model) throws OrtException {
        Map<String, String> out = new TreeMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options)) {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                out.put("in " + e.getKey(), e.getValue().getInfo().toString());
            }
            for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
                out.put("out " + e.getKey(), e.getValue().getInfo().toString());
            }
        }
        return out;
    }
}
