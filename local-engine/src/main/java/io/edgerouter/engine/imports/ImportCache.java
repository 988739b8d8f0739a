package io.edgerouter.engine.imports;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Imports converted once: {@code <root>/<sha256 of the source files>-<variant>/}. A conversion writes into a fresh
 * temporary sibling and is renamed into place atomically after a {@code complete} marker was written last, so a
 * second start reuses it, a changed source (another sha256) converts again, and a failed or killed conversion
 * leaves nothing that a later start could take for a result. Conversions of one key in one JVM run once.
 */
public final class ImportCache {

    /** Writes a converted model into an empty directory. */
    @FunctionalInterface
    public interface Converter {
        void write(Path dir) throws IOException;
    }

    static final String MARKER = "complete";
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ImportCache() {
    }

    /**
     * The converted directory for {@code sources} (their bytes, in order) and {@code variant}, converting first when
     * it is not there yet.
     *
     * @throws ModelLoadException naming the first source when the conversion fails (its own message kept)
     */
    public static Path convert(Path root, List<Path> sources, String variant, Converter converter) {
        Path dir = root.resolve(key(sources) + "-" + variant);
        synchronized (LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object())) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
            Path tmp = null;
            try {
                Files.createDirectories(root);
                tmp = Files.createTempDirectory(root, dir.getFileName() + ".tmp-");
                converter.write(tmp);
                Files.writeString(tmp.resolve(MARKER), String.join("\n", sources.stream().map(Path::toString)
                        .toList()) + "\n", StandardCharsets.UTF_8);
                deleteTree(dir); // an incomplete directory a crashed process left under the final name
                move(tmp, dir);
                tmp = null;
                return dir;
            } catch (IOException | RuntimeException e) {
                String what = e instanceof ModelLoadException ? e.getMessage() : e.toString();
                throw new ModelLoadException("cannot import " + sources.get(0) + " (" + variant + "): " + what, e);
            } finally {
                deleteQuietly(tmp);
            }
        }
    }

    private static void move(Path tmp, Path dir) throws IOException {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            if (!Files.isRegularFile(dir.resolve(MARKER))) { // another process finished first: keep its result
                throw e;
            }
        }
    }

    /** sha256 over every source's bytes, streamed. */
    static String key(List<Path> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (Path source : sources) {
                try (InputStream in = Files.newInputStream(source)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        sha.update(buffer, 0, n);
                    }
                }
                sha.update((byte) 0); // file boundaries count: (ab, c) is not (a, bc)
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + sources + " to import it: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            try {
                deleteTree(dir);
            } catch (IOException e) {
                // the original failure is being thrown; a leftover temp directory is never taken for a result
                System.getLogger(ImportCache.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
