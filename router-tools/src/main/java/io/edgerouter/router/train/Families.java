package io.edgerouter.router.train;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Task families for leave-one-family-out evaluation: every data file is its own family, except the RouteLLM MMLU
 * subject files ({@code mmlu_<subject>}), which are grouped into five families by the usual MMLU categories
 * (Hendrycks et al.: STEM, humanities, social sciences, other) with the four {@code professional_*} subjects split
 * out as a fifth. The map covers all 57 MMLU subjects, so subject files outside the shared 43 land in their
 * category too; an unknown {@code mmlu_} subject is "mmlu_other". Fixed before any model was compared on it.
 */
public final class Families {

    public static final String STEM = "mmlu_stem";
    public static final String HUMANITIES = "mmlu_humanities";
    public static final String SOCIAL = "mmlu_social_sciences";
    public static final String PROFESSIONAL = "mmlu_professional";
    public static final String OTHER = "mmlu_other";

    private static final Map<String, String> MMLU = Map.ofEntries(
            stem("abstract_algebra"), stem("anatomy"), stem("astronomy"), stem("college_biology"),
            stem("college_chemistry"), stem("college_computer_science"), stem("college_mathematics"),
            stem("college_physics"), stem("computer_security"), stem("conceptual_physics"),
            stem("electrical_engineering"), stem("elementary_mathematics"), stem("high_school_biology"),
            stem("high_school_chemistry"), stem("high_school_computer_science"), stem("high_school_mathematics"),
            stem("high_school_physics"), stem("high_school_statistics"), stem("machine_learning"),
            hum("formal_logic"), hum("high_school_european_history"), hum("high_school_us_history"),
            hum("high_school_world_history"), hum("international_law"), hum("jurisprudence"),
            hum("logical_fallacies"), hum("moral_disputes"), hum("moral_scenarios"), hum("philosophy"),
            hum("prehistory"), hum("world_religions"),
            soc("econometrics"), soc("high_school_geography"), soc("high_school_government_and_politics"),
            soc("high_school_macroeconomics"), soc("high_school_microeconomics"), soc("high_school_psychology"),
            soc("human_sexuality"), soc("public_relations"), soc("security_studies"), soc("sociology"),
            soc("us_foreign_policy"),
            Map.entry("professional_accounting", PROFESSIONAL), Map.entry("professional_law", PROFESSIONAL),
            Map.entry("professional_medicine", PROFESSIONAL), Map.entry("professional_psychology", PROFESSIONAL),
            other("business_ethics"), other("clinical_knowledge"), other("college_medicine"), other("global_facts"),
            other("human_aging"), other("management"), other("marketing"), other("medical_genetics"),
            other("miscellaneous"), other("nutrition"), other("virology"));

    private Families() {
    }

    /** The family of a data file (its group name, the file name without {@code .csv}). */
    public static String of(String group) {
        if (group.startsWith("mmlu_")) {
            return MMLU.getOrDefault(group.substring("mmlu_".length()), OTHER);
        }
        return group;
    }

    /** Family name → its groups, in name order. */
    public static Map<String, Set<String>> grouping(List<RoutingExample> examples) {
        return examples.stream().map(RoutingExample::group).distinct()
                .collect(Collectors.groupingBy(Families::of, TreeMap::new, Collectors.toCollection(java.util.TreeSet::new)));
    }

    private static Map.Entry<String, String> stem(String s) {
        return Map.entry(s, STEM);
    }

    private static Map.Entry<String, String> hum(String s) {
        return Map.entry(s, HUMANITIES);
    }

    private static Map.Entry<String, String> soc(String s) {
        return Map.entry(s, SOCIAL);
    }

    private static Map.Entry<String, String> other(String s) {
        return Map.entry(s, OTHER);
    }
}
