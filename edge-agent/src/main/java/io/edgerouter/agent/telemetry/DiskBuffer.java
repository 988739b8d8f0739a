package io.edgerouter.agent.telemetry;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * A bounded first-in first-out queue of text records kept on disk, so telemetry survives a Kafka
 * outage and a restart. Records live in numbered segment files of {@value #SEGMENT_RECORDS} lines; a
 * small {@code head} file says how many lines of the oldest segment are already delivered. When the
 * queue holds {@code maxRecords}, appending drops the oldest record and counts it in {@link #dropped()}.
 * Delivery is at least once: a record is removed only after {@link #remove(int)}.
 *
 * <p>While the undelivered records are few (up to {@code memoryRecords}, the normal case with Kafka up), they
 * are also mirrored in memory, so {@link #peek(int)} does not read segment files under the lock that request
 * threads take to append; after an outage grows the queue beyond that, or after a restart, peeks read the disk
 * until the queue has drained once.
 */
public final class DiskBuffer implements AutoCloseable {

    static final int SEGMENT_RECORDS = 1000;
    static final int MEMORY_RECORDS = 4096;

    private final Path dir;
    private final long maxRecords;
    private final int memoryRecords;
    /** The undelivered records, oldest first, while they all fit; else empty (see {@link #mirrored()}). */
    private final Deque<String> memory = new ArrayDeque<>();
    private final Deque<Segment> segments = new ArrayDeque<>();
    private BufferedWriter tailWriter;
    private long size;
    private long dropped;

    private static final class Segment {
        final long id;
        int lines;
        int consumed;

        Segment(long id, int lines, int consumed) {
            this.id = id;
            this.lines = lines;
            this.consumed = consumed;
        }
    }

    public DiskBuffer(Path dir, long maxRecords) {
        this(dir, maxRecords, MEMORY_RECORDS);
    }

    DiskBuffer(Path dir, long maxRecords, int memoryRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be >= 1, got " + maxRecords);
        }
        this.dir = dir;
        this.maxRecords = maxRecords;
        this.memoryRecords = memoryRecords;
        try {
            Files.createDirectories(dir);
            List<Long> ids;
            try (Stream<Path> files = Files.list(dir)) {
                ids = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.matches("seg-\\d{12}\\.jsonl"))
                        .map(n -> Long.parseLong(n.substring(4, 16)))
                        .sorted()
                        .toList();
            }
            long headId = -1;
            int headConsumed = 0;
            Path head = dir.resolve("head");
            if (Files.isRegularFile(head)) {
                String[] parts = Files.readString(head).strip().split(" ");
                if (parts.length == 2) {
                    headId = Long.parseLong(parts[0]);
                    headConsumed = Integer.parseInt(parts[1]);
                }
            }
            for (long id : ids) {
                int lines = countLines(segmentPath(id));
                int consumed = id == headId ? Math.min(headConsumed, lines) : 0;
                if (id < headId) {
                    Files.deleteIfExists(segmentPath(id));
                    continue;
                }
                segments.addLast(new Segment(id, lines, consumed));
                size += lines - consumed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the telemetry buffer in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@link #memory} holds every undelivered record (always so for an empty queue). */
    private boolean mirrored() {
        return memory.size() == size;
    }

    /** Appends a record (one line; newlines are not allowed). */
    public synchronized void append(String record) {
        if (record.indexOf('\n') >= 0 || record.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a buffered record must be one line");
        }
        try {
            boolean mirrored = mirrored();
            Segment tail = segments.peekLast();
            if (tail == null || tail.lines >= SEGMENT_RECORDS) {
                closeWriter();
                tail = new Segment(tail == null ? 0 : tail.id + 1, 0, 0);
                segments.addLast(tail);
            }
            if (tailWriter == null) {
                tailWriter = Files.newBufferedWriter(segmentPath(tail.id), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            tailWriter.write(record);
            tailWriter.write('\n');
            tailWriter.flush();
            tail.lines++;
            size++;
            if (mirrored) {
                memory.addLast(record);
                if (memory.size() > memoryRecords) {
                    memory.clear(); // spilled: peeks read the disk until the queue has drained
                }
            }
            while (size > maxRecords) {
                removeOldest(1);
                dropped++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the telemetry buffer: " + e.getMessage(), e);
        }
    }

    /** Up to {@code max} oldest records, without removing them. */
    public synchronized List<String> peek(int max) {
        List<String> out = new ArrayList<>(Math.min(max, (int) Math.min(size, Integer.MAX_VALUE)));
        if (mirrored()) {
            for (String r : memory) {
                if (out.size() >= max) {
                    break;
                }
                out.add(r);
            }
            return out;
        }
        try {
            for (Segment s : segments) {
                if (out.size() >= max) {
                    break;
                }
                if (s.consumed >= s.lines) {
                    continue;
                }
                if (s == segments.peekLast() && tailWriter != null) {
                    tailWriter.flush();
                }
                try (Stream<String> lines = Files.lines(segmentPath(s.id), StandardCharsets.UTF_8)) {
                    lines.skip(s.consumed).limit(Math.min(s.lines - s.consumed, max - out.size())).forEach(out::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the telemetry buffer: " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes the {@code n} oldest records (after they were delivered). */
    public synchronized void remove(int n) {
        try {
            removeOldest(n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the telemetry buffer: " + e.getMessage(), e);
        }
    }

    private void removeOldest(long n) throws IOException {
        long left = Math.min(n, size);
        if (mirrored()) {
            for (long i = 0; i < left; i++) {
                memory.pollFirst();
            }
        }
        while (left > 0) {
            Segment s = segments.peekFirst();
            int take = (int) Math.min(left, s.lines - s.consumed);
            s.consumed += take;
            size -= take;
            left -= take;
            if (s.consumed >= s.lines && (s != segments.peekLast() || s.lines >= SEGMENT_RECORDS)) {
                if (s == segments.peekLast()) {
                    closeWriter();
                }
                segments.pollFirst();
                Files.deleteIfExists(segmentPath(s.id));
            }
        }
        Segment head = segments.peekFirst();
        Path tmp = dir.resolve("head.tmp");
        Files.writeString(tmp, head == null ? "-1 0" : head.id + " " + head.consumed);
        Files.move(tmp, dir.resolve("head"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public synchronized long size() {
        return size;
    }

    /** Records dropped because the buffer was full. */
    public synchronized long dropped() {
        return dropped;
    }

    private Path segmentPath(long id) {
        return dir.resolve(String.format("seg-%012d.jsonl", id));
    }

    private static int countLines(Path p) throws IOException {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            return (int) lines.count();
        }
    }

    private void closeWriter() throws IOException {
        if (tailWriter != null) {
            tailWriter.close();
            tailWriter = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeWriter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
