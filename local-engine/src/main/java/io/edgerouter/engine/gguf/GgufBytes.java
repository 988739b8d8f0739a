package io.edgerouter.engine.gguf;

import io.edgerouter.engine.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file mapped read-only as little-endian bytes, addressed by {@code long} offsets. One {@link MappedByteBuffer} holds
 * at most 2 GiB, so a bigger file is mapped as overlapping windows: window k starts at k·step and is step + overlap
 * long, which puts every range of at most {@code overlap} bytes wholly inside one window ({@link #slice}).
 *
 * <p>The channel is closed as soon as the windows are mapped: a mapping stays valid without it, and Java 17 has no
 * supported way to unmap, so the memory is released when this object and every slice of it become unreachable.
 */
final class GgufBytes {

    /** Default window step: 1 GiB. */
    static final long STEP = 1L << 30;
    /** Default window overlap: 64 MiB, the longest range {@link #slice} hands out. */
    static final int OVERLAP = 1 << 26;
    /** The smallest overlap: more than the largest ggml block (Q8_K, 292 bytes). */
    static final int MIN_OVERLAP = 512;

    private final String name;
    private final long size;
    private final long step;
    private final int overlap;
    private final ByteBuffer[] windows;

    private GgufBytes(String name, long size, long step, int overlap, ByteBuffer[] windows) {
        this.name = name;
        this.size = size;
        this.step = step;
        this.overlap = overlap;
        this.windows = windows;
    }

    static GgufBytes map(Path file) {
        return map(file, STEP, OVERLAP);
    }

    /**
     * Maps with a chosen window geometry (tests use tiny windows to cross boundaries on small files). The overlap is
     * at least {@link #MIN_OVERLAP} so that one block of any ggml type and one scalar always fit in a slice.
     */
    static GgufBytes map(Path file, long step, int overlap) {
        if (step <= 0 || overlap < MIN_OVERLAP || step + overlap > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window step " + step + " and overlap " + overlap + " (≥ "
                    + MIN_OVERLAP + ") must fit 2 GiB together");
        }
        String name = String.valueOf(file.getFileName());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int count = (int) Math.max(1, (size + step - 1) / step);
            ByteBuffer[] windows = new ByteBuffer[count];
            for (int k = 0; k < count; k++) {
                long start = k * step;
                long length = Math.min(size - start, step + overlap);
                windows[k] = ch.map(FileChannel.MapMode.READ_ONLY, start, length).order(ByteOrder.LITTLE_ENDIAN);
            }
            return new GgufBytes(name, size, step, overlap, windows);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(name + ": no such file " + file, e);
        } catch (IOException e) {
            throw new ModelLoadException(name + ": cannot map " + file + " for reading: " + e, e);
        }
    }

    /** Bytes already in memory (a single window), named {@code name} in messages; tests parse thousands this way. */
    static GgufBytes wrap(String name, ByteBuffer buffer) {
        ByteBuffer b = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        return new GgufBytes(name, b.capacity(), Math.max(1, b.capacity()), Math.max(MIN_OVERLAP, b.capacity()),
                new ByteBuffer[] {b});
    }

    /** The file name (not the path) that error messages start with. */
    String name() {
        return name;
    }

    long size() {
        return size;
    }

    /** The longest range {@link #slice} accepts. */
    int maxSlice() {
        return overlap;
    }

    /**
     * Bytes [offset, offset + length) as a little-endian buffer positioned at 0; the caller checked the range is in
     * the file and at most {@link #maxSlice()} long.
     */
    ByteBuffer slice(long offset, int length) {
        if (offset < 0 || length < 0 || length > overlap || offset + length > size) {
            throw new IllegalArgumentException(name + ": slice [" + offset + ", +" + length + ") outside the file ("
                    + size + " bytes) or longer than " + overlap);
        }
        if (length == 0) {
            return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
        }
        int k = (int) (offset / step);
        ByteBuffer w = windows[k];
        return w.slice((int) (offset - k * step), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    int getInt(long offset) {
        return slice(offset, Integer.BYTES).getInt(0);
    }

    long getLong(long offset) {
        return slice(offset, Long.BYTES).getLong(0);
    }

    /** Copies {@code dst.length} bytes starting at {@code offset}, across windows when needed. */
    void get(long offset, byte[] dst) {
        int done = 0;
        while (done < dst.length) {
            int n = Math.min(dst.length - done, overlap);
            slice(offset + done, n).get(dst, done, n);
            done += n;
        }
    }
}
