package io.edgerouter.engine.tiny;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.edgerouter.engine.EngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Generates a tiny target/draft model pair in the Optimum ONNX directory layout. Deterministic: the same spec
 * always yields byte-identical files, and an existing pair with the same spec is reused.
 */
public final class TinyModels {

    /** Bump when the graph or weight recipe changes, so stale generated directories are rewritten. */
    static final String GENERATOR_VERSION = "tiny-llama-v4";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private TinyModels() {
    }

    /** The two generated model directories. */
    public record Pair(Path target, Path draft) {
    }

    /**
     * Writes {@code dir/target} and {@code dir/draft} (the target with layers skipped), sharing one tokenizer, or
     * reuses them when {@code dir} already holds this spec's pair. Each file is written to a temporary name and moved
     * into place, so a process loading the directory concurrently never sees a half-written model.
     *
     * @param spec e.g. {@link TinyModelSpec#small()} (the edge agent's embedded default, ≈ 0.7 MB)
     * @return the two model directories, ready for {@link io.edgerouter.engine.LocalEngine.Options#of}
     */
    public static synchronized Pair generate(Path dir, TinyModelSpec spec) {
        Path target = dir.resolve("target");
        Path draft = dir.resolve("draft");
        Path stamp = dir.resolve("spec.txt");
        String identity = GENERATOR_VERSION + " " + spec;
        try {
            if (Files.exists(stamp) && Files.readString(stamp).equals(identity)
                    && Files.exists(target.resolve("model.onnx")) && Files.exists(draft.resolve("model.onnx"))) {
                return new Pair(target, draft);
            }
            TinyWeights weights = TinyWeights.random(spec);
            write(target, weights);
            write(draft, weights.draft());
            writeAtomically(stamp, identity.getBytes(StandardCharsets.UTF_8));
            return new Pair(target, draft);
        } catch (IOException e) {
            throw new EngineException("cannot write tiny models to " + dir + ": " + e.getMessage(), e, false);
        }
    }

    /** Writes one model directory from the given weights. */
    public static void write(Path dir, TinyWeights weights) throws IOException {
        Files.createDirectories(dir);
        writeAtomically(dir.resolve("model.onnx"), TinyGraph.build(weights));
        writeJson(dir.resolve("config.json"), config(weights));
        writeJson(dir.resolve("generation_config.json"), generationConfig());
        writeJson(dir.resolve("tokenizer.json"), TinyTokenizerFiles.tokenizerJson());
        writeJson(dir.resolve("tokenizer_config.json"), TinyTokenizerFiles.tokenizerConfig());
    }

    /**
     * Writes the tiny models' byte-level tokenizer (256 byte tokens + ChatML specials, ids 0–258) into {@code dir}:
     * a tokenizer any generated model with a vocabulary of at least 259 can be run with (e.g. the benchmark's
     * random-weight models of real shapes).
     */
    public static void writeTokenizer(Path dir) throws IOException {
        Files.createDirectories(dir);
        writeJson(dir.resolve("tokenizer.json"), TinyTokenizerFiles.tokenizerJson());
        writeJson(dir.resolve("tokenizer_config.json"), TinyTokenizerFiles.tokenizerConfig());
    }

    private static JsonObject config(TinyWeights w) {
        TinyModelSpec s = w.spec();
        JsonObject c = new JsonObject();
        c.addProperty("model_type", "llama");
        JsonArray arch = new JsonArray();
        arch.add("LlamaForCausalLM");
        c.add("architectures", arch);
        c.addProperty("num_hidden_layers", w.layers().size());
        c.addProperty("num_attention_heads", s.heads());
        c.addProperty("num_key_value_heads", s.kvHeads());
        c.addProperty("hidden_size", s.hidden());
        c.addProperty("head_dim", s.headDim());
        c.addProperty("intermediate_size", s.ffn());
        c.addProperty("vocab_size", TinyModelSpec.VOCAB);
        c.addProperty("max_position_embeddings", s.maxPositions());
        c.addProperty("rms_norm_eps", TinyWeights.RMS_EPS);
        c.addProperty("rope_theta", TinyWeights.ROPE_THETA);
        c.addProperty("bos_token_id", TinyModelSpec.IM_START_ID);
        c.addProperty("eos_token_id", TinyModelSpec.IM_END_ID);
        c.addProperty("torch_dtype", "float32");
        c.addProperty("tiny_copy_head_cache_slot", w.layers().size());
        // the copy head reads a token's neighbours by cache position, so a rolled-back slot must really go
        c.addProperty("kv_rollback", "copy");
        return c;
    }

    private static JsonObject generationConfig() {
        JsonObject g = new JsonObject();
        JsonArray eos = new JsonArray();
        eos.add(TinyModelSpec.IM_END_ID);
        eos.add(TinyModelSpec.EOS_ID);
        g.add("eos_token_id", eos);
        g.addProperty("do_sample", false);
        return g;
    }

    private static void writeJson(Path file, JsonObject json) throws IOException {
        writeAtomically(file, GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@code java ... TinyModels <dir> [small|bench]} — writes the pair and prints the two directories. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: TinyModels <dir> [small|bench]");
            System.exit(2);
        }
        TinyModelSpec spec = args.length > 1 && args[1].equals("small") ? TinyModelSpec.small()
                : TinyModelSpec.benchmark();
        Pair pair = generate(Path.of(args[0]), spec);
        System.out.println("target=" + pair.target() + " draft=" + pair.draft()
                + " params=" + TinyWeights.random(spec).parameterCount());
    }
}
