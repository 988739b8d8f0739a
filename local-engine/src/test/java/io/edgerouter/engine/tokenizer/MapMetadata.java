package io.edgerouter.engine.tokenizer;

import io.edgerouter.engine.ModelLoadException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** GGUF metadata from a map, standing in for a file; absent keys fail the way GgufFile's getters do. */
final class MapMetadata implements VocabMetadata {

    private final Map<String, Object> values = new HashMap<>();

    MapMetadata with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    MapMetadata without(String key) {
        values.remove(key);
        return this;
    }

    @Override
    public String source() {
        return "model.gguf";
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ModelLoadException("model.gguf: missing key " + key);
        }
        return values.get(key);
    }

    @Override
    public String string(String key) {
        return (String) get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> strings(String key) {
        return (List<String>) get(key);
    }

    @Override
    public float[] floats(String key) {
        return (float[]) get(key);
    }

    @Override
    public int[] ints(String key) {
        return (int[]) get(key);
    }

    @Override
    public long integer(String key) {
        return ((Number) get(key)).longValue();
    }

    @Override
    public boolean bool(String key) {
        return (Boolean) get(key);
    }
}
