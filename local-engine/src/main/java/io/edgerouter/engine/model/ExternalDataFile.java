package io.edgerouter.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The external-data file beside a {@code model.onnx}: initializers are appended one at a time, each at an aligned
 * offset, through a small reusable buffer. A writer therefore never holds more than the one tensor it is writing,
 * and the protobuf keeps only names, shapes and (offset, length), so multi-gigabyte models stay writable.
 */
public final class ExternalDataFile implements AutoCloseable {

    /** Large tensors start on a page so ONNX Runtime may map them instead of copying them. */
    static final int PAGE = 4096;
    /** Small tensors only need cache-line alignment; page-aligning them would bloat tiny models. */
    static final int LINE = 64;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    private long end;

    private ExternalDataFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates (or truncates) {@code file}; its name is what {@code model.onnx} will refer to. */
    public static ExternalDataFile create(Path file) throws IOException {
        return new ExternalDataFile(file, FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE));
    }

    /** Where one tensor's bytes are: {@code location} is relative to the directory of {@code model.onnx}. */
    public record Region(String location, long offset, long length) {
        public Region {
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("region offset " + offset + " and length " + length
                        + " must be ≥ 0");
            }
        }
    }

    /** Appends little-endian float32 values. @param values (n) */
    public Region writeFloats(float[] values) {
        long offset = align(4L * values.length);
        for (int i = 0; i < values.length; ) {
            int n = Math.min(values.length - i, CHUNK / Float.BYTES);
            chunk.clear();
            chunk.asFloatBuffer().put(values, i, n);
            chunk.limit(n * Float.BYTES);
            flushChunk();
            i += n;
        }
        return region(offset);
    }

    /**
     * Appends the transpose of a row-major matrix without materialising it: MatMul wants weights as
     * (in, out) while imports hand them out as (out, in).
     *
     * @param values (rows, cols) row-major; written as (cols, rows)
     */
    public Region writeFloatsTransposed(float[] values, int rows, int cols) {
        if ((long) rows * cols != values.length) {
            throw new IllegalArgumentException("(" + rows + ", " + cols + ") needs " + (long) rows * cols
                    + " values, got " + values.length);
        }
        long offset = align(4L * values.length);
        chunk.clear();
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                if (!chunk.hasRemaining()) {
                    chunk.flip();
                    flushChunk();
                    chunk.clear();
                }
                chunk.putFloat(values[r * cols + c]);
            }
        }
        chunk.flip();
        flushChunk();
        return region(offset);
    }

    /** Appends raw bytes (uint8 tensors). */
    public Region writeBytes(byte[] values) {
        long offset = align(values.length);
        for (int i = 0; i < values.length; i += CHUNK) {
            chunk.clear();
            chunk.put(values, i, Math.min(CHUNK, values.length - i));
            chunk.flip();
            flushChunk();
        }
        return region(offset);
    }

    /** Bytes written so far, padding included. */
    public long size() {
        return end;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private long align(long length) {
        int alignment = length >= PAGE ? PAGE : LINE;
        end = (end + alignment - 1) / alignment * alignment;
        return end;
    }

    private Region region(long offset) {
        return new Region(file.getFileName().toString(), offset, end - offset);
    }

    private void flushChunk() {
        try {
            while (chunk.hasRemaining()) {
                end += channel.write(chunk, end);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " at offset " + end, e);
        }
    }
}
