package io.edgerouter.engine.bench;

import io.edgerouter.engine.convert.LlamaOnnx;
import io.edgerouter.engine.imports.ImportPrecision;
import io.edgerouter.engine.tiny.TinyModels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Random-weight models of real shapes for {@code bench/engine --shape}, written once through the same ONNX writer as
 * imports ({@link LlamaOnnx}) and reused: fp32, or int4 (MatMulNBits, block 32, the head quantized too).
 */
final class ShapeModels {

    private ShapeModels() {
    }

    /** The model directory for {@code shape} at {@code precision} (fp32 | int4 | int8) under {@code root}. */
    static Path generate(Path root, String shape, String precision) {
        if (!shape.equals("qwen2.5-0.5b")) {
            throw new IllegalArgumentException("unknown shape '" + shape + "' (known: qwen2.5-0.5b)");
        }
        LlamaOnnx.Options options = ImportPrecision.parse(precision, "--shape " + shape).options(); // as imports do
        Path dir = root.resolve(shape + "-" + precision);
        if (Files.exists(dir.resolve("complete"))) {
            return dir;
        }
        Path tmp = root.resolve(shape + "-" + precision + ".tmp");
        try {
            delete(tmp);
            long start = System.nanoTime();
            LlamaOnnx.write(new RandomLlamaWeights(RandomLlamaWeights.qwen25HalfB(), 7), tmp, options);
            TinyModels.writeTokenizer(tmp);
            Files.writeString(tmp.resolve("complete"), shape + " " + precision + "\n");
            delete(dir);
            Files.move(tmp, dir);
            System.out.printf(java.util.Locale.ROOT, "generated %s in %.1f s%n", dir, (System.nanoTime() - start) / 1e9);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
