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
        assertThat(rows.get(0).localQuality()).isEqualTo(1.0);
        assertThat(rows.get(0).cloudQuality()).isEqualTo(0.0);
        assertThat(rows.get(1).cloudQuality()).isEqualTo(1.0);
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
    void numericLabelsAreScoresOrRatingsDecidedPerFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("scores.csv"), "prompt,weak_score,strong_score\na,0.25,1\nb,True,0.5\nc,,0.3\n");
        Files.writeString(dir.resolve("ratings.csv"), "prompt,weak_score,strong_score\nx,1,10\ny,4,7\n");
        List<RoutingExample> rows = RoutingDataset.load(dir);
        // ratings.csv sorts first; 1..10 maps to 0..1; the row with an empty label is skipped, not guessed
        assertThat(rows).extracting(RoutingExample::prompt).containsExactly("x", "y", "a", "b");
        assertThat(rows.get(0).localQuality()).isEqualTo(0.0);
        assertThat(rows.get(0).cloudQuality()).isEqualTo(1.0);
        assertThat(rows.get(1).localQuality()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rows.get(1).gain()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(rows.get(2).localQuality()).isEqualTo(0.25);
        assertThat(rows.get(3).localQuality()).isEqualTo(1.0);
        assertThat(rows.get(3).cloudQuality()).isEqualTo(0.5);
    }

    @Test
    void labelsOutsideEveryScaleAreRefusedNamingFileRowAndRule(@TempDir Path dir) throws Exception {
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, "p,w,s\nq1,0.5,8\nq2,0.2,0.9\n");
        assertThatThrownBy(() -> RoutingDataset.load(mixed)).hasMessageContaining("mixed.csv row 2")
                .hasMessageContaining("1-10 rating");
        Path big = dir.resolve("big.csv");
        Files.writeString(big, "p,w,s\nq1,50,80\n");
        assertThatThrownBy(() -> RoutingDataset.load(big)).hasMessageContaining("big.csv row 2")
                .hasMessageContaining("rating in [1, 10]");
    }

    @Test
    void directoriesAreReadRecursivelyAndDuplicateFileNamesRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x/y"));
        Files.writeString(dir.resolve("x/y/deep.csv"), "p,l,c\nq,True,False\n");
        Files.writeString(dir.resolve("top.csv"), "p,l,c\nr,True,False\n");
        assertThat(RoutingDataset.load(dir)).extracting(RoutingExample::group).containsExactly("deep", "top");
        Files.writeString(dir.resolve("x/top.csv"), "p,l,c\ns,True,False\n");
        assertThatThrownBy(() -> RoutingDataset.load(dir)).hasMessageContaining("top.csv").hasMessageContaining("unique");
    }

    @Test
    void cleanDataDropsContaminatedPromptsAndPromptsSharedByTwoFamilies(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("mmlu"));
        Files.writeString(dir.resolve("mmlu/mmlu_astronomy.csv"), "p,l,c\nshared question,True,False\nleaked,True,True\nkept,False,True\n");
        Files.writeString(dir.resolve("mmlu/mmlu_anatomy.csv"), "p,l,c\nsame family twice,True,False\n");
        Files.writeString(dir.resolve("mmlu/mmlu_virology.csv"), "p,l,c\nsame family twice,False,False\n");
        Files.writeString(dir.resolve("llmrouter_x.csv"), "p,l,c\nshared  question,False,True\nown,True,True\n");
        Files.writeString(dir.resolve("mmlu_contaminated_prompts.jsonl"), "{\"eval_prompt\": \"leaked\"}\n");
        List<RoutingExample> clean = RoutingDataset.loadClean(dir);
        // anatomy and astronomy are both STEM: one family; virology is "other", so that prompt spans two families
        assertThat(clean).extracting(RoutingExample::prompt).containsExactlyInAnyOrder("kept", "own");
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
