package io.edgerouter.engine.quant;

import ai.onnx.proto.OnnxMl;
import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends tensors to one external data file and hands back the {@code TensorProto} that points at them
 * ({@code data_location = EXTERNAL}, {@code location}, {@code offset}, {@code length}). Tensors of 64 KiB or more start
 * on a 64 KiB boundary, which lets ONNX Runtime map them instead of copying (64 KiB is the coarsest mapping
 * granularity of the platforms it runs on); smaller ones on 16 bytes.
 */
final class ExternalDataWriter implements AutoCloseable {

    private static final long LARGE = 64 * 1024;

    private final Path file;
    private final String location;
    private final FileChannel out;

    /** Creates (or truncates) {@code file}; {@code location} is its name relative to the model file. */
    ExternalDataWriter(Path file, String location) {
        this.file = file;
        this.location = location;
        try {
            this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new ModelLoadException("cannot create external data file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Pads the file for a tensor of {@code bytes} and returns the offset it starts at. */
    long begin(long bytes) {
        long alignment = bytes >= LARGE ? LARGE : 16;
        long end = size();
        long at = (end + alignment - 1) / alignment * alignment;
        try {
            out.position(end);
        } catch (IOException e) {
            throw failed(e);
        }
        write(ByteBuffer.allocate((int) (at - end))); // zeros: a file extended by seeking has unspecified bytes
        return at;
    }

    /** Appends {@code data} from its position to its limit. */
    void write(ByteBuffer data) {
        try {
            while (data.hasRemaining()) {
                out.write(data);
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** Appends {@code length} bytes of {@code source} starting at {@code offset}, without a heap copy. */
    void transfer(FileChannel source, long offset, long length) {
        try {
            long start = out.position();
            long done = 0;
            while (done < length) {
                out.position(start + done); // whether transferTo advances a file target is not specified
                long n = source.transferTo(offset + done, length - done, out);
                if (n <= 0) {
                    throw new IOException("source ended after " + done + " of " + length + " bytes");
                }
                done += n;
            }
            out.position(start + length);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * {@code header} (name, type, dims) pointing at the bytes written since {@link #begin} returned {@code offset};
     * any inline data it had is dropped.
     */
    OnnxMl.TensorProto finish(OnnxMl.TensorProto header, long offset) {
        long length = position() - offset;
        return header.toBuilder().clearRawData().clearFloatData().clearInt32Data().clearInt64Data()
                .clearDoubleData().clearUint64Data().clearStringData().clearExternalData()
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(length)))
                .build();
    }

    /** Bytes in the file so far. */
    long size() {
        try {
            return out.size();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private long position() {
        try {
            return out.position();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static OnnxMl.StringStringEntryProto entry(String key, String value) {
        return OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private ModelLoadException failed(IOException e) {
        return new ModelLoadException("cannot write external data file " + file + ": " + e.getMessage(), e);
    }
}
