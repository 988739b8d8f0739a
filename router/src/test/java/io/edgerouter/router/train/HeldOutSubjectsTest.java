package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.LengthScorer;
import io.edgerouter.router.scorer.RandomScorer;
import io.edgerouter.router.scorer.Scorer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The committed model against both baselines on subjects it was not trained on. Its training command records the
 * APGR of 5-fold cross-validation grouped by subject file (each fold's model never saw the fold's subjects) in the
 * weights metadata; the baselines are recomputed here on the same prompts. Measuring the committed model itself on the
 * fixed {@link Holdout} subjects needs ~2,000 MiniLM passes and lives in {@code bench/router}, not in a unit test.
 * Reads ../shared/data/routing beside the repository.
 */
class HeldOutSubjectsTest {

    static Path dataDir() {
        String prop = System.getProperty("routing.data.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("../../shared/data/routing");
        Path mmlu = dir.resolve("mmlu");
        assertThat(Files.isDirectory(mmlu)).as("routing data expected at %s (../shared beside the clone)", mmlu).isTrue();
        return mmlu;
    }

    @Test
    void committedModelWasTrainedWithoutTheHeldOutSubjects() {
        List<RoutingExample> all = RoutingDataset.load(dataDir());
        Map<String, String> meta = LearnedScorer.loadDefault().model().metadata();
        assertThat(new TreeSet<>(List.of(meta.get("held_out_subjects").split(",")))).isEqualTo(Holdout.groups(all));
    }

    @Test
    void groupedCrossValidationOfTheCommittedRecipeBeatsRandomAndLengthBaselines() {
        Path data = dataDir();
        List<RoutingExample> all = RoutingDataset.load(data);
        Set<String> dirty = RoutingDataset.contaminated(data.resolveSibling("mmlu_contaminated_prompts.jsonl"));
        List<RoutingExample> training = Holdout.select(all, Holdout.groups(all), dirty, false);
        double learned = Double.parseDouble(LearnedScorer.loadDefault().model().metadata().get("cv_apgr"));
        double random = apgr(training, new RandomScorer(42));
        double length = apgr(training, new LengthScorer());
        System.out.printf("grouped CV on %d training-subject prompts: learned %.4f, random %.4f, length %.4f%n",
                training.size(), learned, random, length);
        assertThat(learned).isGreaterThan(random + 0.02).isGreaterThan(length + 0.02);
    }

    private static double apgr(List<RoutingExample> ex, Scorer scorer) {
        int n = ex.size();
        double[] s = new double[n];
        boolean[] l = new boolean[n], c = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = scorer.score(Features.lexicalOnly(ex.get(i).prompt()));
            l[i] = ex.get(i).localCorrect();
            c[i] = ex.get(i).cloudCorrect();
        }
        return RoutingMetrics.evaluate(s, l, c).apgr();
    }
}
