package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.edgerouter.engine.quant.HandModels.floats;
import static io.edgerouter.engine.quant.HandModels.node;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sizes and times on a larger synthetic model: 8 blocks of Qwen2.5-0.5B-shaped projections (q, o 896×896; gate, up
 * 896×4864; down 4864×896), 117 M fp32 weights (470 MB) in external data. Runs only with
 * {@code -Dedge.quant.bench=true}; the command runs in its own JVM with a 128 MiB heap to show that one tensor at a
 * time fits.
 */
class QuantizationBenchTest {

    private static final int LAYERS = 8;
    private static final int D = 896;
    private static final int F = 4864;

    @TempDir
    Path dir;

    @Test
    void a470MbModelQuantizesWithA128MibHeapAndDecodesFasterAsInt4AndInt8() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("edge.quant.bench"), "benchmark: run with -Dedge.quant.bench=true");
        Path fp32 = synthetic(dir.resolve("fp32"));
        System.out.printf("fp32: %d bytes%n", Files.size(fp32.resolve("model.onnx.data")));
        for (int bits : new int[] {4, 8}) {
            Path out = dir.resolve("int" + bits);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), QuantizeCommand.class.getName(),
                    "--in", fp32.toString(), "--out", out.toString(), "--bits", "" + bits)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(output).isZero();
            System.out.print("int" + bits + " (-Xmx128m): " + output);
        }
        for (String name : new String[] {"fp32", "int8", "int4"}) {
            for (int m : new int[] {1, 16}) {
                System.out.printf("%s forward M=%d: %.2f ms%n", name, m, forwardMillis(dir.resolve(name), m));
            }
        }
    }

    /** Best of 10 runs of the whole chain, one intra-op thread. */
    private static double forwardMillis(Path model, int m) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = RandomBlocks.gaussian(new Random(1), m, D);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.resolve("model.onnx").toString(), options);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {m, D})) {
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 10; i++) {
                    long start = System.nanoTime();
                    session.run(Map.of("X", in)).close();
                    best = Math.min(best, System.nanoTime() - start);
                }
                return best / 1e6;
            }
        }
    }

    /** h ← h + down(gate(h) · up(h)) · 0 + o(q(h)) per block; weights streamed to model.onnx.data. */
    private static Path synthetic(Path dir) throws IOException {
        Files.createDirectories(dir);
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("bench").addInput(floats("X", "m", D));
        Random rng = new Random(3);
        long offset = 0;
        String h = "X";
        try (OutputStream data = new java.io.BufferedOutputStream(Files.newOutputStream(
                dir.resolve("model.onnx.data")), 1 << 20)) {
            for (int l = 0; l < LAYERS; l++) {
                String[][] weights = {{"q", "" + D, "" + D}, {"o", "" + D, "" + D}, {"gate", "" + D, "" + F},
                        {"up", "" + D, "" + F}, {"down", "" + F, "" + D}};
                for (String[] w : weights) {
                    int k = Integer.parseInt(w[1]);
                    int n = Integer.parseInt(w[2]);
                    byte[] bytes = HandModels.littleEndian(RandomBlocks.gaussian(rng, k, n));
                    for (int i = 0; i < bytes.length; i += 4) {
                        bytes[i + 3] = (byte) (bytes[i + 3] - 0x08); // × 2^-16: keeps activations finite
                    }
                    data.write(bytes);
                    g.addInitializer(HandModels.external("l" + l + "." + w[0], "model.onnx.data", offset,
                            bytes.length, k, n));
                    offset += bytes.length;
                }
                String p = "l" + l + ".";
                g.addNode(node("MatMul", new String[] {h, p + "q"}, p + "qh"))
                        .addNode(node("MatMul", new String[] {p + "qh", p + "o"}, p + "oh"))
                        .addNode(node("MatMul", new String[] {h, p + "gate"}, p + "gh"))
                        .addNode(node("MatMul", new String[] {h, p + "up"}, p + "uh"))
                        .addNode(node("Mul", new String[] {p + "gh", p + "uh"}, p + "mh"))
                        .addNode(node("MatMul", new String[] {p + "mh", p + "down"}, p + "dh"))
                        .addNode(node("Add", new String[] {p + "oh", p + "dh"}, p + "h"));
                h = p + "h";
            }
        }
        g.addNode(node("Identity", new String[] {h}, "Y")).addOutput(floats("Y", "m", D));
        HandModels.writeModel(dir.resolve("model.onnx"), g.build());
        Files.writeString(dir.resolve("config.json"), "{}");
        return dir;
    }
}
