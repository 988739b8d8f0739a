package io.edgerouter.router.train;

import io.edgerouter.router.feature.SentenceEncoder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Embeds every example once and keeps the matrix in a scratch file (outside the repository) so repeated training
 * and cross-validation runs do not re-run the encoder. The file is keyed by a caller-chosen name and checked
 * against the example count and a hash of the prompts.
 */
public final class EmbeddingCache {

    private EmbeddingCache() {
    }

    /** @return (n, dim) embeddings, from {@code file} when it matches, else computed and written there. */
    public static float[][] embedAll(List<RoutingExample> examples, SentenceEncoder encoder, Path file) {
        long hash = promptsHash(examples);
        float[][] cached = read(file, examples.size(), encoder.dimension(), hash);
        if (cached != null) {
            return cached;
        }
        float[][] out = new float[examples.size()][];
        long t0 = System.nanoTime();
        for (int i = 0; i < out.length; i++) {
            out[i] = encoder.embed(examples.get(i).prompt());
            if ((i + 1) % 1000 == 0) {
                System.err.printf("embedded %d/%d (%.1f s)%n", i + 1, out.length, (System.nanoTime() - t0) / 1e9);
            }
        }
        if (file != null) {
            write(file, out, hash);
        }
        return out;
    }

    static long promptsHash(List<RoutingExample> examples) {
        long h = 1125899906842597L;
        for (RoutingExample e : examples) {
            h = 31 * h + e.prompt().hashCode();
        }
        return h;
    }

    private static float[][] read(Path file, int n, int dim, long hash) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != hash || in.readInt() != n || in.readInt() != dim) {
                return null;
            }
            float[][] out = new float[n][dim];
            for (float[] row : out) {
                for (int d = 0; d < dim; d++) {
                    row[d] = in.readFloat();
                }
            }
            return out;
        } catch (IOException e) {
            return null; // a stale or truncated scratch file is recomputed
        }
    }

    private static void write(Path file, float[][] rows, long hash) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeLong(hash);
                out.writeInt(rows.length);
                out.writeInt(rows.length == 0 ? 0 : rows[0].length);
                for (float[] row : rows) {
                    for (float v : row) {
                        out.writeFloat(v);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write embedding cache " + file, e);
        }
    }
}
