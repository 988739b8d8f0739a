package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingDatasetTest {

    @Test
    void readsQuotedMultiLinePromptsAndIgnoresExtraColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("my_subject.csv");
        Files.writeString(csv, "prompt,weak,strong,notes\n"
                + "\"Line one, with comma\nA. \"\"quoted\"\"\nAnswer:\",True,False,x\n"
                + "plain,0,1\n"
                + "broken,maybe,True\n");
        List<RoutingExample> rows = RoutingDataset.load(csv);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).prompt()).isEqualTo("Line one, with comma\nA. \"quoted\"\nAnswer:");
        assertThat(rows.get(0).localCorrect()).isTrue();
        assertThat(rows.get(0).cloudCorrect()).isFalse();
        assertThat(rows.get(1).cloudCorrect()).isTrue();
        assertThat(rows.get(0).group()).isEqualTo("my_subject");
    }

    @Test
    void directoryGivesOneGroupPerFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "p,l,c\nq1,True,True\n");
        Files.writeString(dir.resolve("b.csv"), "p,l,c\r\nq2,False,True\r\n");
        Files.writeString(dir.resolve("readme.txt"), "ignored");
        assertThat(RoutingDataset.load(dir)).extracting(RoutingExample::group).containsExactly("a", "b");
        assertThatThrownBy(() -> RoutingDataset.load(dir.resolve("nope"))).hasMessageContaining("no such file");
    }

    @Test
    void groupFoldsNeverSplitASubject() {
        List<RoutingExample> ex = new java.util.ArrayList<>();
        for (int g = 0; g < 7; g++) {
            for (int i = 0; i <= g * 3; i++) ex.add(new RoutingExample("q" + g + "_" + i, true, true, "s" + g));
        }
        int[] fold = GroupFolds.assign(ex, 5);
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < ex.size(); i++) {
            Integer prev = seen.putIfAbsent(ex.get(i).group(), fold[i]);
            assertThat(prev == null || prev == fold[i]).isTrue();
        }
        assertThat(java.util.Arrays.stream(fold).distinct().count()).isEqualTo(5);
    }
}
