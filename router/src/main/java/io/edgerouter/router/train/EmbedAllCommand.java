package io.edgerouter.router.train;

import io.edgerouter.router.feature.MiniLmEncoder;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code EmbedAllCommand DATA HEAD TAIL CACHE_FILE [LAYERS]}: fills an embedding scratch file for later training runs.
 */
public final class EmbedAllCommand {

    private EmbedAllCommand() {
    }

    public static void main(String[] args) {
        List<RoutingExample> data = RoutingDataset.load(Path.of(args[0]));
        int depth = args.length > 4 ? Integer.parseInt(args[4]) : MiniLmEncoder.FULL_DEPTH;
        try (MiniLmEncoder encoder = new MiniLmEncoder(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 1, depth)) {
            EmbeddingCache.embedAll(data, encoder, Path.of(args[3]));
        }
        System.out.println("embedded " + data.size());
    }
}
