package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of a model's tensors: inline {@code raw_data}, {@code float_data}, or external data
 * ({@code data_location = EXTERNAL} with {@code location}, {@code offset}, {@code length} relative to the model
 * file's directory). External files are opened once and mapped one tensor at a time, so reading a tensor does not
 * copy it onto the Java heap. Checks every external reference before it is read and names the tensor, the file and
 * what was expected when one is wrong.
 */
final class TensorData implements AutoCloseable {

    /** Where one external tensor's bytes are. */
    record Location(Path file, String relative, long offset, long length) {
    }

    private final Path model;
    private final Path dir;
    private final Map<Path, FileChannel> open = new HashMap<>();

    /** Reads tensors of {@code model} (the .onnx file; external locations are relative to its directory). */
    TensorData(Path model) {
        this.model = model;
        this.dir = model.toAbsolutePath().getParent();
    }

    static boolean isExternal(OnnxMl.TensorProto t) {
        return t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL;
    }

    /** Bytes the tensor's dims and element type call for, or -1 for types without a fixed size (strings). */
    static long expectedBytes(OnnxMl.TensorProto t) {
        long elements = 1;
        for (long d : t.getDimsList()) {
            elements = Math.multiplyExact(elements, d);
        }
        return switch (t.getDataType()) {
            case 1, 6, 12 -> elements * 4; // float, int32, uint32
            case 2, 3, 9, 17, 18, 19, 20 -> elements; // uint8, int8, bool, float8 variants
            case 4, 5, 10, 16 -> elements * 2; // uint16, int16, float16, bfloat16
            case 7, 11, 13, 14 -> elements * 8; // int64, double, uint64, complex64
            case 15 -> elements * 16; // complex128
            case 21, 22, 23 -> (elements + 1) / 2; // uint4, int4, float4: two a byte
            default -> -1;
        };
    }

    /** The checked external location of {@code t}. */
    Location location(OnnxMl.TensorProto t) {
        Map<String, String> entries = new HashMap<>();
        for (OnnxMl.StringStringEntryProto e : t.getExternalDataList()) {
            entries.put(e.getKey(), e.getValue());
        }
        String relative = entries.get("location");
        if (relative == null || relative.isEmpty()) {
            throw problem(t, "has data_location EXTERNAL but no external_data 'location'");
        }
        Path file = dir.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !file.startsWith(dir)) {
            throw problem(t, "external data location '" + relative + "' must be a relative path inside " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw problem(t, "external data file " + file + " does not exist");
        }
        long offset = number(t, entries, "offset", 0);
        long expected = expectedBytes(t);
        long length = number(t, entries, "length", expected);
        if (length < 0) {
            throw problem(t, "external data in " + file + " has no 'length' and type " + t.getDataType()
                    + " has no fixed size");
        }
        if (expected >= 0 && length != expected) {
            throw problem(t, "external data length " + length + " in " + file + " differs from the " + expected
                    + " bytes its dims " + t.getDimsList() + " and type " + t.getDataType() + " need");
        }
        long size = size(file);
        if (offset + length > size) {
            throw problem(t, "external data file " + file + " is truncated: the tensor needs bytes [" + offset
                    + ", " + (offset + length) + ") but the file has " + size);
        }
        return new Location(file, relative, offset, length);
    }

    /**
     * The tensor's bytes as a little-endian buffer positioned at 0: a read-only view of inline {@code raw_data}, a
     * read-only mapping of external data, or a copy of {@code float_data}.
     */
    ByteBuffer bytes(OnnxMl.TensorProto t) {
        if (isExternal(t)) {
            Location at = location(t);
            if (at.length() > Integer.MAX_VALUE) {
                throw problem(t, "is " + at.length() + " bytes; tensors over 2 GiB cannot be mapped at once");
            }
            try {
                return channel(at.file()).map(FileChannel.MapMode.READ_ONLY, at.offset(), at.length())
                        .order(ByteOrder.LITTLE_ENDIAN);
            } catch (IOException e) {
                throw problem(t, "cannot read external data file " + at.file() + ": " + e.getMessage());
            }
        }
        ByteBuffer buffer;
        if (t.getDataType() == OnnxMl.TensorProto.DataType.FLOAT_VALUE && t.getFloatDataCount() > 0) {
            buffer = ByteBuffer.allocate(t.getFloatDataCount() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.getFloatDataCount(); i++) {
                buffer.putFloat(i * Float.BYTES, t.getFloatData(i));
            }
        } else {
            buffer = t.getRawData().asReadOnlyByteBuffer();
        }
        long expected = expectedBytes(t);
        if (expected >= 0 && buffer.remaining() != expected) {
            throw problem(t, "holds " + buffer.remaining() + " bytes inline but its dims " + t.getDimsList()
                    + " and type " + t.getDataType() + " need " + expected);
        }
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The open channel of an external data file, for streaming copies. */
    FileChannel channel(Path file) throws IOException {
        FileChannel channel = open.get(file);
        if (channel == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            open.put(file, channel);
        }
        return channel;
    }

    /** External data files read so far. */
    Set<Path> files() {
        return Set.copyOf(open.keySet());
    }

    @Override
    public void close() {
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only: nothing is lost when closing fails
            }
        }
        open.clear();
    }

    private long number(OnnxMl.TensorProto t, Map<String, String> entries, String key, long otherwise) {
        String value = entries.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw problem(t, "external data '" + key + "' is '" + value + "', expected a byte count ≥ 0");
        }
    }

    private long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the size of external data file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private ModelLoadException problem(OnnxMl.TensorProto t, String what) {
        return new ModelLoadException(model + ": tensor '" + t.getName() + "' " + what);
    }
}
