package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The typed getters behind {@link GgufFile}: each checks the key exists and has the expected GGUF type, and says
 * which when it does not ({@code tokenizer.ggml.scores is string[], expected f32[]}).
 */
final class GgufMetadata {

    private final String file;
    private final Map<String, GgufValue> entries;
    private final Map<String, Object> values;

    GgufMetadata(String file, Map<String, GgufValue> entries) {
        this.file = file;
        this.entries = entries;
        Map<String, Object> values = new LinkedHashMap<>(entries.size() * 2 + 1);
        entries.forEach((k, v) -> values.put(k, v.value()));
        this.values = Collections.unmodifiableMap(values);
    }

    Map<String, Object> values() {
        return values;
    }

    GgufValue value(String key) {
        return entries.get(key);
    }

    String string(String key) {
        return (String) require(key, GgufValueType.STRING, null).value();
    }

    Optional<String> optionalString(String key) {
        return entries.containsKey(key) ? Optional.of(string(key)) : Optional.empty();
    }

    long integer(String key) {
        GgufValue v = get(key);
        if (!v.type().isInteger()) {
            throw wrongType(key, v, "an integer");
        }
        long n = (Long) v.value();
        if (v.type() == GgufValueType.U64 && n < 0) {
            throw new ModelLoadException(file + ": " + key + " is u64 " + Long.toUnsignedString(n)
                    + ", beyond the signed 64-bit range");
        }
        return n;
    }

    OptionalLong optionalInteger(String key) {
        return entries.containsKey(key) ? OptionalLong.of(integer(key)) : OptionalLong.empty();
    }

    double real(String key) {
        GgufValue v = get(key);
        if (v.type() != GgufValueType.F32 && v.type() != GgufValueType.F64) {
            throw wrongType(key, v, "f32 or f64");
        }
        return (Double) v.value();
    }

    boolean bool(String key) {
        return (Boolean) require(key, GgufValueType.BOOL, null).value();
    }

    @SuppressWarnings("unchecked")
    List<String> strings(String key) {
        return (List<String>) require(key, GgufValueType.ARRAY, GgufValueType.STRING).value();
    }

    float[] floats(String key) {
        return ((float[]) require(key, GgufValueType.ARRAY, GgufValueType.F32).value()).clone();
    }

    int[] ints(String key) {
        GgufValue v = get(key);
        if (v.type() != GgufValueType.ARRAY || !v.elementType().isInteger()) {
            throw wrongType(key, v, "an integer array");
        }
        long[] raw = (long[]) v.value();
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            long n = raw[i];
            boolean unsigned64 = v.elementType() == GgufValueType.U64;
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE || (unsigned64 && n < 0)) {
                throw new ModelLoadException(file + ": " + key + "[" + i + "] is " + v.elementType().label() + " "
                        + (unsigned64 ? Long.toUnsignedString(n) : Long.toString(n)) + ", outside the int range");
            }
            out[i] = (int) n;
        }
        return out;
    }

    private GgufValue get(String key) {
        GgufValue v = entries.get(key);
        if (v == null) {
            throw new ModelLoadException(file + ": missing key " + key + " (the file has " + entries.size()
                    + " keys)");
        }
        return v;
    }

    private GgufValue require(String key, GgufValueType type, GgufValueType element) {
        GgufValue v = get(key);
        if (v.type() != type || v.elementType() != element) {
            throw wrongType(key, v, element == null ? type.label() : element.label() + "[]");
        }
        return v;
    }

    private ModelLoadException wrongType(String key, GgufValue v, String expected) {
        return new ModelLoadException(file + ": " + key + " is " + v.label() + ", expected " + expected);
    }
}
