package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Converts an imported model once and reuses the result: {@code cacheRoot/<sha256>[-variant]/}, keyed by the content
 * of the source file(s). A conversion writes into a temporary sibling, puts a marker in it last and renames it
 * atomically, so the cache directory is either absent or complete. One conversion per key runs at a time, across
 * threads (a lock per key) and processes (a file lock beside the directory); temporary directories left by a killed
 * process are deleted by the next conversion of that key.
 */
public final class ImportCache {

    /** Written last into a finished conversion; its first line is the directory's key. */
    static final String MARKER = ".import-complete";
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private ImportCache() {
    }

    /** Writes a converted model directory's files into {@code tempDir} (which exists and is empty). */
    @FunctionalInterface
    public interface Converter {
        void write(Path tempDir) throws IOException;
    }

    /** {@link #convert(Path, List, String, Converter)} for a single source file. */
    public static Path convert(Path cacheRoot, Path source, String variant, Converter converter) {
        return convert(cacheRoot, List.of(source), variant, converter);
    }

    /**
     * The converted directory for these sources, converting only if no complete one exists.
     *
     * @param sources every file the conversion reads (e.g. a checkpoint and a separate tokenizer.bin); the key is
     *                the sha256 of the first alone, or of the list of all their sha256s
     * @param variant distinguishes conversions of the same sources (e.g. {@code q4}); null or empty for none
     * @throws ModelLoadException naming the sources when a source is unreadable or the converter fails (the
     *                            partial output is deleted)
     */
    public static Path convert(Path cacheRoot, List<Path> sources, String variant, Converter converter) {
        if (variant != null && !variant.isEmpty() && !VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant '" + variant + "' must match " + VARIANT.pattern());
        }
        String key = key(sources) + (variant == null || variant.isEmpty() ? "" : "-" + variant);
        Path target = cacheRoot.toAbsolutePath().normalize().resolve(key);
        if (complete(target, key)) {
            return target;
        }
        synchronized (LOCKS.computeIfAbsent(target, t -> new Object())) {
            try {
                Files.createDirectories(target.getParent());
                try (FileChannel lockFile = FileChannel.open(target.resolveSibling(key + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    if (!complete(target, key)) {
                        convertLocked(target, key, sources, converter);
                    }
                    return target;
                }
            } catch (IOException | UncheckedIOException e) {
                throw new ModelLoadException("cannot convert " + sources + " into " + target + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /** The conversion proper; the caller holds this key's locks, so any temporary sibling found is stale. */
    private static void convertLocked(Path target, String key, List<Path> sources, Converter converter)
            throws IOException {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(target.getParent(), key + ".tmp-*")) {
            for (Path dir : stale) {
                deleteTree(dir);
            }
        }
        deleteTree(target); // present but without a valid marker: not ours to trust
        Path temp = Files.createTempDirectory(target.getParent(), key + ".tmp-");
        boolean moved = false;
        try {
            converter.write(temp);
            Files.writeString(temp.resolve(MARKER), key + "\n" + sources + "\n", StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("converting " + sources + " failed: " + e.getMessage(), e);
        } finally {
            if (!moved) {
                deleteQuietly(temp);
            }
        }
    }

    /** Best effort: a temporary directory that survives is stale and the next conversion of its key deletes it. */
    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            return; // the conversion's own failure is the one to report; the next conversion deletes what is left
        }
    }

    private static boolean complete(Path target, String key) {
        Path marker = target.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).startsWith(key + "\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(List<Path> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("an import needs at least one source file");
        }
        if (sources.size() == 1) {
            return sha256(sources.get(0));
        }
        StringBuilder all = new StringBuilder();
        for (Path source : sources) {
            all.append(sha256(source)).append('\n');
        }
        return HexFormat.of().formatHex(digest().digest(all.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /** Hex sha256 of a file's content, read in 1 MiB chunks (model files are gigabytes). */
    public static String sha256(Path file) {
        MessageDigest md = digest();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buffer.clear()) >= 0) {
                md.update(buffer.flip());
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read import source " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
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
}
