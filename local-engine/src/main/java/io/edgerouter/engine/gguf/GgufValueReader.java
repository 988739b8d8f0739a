package io.edgerouter.engine.gguf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads one metadata value of a known type at a {@link GgufCursor}. Numeric arrays are read in slices straight into
 * primitive arrays, so a 150k-entry {@code token_type} or {@code scores} costs one array, not 150k boxes.
 */
final class GgufValueReader {

    /**
     * The longest metadata array read: 2^27 elements. The largest real ones (vocabularies, merges, a tokenizer's
     * precompiled charsmap) are a few million at most, and the cap keeps a corrupt count in a multi-GiB file from
     * allocating gigabytes before the read fails.
     */
    static final int MAX_ARRAY = 1 << 27;

    private GgufValueReader() {
    }

    static GgufValue read(GgufCursor c, GgufValueType type) {
        return switch (type) {
            case STRING -> new GgufValue(type, null, c.string());
            case ARRAY -> array(c);
            default -> new GgufValue(type, null, scalar(c, type));
        };
    }

    private static Object scalar(GgufCursor c, GgufValueType type) {
        c.need(type.size(), type.label() + " value");
        ByteBuffer b = c.take(type.size());
        return switch (type) {
            case F32 -> (double) b.getFloat(0);
            case F64 -> b.getDouble(0);
            case BOOL -> b.get(0) != 0;
            default -> integer(b, 0, type);
        };
    }

    /** The integer of {@code type} at byte {@code at} of {@code b}; u64 keeps its bits (see {@link GgufFile}). */
    static long integer(ByteBuffer b, int at, GgufValueType type) {
        return switch (type) {
            case U8 -> b.get(at) & 0xFF;
            case I8 -> b.get(at);
            case U16 -> b.getShort(at) & 0xFFFF;
            case I16 -> b.getShort(at);
            case U32 -> Integer.toUnsignedLong(b.getInt(at));
            case I32 -> b.getInt(at);
            case U64, I64 -> b.getLong(at);
            default -> throw new IllegalArgumentException(type + " is not an integer type");
        };
    }

    private static GgufValue array(GgufCursor c) {
        long typeAt = c.pos();
        int id = c.u32("array element type");
        GgufValueType element = GgufValueType.byId(Integer.toUnsignedLong(id));
        if (element == null) {
            throw c.error("unknown array element type id " + Integer.toUnsignedString(id) + " at byte " + typeAt
                    + " (" + c.field() + "): expected 0‥12");
        }
        long countAt = c.pos();
        long count = c.size("array count");
        int minBytes = switch (element) {
            case STRING -> c.sizeBytes();
            case ARRAY -> Integer.BYTES + c.sizeBytes();
            default -> element.size();
        };
        c.needItems(count, countAt, minBytes, "array count");
        if (count > MAX_ARRAY) {
            throw c.error("array count " + count + " at byte " + countAt + " (" + c.field() + ") is more than the "
                    + MAX_ARRAY + " elements this reader accepts");
        }
        int n = (int) count;
        Object value = switch (element) {
            case STRING, ARRAY -> list(c, element, n);
            default -> numbers(c, element, n);
        };
        return new GgufValue(GgufValueType.ARRAY, element, value);
    }

    private static List<Object> list(GgufCursor c, GgufValueType element, int n) {
        List<Object> out = new ArrayList<>(Math.min(n, 1 << 16));
        c.enter(0);
        for (int i = 0; i < n; i++) {
            c.at(i);
            out.add(element == GgufValueType.STRING ? c.string() : array(c).value());
        }
        c.leave();
        return Collections.unmodifiableList(out);
    }

    /** n fixed-size values as long[] (integers), float[], double[] or boolean[]; the caller checked they fit. */
    private static Object numbers(GgufCursor c, GgufValueType element, int n) {
        int size = element.size();
        Object out = switch (element) {
            case F32 -> new float[n];
            case F64 -> new double[n];
            case BOOL -> new boolean[n];
            default -> new long[n];
        };
        int perSlice = c.bytes().maxSlice() / size;
        for (int start = 0; start < n; start += perSlice) {
            int k = Math.min(perSlice, n - start);
            ByteBuffer b = c.take(k * size);
            for (int j = 0; j < k; j++) {
                int at = j * size;
                switch (element) {
                    case F32 -> ((float[]) out)[start + j] = b.getFloat(at);
                    case F64 -> ((double[]) out)[start + j] = b.getDouble(at);
                    case BOOL -> ((boolean[]) out)[start + j] = b.get(at) != 0;
                    default -> ((long[]) out)[start + j] = integer(b, at, element);
                }
            }
        }
        return out;
    }
}
