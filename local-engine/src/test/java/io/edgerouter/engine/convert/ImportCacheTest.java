package io.edgerouter.engine.convert;

import io.edgerouter.engine.ModelLoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportCacheTest {

    @TempDir
    Path tmp;

    @Test
    void convertsOnceIntoTheDirectoryNamedByTheSourcesSha256AndVariantThenReusesIt() throws Exception {
        Path source = file("model.bin", "weights v1");
        Path cache = tmp.resolve("cache");
        AtomicInteger runs = new AtomicInteger();
        ImportCache.Converter converter = dir -> {
            runs.incrementAndGet();
            Files.writeString(dir.resolve("model.onnx"), "graph");
        };
        Path first = ImportCache.convert(cache, source, "q4", converter);
        Path second = ImportCache.convert(cache, source, "q4", converter);
        assertThat(first.getFileName().toString()).isEqualTo(sha256("weights v1") + "-q4");
        assertThat(second).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(first.resolve("model.onnx")).hasContent("graph");
        assertThat(ImportCache.convert(cache, source, null, converter).getFileName().toString())
                .isEqualTo(sha256("weights v1"));
        assertThat(runs).hasValue(2);
    }

    @Test
    void aChangedSourceConvertsAgainIntoANewDirectory() throws Exception {
        Path source = file("model.bin", "weights v1");
        Path cache = tmp.resolve("cache");
        AtomicInteger runs = new AtomicInteger();
        ImportCache.Converter converter = dir -> Files.writeString(dir.resolve("n"), "" + runs.incrementAndGet());
        Path before = ImportCache.convert(cache, source, "fp32", converter);
        Files.writeString(source, "weights v2");
        Path after = ImportCache.convert(cache, source, "fp32", converter);
        assertThat(after).isNotEqualTo(before);
        assertThat(after.getFileName().toString()).startsWith(sha256("weights v2"));
        assertThat(after.resolve("n")).hasContent("2");
        assertThat(before.resolve("n")).hasContent("1");
    }

    @Test
    void everySourceFileIsPartOfTheKey() throws Exception {
        Path model = file("model.bin", "weights");
        Path tokenizer = file("tokenizer.bin", "pieces v1");
        Path cache = tmp.resolve("cache");
        ImportCache.Converter converter = dir -> Files.writeString(dir.resolve("x"), "x");
        Path one = ImportCache.convert(cache, List.of(model, tokenizer), "", converter);
        Files.writeString(tokenizer, "pieces v2");
        Path two = ImportCache.convert(cache, List.of(model, tokenizer), "", converter);
        assertThat(two).isNotEqualTo(one);
        assertThat(one.getFileName().toString()).isEqualTo(sha256(sha256("weights") + "\n" + sha256("pieces v1")
                + "\n"));
    }

    @Test
    void aFailingConverterLeavesNoDirectoryBehindAndNamesTheSource() throws Exception {
        Path source = file("stories.bin", "weights");
        Path cache = tmp.resolve("cache");
        assertThatThrownBy(() -> ImportCache.convert(cache, source, "q8", dir -> {
            Files.writeString(dir.resolve("model.onnx.data"), "half of it");
            throw new IOException("disk full");
        })).isInstanceOf(ModelLoadException.class).hasMessageContaining("stories.bin").hasMessageContaining("disk full");
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).allSatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".lock"));
        }
        Path done = ImportCache.convert(cache, source, "q8", dir -> Files.writeString(dir.resolve("ok"), "ok"));
        assertThat(done.resolve("ok")).exists();
        assertThat(done.resolve("model.onnx.data")).doesNotExist();
    }

    @Test
    void twoThreadsAskingForTheSameKeyShareOneConversion() throws Exception {
        Path source = file("model.bin", "weights");
        Path cache = tmp.resolve("cache");
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Path>> results = Stream.of(1, 2).map(i -> pool.submit(() -> {
                start.await();
                return ImportCache.convert(cache, source, "q4", dir -> {
                    runs.incrementAndGet();
                    sleep(300);
                    Files.writeString(dir.resolve("model.onnx"), "graph");
                });
            })).toList();
            start.countDown();
            assertThat(results.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(results.get(1).get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    void leftoversOfAKilledConversionAreDeletedAndRedone() throws Exception {
        Path source = file("model.bin", "weights");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        String key = sha256("weights") + "-q4";
        Path staleTemp = Files.createDirectories(cache.resolve(key + ".tmp-12345"));
        Files.writeString(staleTemp.resolve("model.onnx.data"), "partial");
        Path unmarked = Files.createDirectories(cache.resolve(key));
        Files.writeString(unmarked.resolve("model.onnx"), "copied by hand, no marker");
        Path done = ImportCache.convert(cache, source, "q4", dir -> Files.writeString(dir.resolve("model.onnx"), "new"));
        assertThat(done).isEqualTo(unmarked);
        assertThat(done.resolve("model.onnx")).hasContent("new");
        assertThat(staleTemp).doesNotExist();
    }

    @Test
    void sha256StreamsFilesLargerThanItsBuffer() throws Exception {
        byte[] big = new byte[3 * (1 << 20) + 123];
        new Random(3).nextBytes(big);
        Path file = Files.write(tmp.resolve("big.bin"), big);
        assertThat(ImportCache.sha256(file))
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big)));
    }

    @Test
    void aMissingSourceOrAnUnsafeVariantIsRejected() {
        Path cache = tmp.resolve("cache");
        assertThatThrownBy(() -> ImportCache.convert(cache, tmp.resolve("absent.bin"), "q4", dir -> { }))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("absent.bin");
        assertThatThrownBy(() -> ImportCache.convert(cache, tmp.resolve("absent.bin"), "../up", dir -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
