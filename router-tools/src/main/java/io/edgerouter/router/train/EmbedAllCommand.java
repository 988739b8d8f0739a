package io.edgerouter.router.train;

import io.edgerouter.router.feature.MiniLmEncoder;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code EmbedAllCommand DATA HEAD TAIL CACHE_FILE [LAYERS [MODEL_RESOURCE]]}: fills an embedding scratch file for
 * later training runs (MODEL_RESOURCE: another ONNX export of the same model on the classpath, e.g. the fp32 one).
 */
public final class EmbedAllCommand {

    private EmbedAllCommand() {
    }

    public static void main(String[] args) {
        List<RoutingExample> data = RoutingDataset.load(Path.of(args[0]));
        int depth = args.length > 4 ? Integer.parseInt(args[4]) : MiniLmEncoder.FULL_DEPTH;
        String model = args.length > 5 ? args[5] : MiniLmEncoder.MODEL_RESOURCE;
        try (MiniLmEncoder encoder = new MiniLmEncoder(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1, depth,
                model)) {
            EmbeddingCache.embedAll(data, encoder, Path.of(args[3]));
        }
        System.out.println("embedded " + data.size());
    }
}
