package io.edgerouter.engine.source;

/** The on-disk layouts the engine detects. */
public enum ModelKind {
    /** Hugging Face Optimum export: {@code model.onnx} (or {@code decoder_model_merged.onnx}) + {@code config.json}. */
    OPTIMUM,
    /** transformers.js / onnx-community repository: {@code onnx/model[_dtype].onnx} + {@code config.json}. */
    TRANSFORMERS_JS,
    /** ONNX Runtime GenAI model builder folder: {@code genai_config.json} naming the decoder graph and its I/O. */
    ORT_GENAI,
    /** A llama.cpp GGUF file, imported once into an ONNX directory. */
    GGUF,
    /** A llama2.c checkpoint {@code .bin} with its {@code tokenizer.bin}, imported once into an ONNX directory. */
    LLAMA2C
}
