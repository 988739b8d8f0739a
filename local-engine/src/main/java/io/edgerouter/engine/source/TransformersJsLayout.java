package io.edgerouter.engine.source;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The transformers.js / onnx-community layout: {@code config.json} and the tokenizer at the top, one graph per dtype in
 * {@code onnx/} ({@code model.onnx} = fp32, {@code model_fp16.onnx}, {@code model_quantized.onnx} = int8,
 * {@code model_q4.onnx}, ...), each with its external data ({@code model_q4.onnx_data}, {@code _data_1}, ...) beside it.
 */
public final class TransformersJsLayout {

    /** dtype → graph file name, in the order transformers.js documents them. */
    static final Map<String, String> FILES = new LinkedHashMap<>();

    static {
        FILES.put("fp32", "model.onnx");
        FILES.put("fp16", "model_fp16.onnx");
        FILES.put("int8", "model_int8.onnx");
        FILES.put("uint8", "model_uint8.onnx");
        FILES.put("quantized", "model_quantized.onnx");
        FILES.put("q4", "model_q4.onnx");
        FILES.put("q4f16", "model_q4f16.onnx");
        FILES.put("bnb4", "model_bnb4.onnx");
    }

    /**
     * Graphs whose activations are fp16 (fp16, q4f16): ONNX Runtime's CPU provider runs many of their ops through
     * inserted casts or lacks fp16 kernels, so by default they are tried after every fp32-activation graph.
     */
    private static final List<String> FP16_ACTIVATIONS = List.of("fp16", "q4f16");

    private TransformersJsLayout() {
    }

    /**
     * The graph for the source's dtype, or, without one, every graph present: fp32-activation graphs by size
     * (smallest first), then fp16-activation graphs by size; the engine runs the first that ONNX Runtime loads.
     */
    static List<Path> candidates(ModelSource source) {
        Path onnx = source.path().resolve("onnx");
        if (source.dtype().isPresent()) {
            String dtype = source.dtype().get().toLowerCase(java.util.Locale.ROOT);
            String file = FILES.get(dtype.equals("q8") ? "quantized" : dtype);
            if (file == null) {
                throw new ModelLoadException("unknown dtype '" + source.dtype().get() + "' for " + source.path()
                        + "; known: " + String.join(", ", FILES.keySet()));
            }
            if (!Files.isRegularFile(onnx.resolve(file))) {
                throw new ModelLoadException("dtype " + dtype + " needs " + onnx.resolve(file) + ", which does not"
                        + " exist; " + onnx + " holds " + ModelResolver.listing(onnx));
            }
            return List.of(onnx.resolve(file));
        }
        List<Path> found = new ArrayList<>();
        for (Map.Entry<String, String> e : FILES.entrySet()) {
            if (Files.isRegularFile(onnx.resolve(e.getValue()))) {
                found.add(onnx.resolve(e.getValue()));
            }
        }
        if (found.isEmpty()) {
            throw new ModelLoadException(onnx + " holds none of " + String.join(", ", FILES.values()) + " (it holds "
                    + ModelResolver.listing(onnx) + ")");
        }
        found.sort(Comparator.comparing((Path p) -> FP16_ACTIVATIONS.contains(dtypeOf(p)))
                .thenComparingLong(TransformersJsLayout::bytesWithData));
        return found;
    }

    static String dtypeOf(Path graph) {
        String name = graph.getFileName().toString();
        return FILES.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst()
                .orElse("fp32");
    }

    /** The graph file plus its external data files ({@code <name>_data}, {@code <name>_data_1}, {@code .data}). */
    public static long bytesWithData(Path graph) {
        String name = graph.getFileName().toString();
        try (Stream<Path> files = Files.list(graph.getParent())) {
            return files.filter(p -> p.getFileName().toString().equals(name)
                            || p.getFileName().toString().startsWith(name + "_data")
                            || p.getFileName().toString().startsWith(name + ".data"))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    }).sum();
        } catch (IOException e) {
            throw new ModelLoadException("cannot list " + graph.getParent() + ": " + e.getMessage(), e);
        }
    }
}
