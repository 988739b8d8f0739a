package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A read position in a {@link GgufBytes} that checks every read against the end of the file and knows which field it
 * is reading, so a failure says where and what: {@code ggml-vocab-x.gguf: string length 9000000000 at byte 1234 (key
 * tokenizer.ggml.tokens[17]) runs past the end of the file (723869 bytes)}. The field is kept as a base plus an index
 * path and formatted only when a message needs it, so array elements cost nothing to track.
 */
final class GgufCursor {

    private static final int MAX_DEPTH = 8;

    private final GgufBytes bytes;
    private long pos;
    private int version;
    private String field = "header";
    private final long[] indices = new long[MAX_DEPTH];
    private int depth;

    GgufCursor(GgufBytes bytes) {
        this.bytes = bytes;
    }

    long pos() {
        return pos;
    }

    long remaining() {
        return bytes.size() - pos;
    }

    GgufBytes bytes() {
        return bytes;
    }

    /** Sets the GGUF version once the header is read: v1 stores lengths and counts as u32, later versions as u64. */
    void version(int version) {
        this.version = version;
    }

    /** Bytes of a string length or an array/tensor/kv count in this version. */
    int sizeBytes() {
        return version == 1 ? Integer.BYTES : Long.BYTES;
    }

    /** Names what is read next, e.g. {@code key general.name}; clears any index path. */
    void field(String field) {
        this.field = field;
        this.depth = 0;
    }

    /** Enters array element {@code index}; {@link #leave()} returns to the enclosing array. */
    void enter(long index) {
        if (depth == MAX_DEPTH) {
            throw error("arrays nested deeper than " + MAX_DEPTH + " at byte " + pos + " (" + field() + ")");
        }
        indices[depth++] = index;
    }

    void at(long index) {
        indices[depth - 1] = index;
    }

    void leave() {
        depth--;
    }

    /** The current field with its index path, e.g. {@code key tokenizer.ggml.tokens[17]}. */
    String field() {
        StringBuilder sb = new StringBuilder(field);
        for (int i = 0; i < depth; i++) {
            sb.append('[').append(indices[i]).append(']');
        }
        return sb.toString();
    }

    /** Fails unless {@code n} bytes remain; {@code what} names the value, e.g. {@code u32 value type}. */
    void need(long n, String what) {
        if (n < 0 || n > remaining()) {
            throw pastEnd(what, pos);
        }
    }

    private ModelLoadException pastEnd(String what, long at) {
        return error(what + " at byte " + at + " (" + field() + ") runs past the end of the file (" + bytes.size()
                + " bytes)");
    }

    /** An error about the current file: {@code name + ": " + message}. */
    ModelLoadException error(String message) {
        return new ModelLoadException(bytes.name() + ": " + message);
    }

    int u32(String what) {
        need(Integer.BYTES, what);
        int v = bytes.getInt(pos);
        pos += Integer.BYTES;
        return v;
    }

    long u64(String what) {
        need(Long.BYTES, what);
        long v = bytes.getLong(pos);
        pos += Long.BYTES;
        return v;
    }

    /**
     * A string length or a count: u32 in v1, u64 after. A u64 above {@link Long#MAX_VALUE} comes back negative, which
     * every caller's bounds check rejects as running past the end of the file.
     */
    long size(String what) {
        return version == 1 ? Integer.toUnsignedLong(u32(what)) : u64(what);
    }

    /**
     * Checks that {@code count} items of at least {@code minBytes} each fit in the rest of the file and in a Java
     * array, so a corrupt count fails here instead of sizing a collection.
     */
    void needItems(long count, long countAt, int minBytes, String what) {
        if (count < 0 || count > remaining() / Math.max(1, minBytes)) {
            throw error(what + " " + Long.toUnsignedString(count) + " at byte " + countAt + " (" + field()
                    + ") runs past the end of the file (" + bytes.size() + " bytes)");
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw error(what + " " + count + " at byte " + countAt + " (" + field() + ") is more than a Java array "
                    + "holds");
        }
    }

    /** A GGUF string: a length, then that many UTF-8 bytes (malformed sequences decode to U+FFFD). */
    String string() {
        long at = pos;
        long length = size("string length");
        if (length < 0 || length > remaining() || length > Integer.MAX_VALUE - 8) {
            throw error("string length " + Long.toUnsignedString(length) + " at byte " + at + " (" + field()
                    + ") runs past the end of the file (" + bytes.size() + " bytes)");
        }
        byte[] utf8 = new byte[(int) length];
        bytes.get(pos, utf8);
        pos += length;
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * {@code length} bytes from the current position as one little-endian buffer and moves past them; the caller
     * checked they remain and that {@code length ≤ bytes().maxSlice()}.
     */
    ByteBuffer take(int length) {
        ByteBuffer b = bytes.slice(pos, length);
        pos += length;
        return b;
    }
}
