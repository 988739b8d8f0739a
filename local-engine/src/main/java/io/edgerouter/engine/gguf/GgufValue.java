package io.edgerouter.engine.gguf;

/**
 * One metadata value as read: its GGUF type, the element type when it is an array (else null), and the Java value
 * (see {@link GgufFile#metadata()} for which Java type each GGUF type becomes).
 */
record GgufValue(GgufValueType type, GgufValueType elementType, Object value) {

    GgufValue {
        if (type == null || value == null || (type == GgufValueType.ARRAY) != (elementType != null)) {
            throw new IllegalArgumentException("a value needs a type, a Java value, and an element type iff array");
        }
    }

    /** The type as messages write it: {@code u32}, {@code string[]}, {@code array[]} for arrays of arrays. */
    String label() {
        return type == GgufValueType.ARRAY ? elementType.label() + "[]" : type.label();
    }
}
