package io.edgerouter.engine.gguf;

/**
 * The type of a GGUF metadata value, by the id the file stores before it (GGUF spec, {@code gguf_metadata_value_type}).
 * {@link #label()} is the short name messages use: {@code u32}, {@code f32}, {@code string}, …
 */
public enum GgufValueType {
    U8(0, "u8", 1),
    I8(1, "i8", 1),
    U16(2, "u16", 2),
    I16(3, "i16", 2),
    U32(4, "u32", 4),
    I32(5, "i32", 4),
    F32(6, "f32", 4),
    BOOL(7, "bool", 1),
    STRING(8, "string", 0),
    ARRAY(9, "array", 0),
    U64(10, "u64", 8),
    I64(11, "i64", 8),
    F64(12, "f64", 8);

    private static final GgufValueType[] BY_ID = values();

    private final int id;
    private final String label;
    private final int size;

    GgufValueType(int id, String label, int size) {
        this.id = id;
        this.label = label;
        this.size = size;
    }

    /** The id in the file. */
    public int id() {
        return id;
    }

    /** The short name, e.g. {@code u32}. */
    public String label() {
        return label;
    }

    /** Bytes of one value, or 0 for the variable-length string and array. */
    public int size() {
        return size;
    }

    /** Whether the value is one of the eight integer types (all read as {@code long}). */
    public boolean isInteger() {
        return size > 0 && this != F32 && this != F64 && this != BOOL;
    }

    /** The type with this id, or null when the id is not in the spec (ids are 0‥12 without gaps). */
    public static GgufValueType byId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }
}
