package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgerouter.router.eval.RoutingMetrics;
import io.edgerouter.router.feature.Features;
import io.edgerouter.router.feature.LexicalFeatures;
import io.edgerouter.router.feature.MiniLmEncoder;
import io.edgerouter.router.scorer.LearnedScorer;
import io.edgerouter.router.scorer.LengthScorer;
import io.edgerouter.router.scorer.RandomScorer;
import io.edgerouter.router.scorer.Scorer;
import io.edgerouter.router.scorer.ScoringModel;
import io.edgerouter.router.scorer.WeightsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed model and its training recipe, recomputed from the data (../shared/data/routing beside the clone):
 * the held-out subjects are the fixed {@link Holdout} ones, the committed model is scored on them end to end
 * (MiniLM embedding included) and compared with both baselines on the same prompts, and the recipe's grouped
 * cross-validation is rerun on the training subjects.
 */
class HeldOutSubjectsTest {

    private static List<RoutingExample> training;
    private static List<RoutingExample> heldOut;

    static Path dataDir() {
        String prop = System.getProperty("routing.data.dir");
        Path dir = prop != null ? Path.of(prop) : Path.of("../../shared/data/routing");
        Path mmlu = dir.resolve("mmlu");
        assertThat(Files.isDirectory(mmlu)).as("routing data expected at %s (../shared beside the clone)", mmlu).isTrue();
        return mmlu;
    }

    @BeforeAll
    static void load() {
        Path data = dataDir();
        List<RoutingExample> all = RoutingDataset.load(data);
        Set<String> dirty = RoutingDataset.contaminated(data.resolveSibling("mmlu_contaminated_prompts.jsonl"));
        Set<String> held = Holdout.groups(all);
        training = Holdout.select(all, held, dirty, false);
        heldOut = Holdout.select(all, held, dirty, true);
    }

    @Test
    void committedModelsWereTrainedWithoutTheHeldOutSubjects() {
        Set<String> held = new TreeSet<>(heldOut.stream().map(RoutingExample::group).toList());
        for (String resource : List.of(WeightsFile.DEFAULT_RESOURCE, WeightsFile.MINILM_RESOURCE)) {
            Map<String, String> meta = WeightsFile.loadResource(resource).metadata();
            assertThat(new TreeSet<>(List.of(meta.get("held_out_subjects").split(",")))).isEqualTo(held);
            assertThat(List.of(meta.get("training_subjects").split(","))).doesNotContainAnyElementsOf(held).hasSize(38);
        }
    }

    /**
     * Scores every held-out prompt with the committed weights and the encoder they name: the APGR the training command
     * recorded is reproduced (so weights, features and encoder still agree), and the comparison with the baselines
     * on the same prompts is what the README reports.
     */
    @Test
    void miniLmModelOnHeldOutSubjectsReproducesItsRecordedApgrAndBeatsRandom() {
        LearnedScorer learned = new LearnedScorer(WeightsFile.loadResource(WeightsFile.MINILM_RESOURCE));
        ScoringModel m = learned.model();
        double[] s = new double[heldOut.size()];
        try (MiniLmEncoder enc = new MiniLmEncoder(m.windowHead(), m.windowTail(), 1, m.encoderLayers())) {
            // ~2,000 MiniLM passes: on both cores (the session is thread-safe), each prompt's score in its own slot
            java.util.stream.IntStream.range(0, s.length).parallel().forEach(i -> {
                String p = heldOut.get(i).prompt();
                s[i] = learned.score(new Features(p, LexicalFeatures.extract(p), enc.embed(p), null));
            });
        }
        double model = apgr(heldOut, s);
        double random = apgr(heldOut, new RandomScorer(42));
        double length = apgr(heldOut, new LengthScorer());
        System.out.printf("held-out subjects, %d prompts: learned %.4f, random %.4f, length %.4f%n", heldOut.size(),
                model, random, length);
        assertThat(model).isCloseTo(Double.parseDouble(m.metadata().get("held_out_apgr")),
                org.assertj.core.data.Offset.offset(0.003));
        assertThat(model).isGreaterThan(random + 0.02);
    }

    /**
     * The committed default (static-MiniLM) model, end to end through the router it ships in (Java tokenizer, token
     * table, calibration): it reproduces its recorded held-out APGR and beats random there; its recorded grouped-CV
     * APGR beats both baselines' on the training subjects.
     */
    @Test
    void defaultModelOnHeldOutSubjectsReproducesItsRecordedApgrAndBeatsRandom() {
        double[] s = new double[heldOut.size()];
        Map<String, String> meta;
        try (io.edgerouter.router.Router router = io.edgerouter.router.Router.createDefault()) {
            for (int i = 0; i < s.length; i++) s[i] = router.rawScore(heldOut.get(i).prompt(), null);
            meta = ((LearnedScorer) router.scorer()).model().metadata();
        }
        double model = apgr(heldOut, s);
        double random = apgr(heldOut, new RandomScorer(42));
        System.out.printf("held-out subjects, static model %.4f (random %.4f)%n", model, random);
        assertThat(model).isCloseTo(Double.parseDouble(meta.get("held_out_apgr")), org.assertj.core.data.Offset.offset(0.003));
        assertThat(model).isGreaterThan(random + 0.02);
        double cv = Double.parseDouble(meta.get("cv_apgr"));
        assertThat(cv).isGreaterThan(apgr(training, new RandomScorer(42)) + 0.05)
                .isGreaterThan(apgr(training, new LengthScorer()) + 0.02);
        assertThat(new TreeSet<>(List.of(meta.get("held_out_subjects").split(","))))
                .isEqualTo(new TreeSet<>(heldOut.stream().map(RoutingExample::group).toList()));
    }

    /**
     * The lexical half of the committed recipe, retrained here: 5-fold cross-validation grouped by subject file on
     * the 38 training subjects (each fold's model never sees the fold's subjects) beats random and length.
     */
    @Test
    void groupedCrossValidationOfTheLexicalRecipeBeatsRandomAndLength() {
        int[] fold = GroupFolds.assign(training, 5);
        double lexical = apgr(training, CrossValidation.outOfFold("lr:lex", training, null, fold, 5));
        double random = apgr(training, new RandomScorer(42));
        double length = apgr(training, new LengthScorer());
        System.out.printf("grouped CV on %d training-subject prompts: lr:lex %.4f, random %.4f, length %.4f%n",
                training.size(), lexical, random, length);
        assertThat(lexical).isGreaterThan(random + 0.05).isGreaterThan(length + 0.01);
    }

    private static double apgr(List<RoutingExample> ex, Scorer scorer) {
        double[] s = new double[ex.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = scorer.score(Features.lexicalOnly(ex.get(i).prompt()));
        }
        return apgr(ex, s);
    }

    private static double apgr(List<RoutingExample> ex, double[] s) {
        boolean[] l = new boolean[ex.size()], c = new boolean[ex.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = ex.get(i).localCorrect();
            c[i] = ex.get(i).cloudCorrect();
        }
        return RoutingMetrics.evaluate(s, l, c).apgr();
    }
}
