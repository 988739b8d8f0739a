package io.edgerouter.engine;

/** ONNX Runtime failed while running a forward pass; retriable because the cause is usually transient (memory). */
public class InferenceException extends EngineException {

    public InferenceException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
