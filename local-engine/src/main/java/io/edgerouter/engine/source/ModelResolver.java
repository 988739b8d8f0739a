package io.edgerouter.engine.source;

import com.google.gson.JsonObject;
import io.edgerouter.engine.ModelLoadException;
import io.edgerouter.engine.model.IoNames;
import io.edgerouter.engine.model.ModelConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds out what kind of model a {@link ModelSource} points at, from what is on disk, and where its graph, config and
 * tokenizer are. Files of a foreign format (GGUF, llama2.c) go through a {@link ModelImporter} first. Anything else
 * fails, naming what was found and what was expected.
 */
public final class ModelResolver {

    private final List<ModelImporter> importers;

    public ModelResolver(List<ModelImporter> importers) {
        this.importers = List.copyOf(importers);
    }

    /** A resolver with every importer this engine ships. */
    public static ModelResolver standard() {
        return new ModelResolver(Importers.all());
    }

    /**
     * Resolves {@code source}; imports are cached under {@code importDir}.
     *
     * @return the graph candidates in preference order (several only for a transformers.js directory without a
     *         dtype: the smallest first), each with the same config and tokenizer
     */
    public List<ResolvedModel> resolve(ModelSource source, Path importDir) {
        Path path = source.path();
        if (Files.isRegularFile(path)) {
            return List.of(resolveFile(source, importDir));
        }
        if (!Files.isDirectory(path)) {
            throw new ModelLoadException("model " + path + " does not exist (expected a model directory, a .gguf file"
                    + " or a llama2.c .bin checkpoint)");
        }
        if (Files.isRegularFile(path.resolve("genai_config.json"))) {
            return List.of(genai(source));
        }
        if (Files.isDirectory(path.resolve("onnx")) && Files.isRegularFile(path.resolve("config.json"))) {
            return TransformersJsLayout.candidates(source).stream()
                    .map(graph -> resolved(ModelKind.TRANSFORMERS_JS, source, graph, path, IoNames.OPTIMUM,
                            ModelConfig.read(path)))
                    .toList();
        }
        for (String name : List.of("model.onnx", "decoder_model_merged.onnx")) {
            if (Files.isRegularFile(path.resolve(name))) {
                if (!Files.isRegularFile(path.resolve("config.json"))) {
                    throw new ModelLoadException("model directory " + path + " has " + name
                            + " but no config.json (an Optimum export has both)");
                }
                return List.of(resolved(ModelKind.OPTIMUM, source, path.resolve(name), path, IoNames.OPTIMUM,
                        ModelConfig.read(path)));
            }
        }
        throw new ModelLoadException("model directory " + path + " holds " + listing(path) + "; expected one of:"
                + " model.onnx + config.json (Hugging Face Optimum), onnx/model*.onnx + config.json"
                + " (transformers.js / onnx-community), genai_config.json (ONNX Runtime GenAI)"
                + ", or point the setting at a .gguf file or a llama2.c .bin checkpoint");
    }

    private ResolvedModel resolveFile(ModelSource source, Path importDir) {
        Path file = source.path();
        if (file.getFileName().toString().endsWith(".onnx")) {
            Path dir = file.toAbsolutePath().getParent();
            return resolved(ModelKind.OPTIMUM, source, file, dir, IoNames.OPTIMUM, ModelConfig.read(dir));
        }
        byte[] head = head(file);
        for (ModelImporter importer : importers) {
            if (importer.accepts(file, head)) {
                Path dir = importer.importModel(source, importDir);
                ResolvedModel r = resolve(new ModelSource(dir, Optional.empty(),
                        source.tokenizer().filter(t -> importer.kind() != ModelKind.LLAMA2C)), importDir).get(0);
                return new ResolvedModel(importer.kind(), file, r.graph(), r.directory(), r.tokenizerJson(),
                        r.tokenizerConfig(), r.config(), r.names());
            }
        }
        throw new ModelLoadException("model file " + file + " is not a format the engine reads (first bytes "
                + hex(head) + "); expected a GGUF file (magic 'GGUF'), a llama2.c checkpoint .bin, or a .onnx graph"
                + " next to its config.json");
    }

    private ResolvedModel genai(ModelSource source) {
        Path dir = source.path();
        Path file = dir.resolve("genai_config.json");
        JsonObject root = ModelConfig.readJson(file);
        if (!root.has("model") || !root.get("model").isJsonObject()) {
            throw new ModelLoadException(file + " has no \"model\" object");
        }
        JsonObject model = root.getAsJsonObject("model");
        GenaiDecoder decoder = GenaiDecoder.read(model, file);
        return resolved(ModelKind.ORT_GENAI, source, dir.resolve(decoder.filename()), dir, decoder.names(),
                ModelConfig.fromGenai(model, file));
    }

    private static ResolvedModel resolved(ModelKind kind, ModelSource source, Path graph, Path dir, IoNames names,
                                          ModelConfig config) {
        if (!Files.isRegularFile(graph)) {
            throw new ModelLoadException("model graph " + graph + " does not exist (named by the " + kind
                    + " layout in " + dir + ")");
        }
        Path tokenizer = source.tokenizer().map(ModelResolver::tokenizerFile).orElse(dir.resolve("tokenizer.json"));
        Path tokenizerConfig = dir.resolve("tokenizer_config.json");
        return new ResolvedModel(kind, source.path(), graph, dir, tokenizer,
                Files.isRegularFile(tokenizerConfig) ? Optional.of(tokenizerConfig) : Optional.empty(), config, names);
    }

    /** A tokenizer setting: a tokenizer.json, or a directory holding one. */
    static Path tokenizerFile(Path setting) {
        Path file = Files.isDirectory(setting) ? setting.resolve("tokenizer.json") : setting;
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("tokenizer " + setting + " does not exist (expected a tokenizer.json or a"
                    + " directory holding one)");
        }
        return file;
    }

    /** The first 64 bytes of a file (fewer when it is shorter). */
    public static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hex(byte[] head) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) {
            sb.append(String.format("%02x", head[i] & 0xFF));
        }
        return sb.length() == 0 ? "(empty file)" : sb.toString();
    }

    static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = new ArrayList<>(files.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                    .sorted().limit(20).toList());
            return names.isEmpty() ? "no files" : String.join(", ", names);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
