package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgerouter.router.Router;
import io.edgerouter.router.eval.FamilyReport;
import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.LengthScorer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed models and the default's recipe, recomputed from the real data (../shared/data beside the clone;
 * skipped without it). The default is judged on task families it never saw: its leave-one-family-out table is
 * recomputed from the data and must match what the training command recorded and beat the length baseline.
 */
class HeldOutSubjectsTest {

    private static Path root;
    private static List<RoutingExample> all;

    @BeforeAll
    static void load() {
        root = RoutingData.requireRoot();
        all = RoutingDataset.loadClean(root);
    }

    /**
     * Every family left out in turn, the recipe retrained on the others (static table built once into the temp
     * folder, ~30 s on two cores): the same table as recorded, and above length on the mean and on most families.
     */
    @Test
    void defaultRecipeLeftOutFamilyByFamilyBeatsLengthAsRecorded() {
        Map<String, String> meta = WeightsFile.loadDefault().metadata();
        String recipe = meta.get("recipe");
        StaticTable table = StaticTable.load(Path.of(System.getProperty("java.io.tmpdir"), "router-cache",
                "static_table.bin"), 2);
        FamilyReport report = LofoCommand.run(all, table, StaticTable.DEFAULT_PRIOR, List.of(recipe)).report(recipe);
        FamilyReport.Summary s = report.summary();
        System.out.println(report.table(recipe));
        assertThat(s.line()).isEqualTo(meta.get("lofo"));
        assertThat(s.families()).isGreaterThanOrEqualTo(19);
        assertThat(s.meanApgr()).isGreaterThan(s.meanLengthApgr());
        assertThat(s.wins()).as("families where the learned router beats length").isGreaterThan(s.families() / 2);
    }

    /** The weights, the Java tokenizer, the token table and the lexical features still agree with training. */
    @Test
    void defaultModelThroughTheRouterReproducesItsTrainingScores() {
        double[] s = new double[all.size()];
        Map<String, String> meta;
        try (Router router = Router.createDefault()) {
            for (int i = 0; i < s.length; i++) s[i] = router.rawScore(all.get(i).prompt(), null);
            meta = ((LearnedScorer) router.scorer()).model().metadata();
        }
        assertThat(CrossValidation.metrics(s, all, null, -1).apgr())
                .isCloseTo(Double.parseDouble(meta.get("in_sample_apgr")), within(0.002));
        assertThat(Set.of(meta.get("training_families").split(","))).containsAll(all.stream()
                .map(e -> Families.of(e.group())).toList());
    }

    /**
     * The MiniLM forward-pass model (not the default; trained on 38 MMLU subjects only) reproduces its recorded
     * APGR on the five MMLU subjects it never saw, end to end, and is compared with length on the same prompts.
     */
    @Test
    void miniLmModelReproducesItsHeldOutSubjectApgr() {
        List<RoutingExample> mmlu = RoutingDataset.load(root.resolve("routing/mmlu"));
        Set<String> dirty = RoutingDataset.contaminated(root.resolve("routing/mmlu_contaminated_prompts.jsonl"));
        List<RoutingExample> heldOut = Holdout.select(mmlu, Holdout.groups(mmlu), dirty, true);
        LearnedScorer learned = new LearnedScorer(WeightsFile.loadResource(WeightsFile.MINILM_RESOURCE));
        ScoringModel m = learned.model();
        assertThat(Set.of(m.metadata().get("held_out_subjects").split(",")))
                .isEqualTo(Set.copyOf(heldOut.stream().map(RoutingExample::group).toList()));
        double[] s = new double[heldOut.size()], len = new double[heldOut.size()];
        try (MiniLmEncoder enc = new MiniLmEncoder(m.windowHead(), m.windowTail(), 1, m.encoderLayers())) {
            java.util.stream.IntStream.range(0, s.length).parallel().forEach(i -> {
                String p = heldOut.get(i).prompt();
                s[i] = learned.score(new Features(p, LexicalFeatures.extract(p), enc.embed(p), null));
                len[i] = LengthScorer.lengthScore(p);
            });
        }
        RoutingMetrics.Result model = CrossValidation.metrics(s, heldOut, null, -1);
        System.out.printf("MiniLM model on held-out MMLU subjects: %.4f (length %.4f)%n", model.apgr(),
                CrossValidation.metrics(len, heldOut, null, -1).apgr());
        assertThat(model.apgr()).isCloseTo(Double.parseDouble(m.metadata().get("held_out_apgr")), within(0.003));
    }
}
