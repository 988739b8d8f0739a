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
    void rejectsMultiLineRecords() {
        try (DiskBuffer b = new DiskBuffer(dir, 10)) {
            assertThatThrownBy(() -> b.append("a\nb")).hasMessageContaining("one line");
        }
    }
}
