package io.edgerouter.engine.gguf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the header, the key/value section and the tensor infos of a mapped GGUF file (spec: ggml docs/gguf.md) and
 * checks that every tensor's data lies inside the file. It reads nothing of the tensor data itself.
 */
final class GgufParser {

    /** "GGUF" as the little-endian u32 at byte 0. */
    private static final int MAGIC = 0x46554747;
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    private static final String ALIGNMENT_KEY = "general.alignment";

    private final GgufCursor c;

    private GgufParser(GgufBytes bytes) {
        this.c = new GgufCursor(bytes);
    }

    /** What the file says before its tensor data. */
    record Layout(int version, Map<String, GgufValue> entries, List<TensorInfo> tensors, long metadataEnd,
                  int alignment, long dataStart) {
    }

    /** One tensor info as stored: ne[0] is the fastest-varying dimension; offset is relative to dataStart. */
    record TensorInfo(String name, long[] ne, GgufType type, long offset, long elements, long byteSize) {
    }

    static Layout parse(GgufBytes bytes) {
        return new GgufParser(bytes).parse();
    }

    private Layout parse() {
        int version = header();
        long tensorCountAt = c.pos();
        long tensorCount = c.size("tensor count");
        long kvCountAt = c.pos();
        long kvCount = c.size("kv count");
        // the smallest kv is an empty key, a type and one byte; the smallest tensor info an empty name, n_dims,
        // type and offset: bounding the counts by them keeps a corrupt count from sizing any collection
        c.needItems(kvCount, kvCountAt, c.sizeBytes() + Integer.BYTES + 1, "kv count");
        Map<String, GgufValue> entries = keyValues((int) kvCount);
        c.field("header");
        c.needItems(tensorCount, tensorCountAt, c.sizeBytes() + 2 * Integer.BYTES + Long.BYTES, "tensor count");
        int alignment = alignment(entries);
        List<TensorInfo> tensors = tensorInfos((int) tensorCount, alignment);
        long metadataEnd = c.pos();
        long dataStart = (metadataEnd + alignment - 1) / alignment * alignment;
        checkData(tensors, dataStart);
        return new Layout(version, entries, List.copyOf(tensors), metadataEnd, alignment, dataStart);
    }

    private int header() {
        c.need(4, "magic");
        int magic = c.u32("magic");
        if (magic != MAGIC) {
            throw c.error(String.format("bad magic %02x %02x %02x %02x at byte 0 (header): expected \"GGUF\" "
                    + "(47 47 55 46)", magic & 0xFF, (magic >>> 8) & 0xFF, (magic >>> 16) & 0xFF, magic >>> 24));
        }
        int version = c.u32("version");
        if (version < 1 || version > 3) {
            int swapped = Integer.reverseBytes(version);
            String hint = swapped >= 1 && swapped <= 3 ? " (a big-endian GGUF, which is not supported)" : "";
            throw c.error("unsupported version " + Integer.toUnsignedString(version) + " at byte 4 (header)" + hint
                    + ": expected 1, 2 or 3");
        }
        c.version(version);
        return version;
    }

    private Map<String, GgufValue> keyValues(int count) {
        Map<String, GgufValue> entries = new LinkedHashMap<>(Math.min(count, 1 << 16) * 2);
        for (int i = 0; i < count; i++) {
            c.field("key #" + i);
            long keyAt = c.pos();
            String key = c.string();
            c.field("key " + key);
            if (entries.containsKey(key)) {
                throw c.error("duplicate key " + key + " at byte " + keyAt);
            }
            long typeAt = c.pos();
            int id = c.u32("value type");
            GgufValueType type = GgufValueType.byId(Integer.toUnsignedLong(id));
            if (type == null) {
                throw c.error("unknown value type id " + Integer.toUnsignedString(id) + " at byte " + typeAt + " ("
                        + c.field() + "): expected 0‥12");
            }
            entries.put(key, GgufValueReader.read(c, type));
        }
        return entries;
    }

    private int alignment(Map<String, GgufValue> entries) {
        GgufValue v = entries.get(ALIGNMENT_KEY);
        if (v == null) {
            return DEFAULT_ALIGNMENT;
        }
        long a = v.type().isInteger() ? (Long) v.value() : 0;
        if (a <= 0 || a > (1 << 30) || Long.bitCount(a) != 1) {
            throw c.error(ALIGNMENT_KEY + " is " + v.label() + " " + v.value()
                    + ": expected an integer power of two up to 2^30");
        }
        return (int) a;
    }

    private List<TensorInfo> tensorInfos(int count, int alignment) {
        List<TensorInfo> tensors = new ArrayList<>(Math.min(count, 1 << 16));
        Set<String> seen = new HashSet<>(Math.min(count, 1 << 16) * 2);
        for (int i = 0; i < count; i++) {
            c.field("tensor info #" + i);
            long nameAt = c.pos();
            String name = c.string();
            c.field("tensor " + name);
            if (!seen.add(name)) {
                throw c.error("duplicate tensor name " + name + " at byte " + nameAt);
            }
            tensors.add(tensorInfo(name, alignment));
        }
        return tensors;
    }

    private TensorInfo tensorInfo(String name, int alignment) {
        long dimsAt = c.pos();
        int nDims = c.u32("n_dims");
        if (nDims < 0 || nDims > MAX_DIMS) {
            throw c.error("n_dims " + Integer.toUnsignedString(nDims) + " at byte " + dimsAt + " (" + c.field()
                    + "): expected 0‥" + MAX_DIMS);
        }
        long[] ne = new long[nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long at = c.pos();
            ne[d] = c.size("ne[" + d + "]");
            if (ne[d] < 0 || (ne[d] > 0 && elements > Long.MAX_VALUE / ne[d])) {
                throw c.error("ne[" + d + "] " + Long.toUnsignedString(ne[d]) + " at byte " + at + " (" + c.field()
                        + ") makes the element count overflow a signed 64-bit integer");
            }
            elements *= ne[d];
        }
        long typeAt = c.pos();
        int id = c.u32("ggml type");
        GgufType type = GgufType.byId(Integer.toUnsignedLong(id));
        if (type == null) {
            throw c.error("unknown ggml type id " + Integer.toUnsignedString(id) + " at byte " + typeAt + " ("
                    + c.field() + "): not in ggml's type table");
        }
        long rowLength = nDims == 0 ? 1 : ne[0];
        long byteSize = type.byteSize(elements);
        if (rowLength % type.blockSize() != 0 || byteSize < 0) {
            throw c.error(c.field() + ": ne[0] = " + rowLength + " is not a multiple of " + type + "'s block size "
                    + type.blockSize());
        }
        long offsetAt = c.pos();
        long offset = c.u64("data offset");
        if (offset < 0 || offset % alignment != 0) {
            throw c.error("data offset " + Long.toUnsignedString(offset) + " at byte " + offsetAt + " (" + c.field()
                    + ") is not a multiple of the alignment " + alignment);
        }
        return new TensorInfo(name, ne, type, offset, elements, byteSize);
    }

    private void checkData(List<TensorInfo> tensors, long dataStart) {
        long size = c.bytes().size();
        for (TensorInfo t : tensors) {
            long start = dataStart + t.offset();
            if (start < 0 || start > size || t.byteSize() > size - start) {
                throw c.error("tensor " + t.name() + " (" + t.type() + ", " + t.byteSize() + " bytes at byte "
                        + Long.toUnsignedString(start) + ") runs past the end of the file (" + size + " bytes)");
            }
        }
    }
}
