package io.edgerouter.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes GGUF files for tests, from the spec (ggml docs/gguf.md): header, key/values, tensor infos, padding to the
 * alignment, then each tensor's data at an aligned offset. Version 1 writes lengths, counts and dims as u32, later
 * versions as u64. Like llama.cpp's vocab files, a file without tensors ends right after its last key/value.
 */
final class GgufWriter {

    /** An array value: element type and items (Long/Double/Boolean/String, or {@code Array} for nested arrays). */
    record Array(GgufValueType elementType, List<?> items) {
    }

    /** A key/value; {@code typeId} may be outside the spec and {@code raw} the bytes to write as its value. */
    private record Entry(String key, int typeId, Object value, byte[] raw) {
    }

    /** A tensor info and its data bytes; {@code typeId} may name a type the reader cannot decode. */
    record Tensor(String name, long[] ne, int typeId, byte[] data) {
    }

    private int version = 3;
    private int alignment = 32;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Tensor> tensors = new ArrayList<>();

    GgufWriter version(int version) {
        this.version = version;
        return this;
    }

    /** Sets the alignment and writes it as {@code general.alignment} (u32). */
    GgufWriter alignment(int alignment) {
        this.alignment = alignment;
        return put("general.alignment", GgufValueType.U32, (long) alignment);
    }

    /** A scalar (Number for integers and floats, Boolean, String) or an {@link Array}. */
    GgufWriter put(String key, GgufValueType type, Object value) {
        entries.add(new Entry(key, type.id(), value, null));
        return this;
    }

    GgufWriter putString(String key, String value) {
        return put(key, GgufValueType.STRING, value);
    }

    GgufWriter putArray(String key, GgufValueType elementType, List<?> items) {
        return put(key, GgufValueType.ARRAY, new Array(elementType, items));
    }

    /** A key with any type id and the given bytes as its value, for corrupt-input tests. */
    GgufWriter putRaw(String key, int typeId, byte[] value) {
        entries.add(new Entry(key, typeId, null, value));
        return this;
    }

    /** A tensor of {@code values} (ne[0] fastest) quantized to {@code type} with {@link GgufQuantizer}. */
    GgufWriter tensor(String name, GgufType type, long[] ne, float[] values) {
        return rawTensor(name, type.id(), ne, GgufQuantizer.quantize(type, values));
    }

    /** A tensor with the given data bytes and type id, unchecked. */
    GgufWriter rawTensor(String name, int typeId, long[] ne, byte[] data) {
        tensors.add(new Tensor(name, ne.clone(), typeId, data.clone()));
        return this;
    }

    /** Where each tensor's data goes, relative to the data section: packed in order, each start aligned. */
    long[] offsets() {
        long[] offsets = new long[tensors.size()];
        long at = 0;
        for (int i = 0; i < tensors.size(); i++) {
            offsets[i] = at;
            at = pad(at + tensors.get(i).data().length);
        }
        return offsets;
    }

    byte[] toBytes() {
        Out out = new Out();
        out.u32(0x46554747).u32(version).size(tensors.size()).size(entries.size());
        for (Entry e : entries) {
            out.string(e.key()).u32(e.typeId());
            if (e.raw() != null) {
                out.bytes(e.raw());
            } else {
                value(out, GgufValueType.byId(e.typeId()), e.value());
            }
        }
        long[] offsets = offsets();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            out.string(t.name()).u32(t.ne().length);
            for (long n : t.ne()) {
                out.size(n);
            }
            out.u32(t.typeId()).u64(offsets[i]);
        }
        if (!tensors.isEmpty()) {
            long dataStart = pad(out.size());
            out.zeros(dataStart - out.size());
            for (int i = 0; i < tensors.size(); i++) {
                out.zeros(dataStart + offsets[i] - out.size());
                out.bytes(tensors.get(i).data());
            }
        }
        return out.toByteArray();
    }

    Path write(Path file) {
        try {
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long pad(long at) {
        return (at + alignment - 1) / alignment * alignment;
    }

    private void value(Out out, GgufValueType type, Object v) {
        switch (type) {
            case U8, I8 -> out.u8(((Number) v).intValue());
            case U16, I16 -> out.u16(((Number) v).intValue());
            case U32, I32 -> out.u32(((Number) v).intValue());
            case U64, I64 -> out.u64(((Number) v).longValue());
            case F32 -> out.f32(((Number) v).floatValue());
            case F64 -> out.f64(((Number) v).doubleValue());
            case BOOL -> out.u8((Boolean) v ? 1 : 0);
            case STRING -> out.string((String) v);
            case ARRAY -> {
                Array a = (Array) v;
                out.u32(a.elementType().id()).size(a.items().size());
                for (Object item : a.items()) {
                    value(out, a.elementType(), item);
                }
            }
        }
    }

    /** Little-endian output. */
    private final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        long size() {
            return bytes.size();
        }

        Out u8(int v) {
            bytes.write(v);
            return this;
        }

        Out u16(int v) {
            return put(scratch.clear().putShort((short) v));
        }

        Out u32(int v) {
            return put(scratch.clear().putInt(v));
        }

        Out u64(long v) {
            return put(scratch.clear().putLong(v));
        }

        Out f32(float v) {
            return put(scratch.clear().putFloat(v));
        }

        Out f64(double v) {
            return put(scratch.clear().putDouble(v));
        }

        /** A string length or a count: u32 in v1, u64 after. */
        Out size(long n) {
            return version == 1 ? u32((int) n) : u64(n);
        }

        Out string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return size(utf8.length).bytes(utf8);
        }

        Out bytes(byte[] b) {
            bytes.writeBytes(b);
            return this;
        }

        Out zeros(long n) {
            return bytes(new byte[(int) n]);
        }

        private Out put(ByteBuffer b) {
            bytes.write(b.array(), 0, b.position());
            return this;
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
