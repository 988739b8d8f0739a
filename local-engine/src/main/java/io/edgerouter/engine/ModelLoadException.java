package io.edgerouter.engine;

/** A model directory is missing files or its ONNX graph lacks the inputs/outputs of a causal LM export. */
public class ModelLoadException extends EngineException {

    public ModelLoadException(String message) {
        super(message, false);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
