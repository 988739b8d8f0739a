package io.edgerouter.engine.source;

import java.nio.file.Path;

/**
 * Converts a model file of a foreign format into an ONNX directory in the engine's own (Optimum) layout, once: the
 * result is cached under the import directory, keyed by the source file's sha256.
 */
public interface ModelImporter {

    /** The kind of model this importer reads. */
    ModelKind kind();

    /**
     * Whether {@code file} is in this importer's format.
     *
     * @param head the file's first bytes (up to 64)
     */
    boolean accepts(Path file, byte[] head);

    /**
     * Imports {@code source} (reusing an earlier import of the same bytes) and returns the ONNX directory.
     *
     * @throws io.edgerouter.engine.ModelLoadException naming the file, the field and what was expected; nothing
     *                                                 half-written is left in {@code importDir}
     */
    Path importModel(ModelSource source, Path importDir);
}
