package io.edgerouter.engine.gguf;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.edgerouter.engine.SharedModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our writer's files and the real vocab files, read by @huggingface/gguf (npm, an independent implementation) through
 * src/test/resources/gguf/check-gguf.mjs, give the same version, counts, key/value types and values, tensor infos and
 * data offset as {@link GgufFile}. Skipped when {@code node} or the package is absent; install the package with
 * {@code npm install --prefix local-engine/target/npm-gguf @huggingface/gguf@0.4.6} (or point
 * {@code -Dedge.gguf.npm=DIR} at another prefix).
 */
class GgufNpmCrossCheckTest {

    private static final String INSTALL = "npm install --prefix local-engine/target/npm-gguf @huggingface/gguf@0.4.6";
    private static Path prefix;
    private static Path script;

    @TempDir
    Path dir;

    @BeforeAll
    static void findNodeAndPackage() throws URISyntaxException {
        assumeTrue(nodeVersion() != null, "skipped: no node on the PATH (the npm cross-check needs node ≥ 20)");
        prefix = Path.of(System.getProperty("edge.gguf.npm", "target/npm-gguf")).toAbsolutePath();
        assumeTrue(Files.exists(prefix.resolve("node_modules/@huggingface/gguf/package.json")),
                "skipped: @huggingface/gguf is not installed in " + prefix + "; run " + INSTALL);
        script = Path.of(GgufNpmCrossCheckTest.class.getResource("/gguf/check-gguf.mjs").toURI());
    }

    @Test
    void readsOurWrittenFileLikeTheNpmParser() {
        Random r = new Random(9);
        GgufWriter w = new GgufWriter().alignment(64)
                .putString("general.architecture", "llama").putString("general.name", "tiny ✓")
                .put("llama.block_count", GgufValueType.U32, 2L).put("llama.context_length", GgufValueType.U64, 4096L)
                .put("big", GgufValueType.U64, -2L).put("neg", GgufValueType.I64, -5L)
                .put("llama.attention.layer_norm_rms_epsilon", GgufValueType.F32, 1e-5f)
                .put("llama.rope.freq_base", GgufValueType.F64, 500000.0)
                .put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, true)
                .put("i8", GgufValueType.I8, -3L).put("u16", GgufValueType.U16, 60000L)
                .putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("<unk>", "▁a", "é", ""))
                .putArray("tokenizer.ggml.scores", GgufValueType.F32, List.of(0f, -1.25f, 3e-8f, -1000f))
                .putArray("tokenizer.ggml.token_type", GgufValueType.I32, List.of(2L, 1L, 1L, 3L))
                .putArray("ids", GgufValueType.U64, List.of(1L, -1L)).putArray("flags", GgufValueType.BOOL,
                        List.of(false, true))
                .putArray("nested", GgufValueType.ARRAY, List.of(new GgufWriter.Array(GgufValueType.U8,
                        List.of(7L)), new GgufWriter.Array(GgufValueType.STRING, List.of("p", "q"))));
        for (GgufType t : List.of(GgufType.F32, GgufType.F16, GgufType.BF16, GgufType.Q8_0, GgufType.Q4_0,
                GgufType.Q4_K, GgufType.Q6_K)) {
            w.tensor("blk.0." + t.name().toLowerCase() + ".weight", t, new long[] {256, 2},
                    GgufRoundTripTest.uniform(r, 512));
        }
        w.tensor("cube", GgufType.F32, new long[] {2, 3, 4}, new float[24])
                .rawTensor("blk.0.q5k.weight", GgufType.Q5_K.id(), new long[] {256}, new byte[176]);
        Path file = w.write(dir.resolve("ours.gguf"));
        GgufFile f = GgufFile.open(file);
        JsonObject npm = npm(file);
        assertSameAsNpm(f, npm);
        long[] written = w.offsets();
        JsonArray tensors = npm.getAsJsonArray("tensors");
        for (int i = 0; i < written.length; i++) {
            assertThat(bigint(tensors.get(i).getAsJsonObject().get("offset"))).as("offset %d", i)
                    .isEqualTo(BigInteger.valueOf(written[i]));
        }
        assertThat(f.dataStart() % 64).isZero();
    }

    /** The package's GGMLQuantizationType names the same ids as {@link GgufType}, no more, no fewer. */
    @Test
    void agreesWithTheNpmTypeTable() {
        Path file = new GgufWriter().putString("general.architecture", "x").write(dir.resolve("types.gguf"));
        JsonObject types = npm(file).getAsJsonObject("types");
        assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(GgufType.values()).map(Enum::name).toList());
        for (GgufType t : GgufType.values()) {
            assertThat(types.get(t.name()).getAsInt()).as(t.name()).isEqualTo(t.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ggml-vocab-llama-spm.gguf", "ggml-vocab-phi-3.gguf",
        "historical/6381d4e1/ggml-vocab-llama.gguf", "historical/ff5a3f0c/ggml-vocab-falcon.gguf"})
    void readsRealVocabFilesLikeTheNpmParser(String name) {
        Path file = SharedModels.file("gguf-vocab/" + name);
        assertSameAsNpm(GgufFile.open(file), npm(file));
    }

    private static void assertSameAsNpm(GgufFile f, JsonObject npm) {
        assertThat(npm.get("version").getAsInt()).isEqualTo(f.version());
        assertThat(bigint(npm.get("kvCount"))).isEqualTo(BigInteger.valueOf(f.metadata().size()));
        assertThat(bigint(npm.get("tensorCount"))).isEqualTo(BigInteger.valueOf(f.tensors().size()));
        assertThat(bigint(npm.get("tensorDataOffset"))).isEqualTo(BigInteger.valueOf(f.dataStart()));
        JsonObject meta = npm.getAsJsonObject("metadata");
        assertThat(new ArrayList<>(meta.keySet())).containsExactlyElementsOf(f.metadata().keySet());
        for (Map.Entry<String, Object> e : f.metadata().entrySet()) {
            JsonObject theirs = meta.getAsJsonObject(e.getKey());
            GgufValueType type = f.type(e.getKey());
            assertThat(theirs.get("type").getAsInt()).as(e.getKey()).isEqualTo(type.id());
            GgufValueType element = f.elementType(e.getKey());
            if (element != null) {
                assertThat(theirs.get("subType").getAsInt()).as(e.getKey()).isEqualTo(element.id());
            }
            assertSameValue(e.getKey(), element != null ? element : type, e.getValue(), theirs.get("value"));
        }
        JsonArray tensors = npm.getAsJsonArray("tensors");
        assertThat(tensors).hasSize(f.tensors().size());
        for (int i = 0; i < tensors.size(); i++) {
            JsonObject t = tensors.get(i).getAsJsonObject();
            GgufTensor ours = f.tensors().get(i);
            assertThat(t.get("name").getAsString()).isEqualTo(ours.name());
            assertThat(t.get("dtype").getAsInt()).as(ours.name()).isEqualTo(ours.type().id());
            assertThat(bigint(t.get("offset"))).as(ours.name()).isEqualTo(BigInteger.valueOf(ours.offset()));
            List<BigInteger> shape = new ArrayList<>();
            t.getAsJsonArray("shape").forEach(d -> shape.add(bigint(d)));
            assertThat(shape).as(ours.name()).containsExactly(java.util.Arrays.stream(ours.shape())
                    .mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new));
        }
    }

    /** Compares a whole value at once: both sides flattened to comparable leaves (BigInteger, Double, …). */
    private static void assertSameValue(String key, GgufValueType type, Object ours, JsonElement theirs) {
        List<Object> expected = new ArrayList<>();
        List<Object> actual = new ArrayList<>();
        flatten(type, ours, theirs, expected, actual);
        assertThat(actual).as(key).isEqualTo(expected);
    }

    /** {@code type} is the element type for arrays; null inside nested arrays, where only values are compared. */
    private static void flatten(GgufValueType type, Object ours, JsonElement theirs, List<Object> expected,
                                List<Object> actual) {
        if (ours instanceof Long l) {
            expected.add(type == GgufValueType.U64 ? new BigInteger(Long.toUnsignedString(l)) : BigInteger.valueOf(l));
            actual.add(bigint(theirs));
        } else if (ours instanceof Double d) {
            expected.add(d);
            actual.add(number(theirs));
        } else if (ours instanceof Boolean b) {
            expected.add(b);
            actual.add(theirs.getAsBoolean());
        } else if (ours instanceof String s) {
            // the package decodes with a default TextDecoder, which drops a leading U+FEFF: Llama-2's token 30143
            // is that one character (bytes EF BB BF), which it reads as ""
            expected.add(s.startsWith("\uFEFF") ? s.substring(1) : s);
            actual.add(theirs.getAsString());
        } else {
            JsonArray array = theirs.getAsJsonArray();
            List<Object> items = boxed(ours);
            expected.add("length " + items.size());
            actual.add("length " + array.size());
            GgufValueType itemType = type == GgufValueType.ARRAY ? null : type;
            for (int i = 0; i < Math.min(items.size(), array.size()); i++) {
                flatten(itemType, items.get(i), array.get(i), expected, actual);
            }
        }
    }

    private static List<Object> boxed(Object array) {
        List<Object> out = new ArrayList<>();
        if (array instanceof long[] v) {
            for (long x : v) {
                out.add(x);
            }
        } else if (array instanceof float[] v) {
            for (float x : v) {
                out.add((double) x);
            }
        } else if (array instanceof double[] v) {
            for (double x : v) {
                out.add(x);
            }
        } else if (array instanceof boolean[] v) {
            for (boolean x : v) {
                out.add(x);
            }
        } else {
            out.addAll((List<?>) array);
        }
        return out;
    }

    private static BigInteger bigint(JsonElement e) {
        return e.isJsonObject() ? new BigInteger(e.getAsJsonObject().get("$big").getAsString())
                : e.getAsBigDecimal().toBigIntegerExact();
    }

    private static double number(JsonElement e) {
        return e.isJsonObject() ? Double.parseDouble(e.getAsJsonObject().get("$num").getAsString()) : e.getAsDouble();
    }

    private static JsonObject npm(Path file) {
        try {
            Process p = new ProcessBuilder("node", script.toString(), prefix.toString(), file.toString()).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("node did not finish in 60 s on " + file);
            }
            assertThat(p.exitValue()).as("node exit status; stderr: %s", err.join()).isZero();
            return JsonParser.parseString(out.join()).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("cannot run node", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String v = read(p.getInputStream());
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? v.trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
