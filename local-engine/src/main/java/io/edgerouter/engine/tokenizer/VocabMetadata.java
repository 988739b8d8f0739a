package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.gguf.GgufFile;

import java.util.List;

/**
 * The typed GGUF metadata getters the vocabulary converters read, so that they can be tried on metadata that no real
 * file has (an unknown tokenizer model, a missing array) without writing GGUF files. Each getter fails with a
 * {@link io.edgerouter.engine.ModelLoadException} naming the file and key when the key is absent or of another type.
 */
interface VocabMetadata {

    /** The file name messages start with. */
    String source();

    boolean has(String key);

    String string(String key);

    List<String> strings(String key);

    float[] floats(String key);

    int[] ints(String key);

    long integer(String key);

    boolean bool(String key);

    /** A GGUF file's metadata. */
    static VocabMetadata of(GgufFile gguf) {
        return new VocabMetadata() {
            @Override
            public String source() {
                return gguf.name();
            }

            @Override
            public boolean has(String key) {
                return gguf.has(key);
            }

            @Override
            public String string(String key) {
                return gguf.string(key);
            }

            @Override
            public List<String> strings(String key) {
                return gguf.strings(key);
            }

            @Override
            public float[] floats(String key) {
                return gguf.floats(key);
            }

            @Override
            public int[] ints(String key) {
                return gguf.ints(key);
            }

            @Override
            public long integer(String key) {
                return gguf.integer(key);
            }

            @Override
            public boolean bool(String key) {
                return gguf.bool(key);
            }
        };
    }
}
