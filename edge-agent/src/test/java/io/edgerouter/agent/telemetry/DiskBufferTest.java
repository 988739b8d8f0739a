package io.edgerouter.agent.telemetry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskBufferTest {

    @TempDir
    Path dir;

    @Test
    void keepsOrderAcrossSegmentsAndRemovesOnlyWhatWasDelivered() {
        try (DiskBuffer b = new DiskBuffer(dir, 10_000)) {
            IntStream.range(0, 2500).forEach(i -> b.append("r" + i));
            assertThat(b.size()).isEqualTo(2500);
            assertThat(b.peek(3)).containsExactly("r0", "r1", "r2");
            b.remove(1200);
            assertThat(b.peek(2)).containsExactly("r1200", "r1201");
            assertThat(b.size()).isEqualTo(1300);
        }
    }

    @Test
    void survivesARestartWithoutLosingOrRepeatingRecords() {
        try (DiskBuffer b = new DiskBuffer(dir, 10_000)) {
            IntStream.range(0, 1500).forEach(i -> b.append("r" + i));
            b.remove(1100);
        }
        try (DiskBuffer reopened = new DiskBuffer(dir, 10_000)) {
            assertThat(reopened.size()).isEqualTo(400);
            assertThat(reopened.peek(1)).containsExactly("r1100");
            reopened.append("late");
            List<String> all = reopened.peek(1000);
            assertThat(all).hasSize(401).endsWith("late");
        }
    }

    @Test
    void whenFullTheOldestAreDroppedAndCounted() {
        try (DiskBuffer b = new DiskBuffer(dir, 100)) {
            IntStream.range(0, 250).forEach(i -> b.append("r" + i));
            assertThat(b.size()).isEqualTo(100);
            assertThat(b.dropped()).isEqualTo(150);
            assertThat(b.peek(1)).containsExactly("r150");
        }
    }

    @Test
    void behavesLikeABoundedQueueAcrossTheMemoryMirrorDiskAndRestarts() {
        // a small memory mirror (20) and bound (300), so a random run crosses every transition: mirrored, spilled
        // to disk only, drained back to mirrored, dropping the oldest when full, and reopening from disk
        java.util.ArrayDeque<String> expected = new java.util.ArrayDeque<>();
        java.util.Random random = new java.util.Random(7);
        long dropped = 0;
        int next = 0;
        DiskBuffer b = new DiskBuffer(dir, 300, 20);
        try {
            for (int step = 0; step < 800; step++) {
                int op = random.nextInt(100);
                if (op < 55) {
                    int n = 1 + random.nextInt(op < 5 ? 200 : 8);
                    for (int i = 0; i < n; i++) {
                        String r = "r" + next++;
                        b.append(r);
                        expected.addLast(r);
                        if (expected.size() > 300) {
                            expected.pollFirst();
                            dropped++;
                        }
                    }
                } else if (op < 95) {
                    int n = random.nextInt(40);
                    List<String> peeked = b.peek(n);
                    assertThat(peeked).containsExactlyElementsOf(expected.stream().limit(n).toList());
                    int delivered = peeked.isEmpty() ? 0 : random.nextInt(peeked.size() + 1);
                    b.remove(delivered);
                    for (int i = 0; i < delivered; i++) {
                        expected.pollFirst();
                    }
                } else {
                    b.close();
                    b = new DiskBuffer(dir, 300, 20);
                    dropped = 0; // the drop count is per process, the records are not
                }
                assertThat(b.size()).as("step %d", step).isEqualTo(expected.size());
                assertThat(b.dropped()).isEqualTo(dropped);
            }
            assertThat(b.peek(1000)).containsExactlyElementsOf(expected);
        } finally {
            b.close();
        }
    }

    @Test
    void rejectsMultiLineRecords() {
        try (DiskBuffer b = new DiskBuffer(dir, 10)) {
            assertThatThrownBy(() -> b.append("a\nb")).hasMessageContaining("one line");
        }
    }
}
