package io.edgerouter.engine.source;

import io.edgerouter.engine.model.IoNames;
import io.edgerouter.engine.model.ModelConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A model found on disk and ready for ONNX Runtime.
 *
 * @param kind            the layout it was found in
 * @param source          what the user configured
 * @param graph           the ONNX file to run (external data files sit beside it)
 * @param directory       where its config and tokenizer files live (for imports: the cached conversion)
 * @param tokenizerJson   the {@code tokenizer.json} to use
 * @param tokenizerConfig {@code tokenizer_config.json} (chat template, BOS handling), when there is one
 * @param config          hyperparameters and special token ids
 * @param names           the graph's input/output names
 */
public record ResolvedModel(ModelKind kind, Path source, Path graph, Path directory, Path tokenizerJson,
                            Optional<Path> tokenizerConfig, ModelConfig config, IoNames names) {
}
