package io.edgerouter.router.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FamiliesTest {

    @Test
    void mmluSubjectsGroupIntoFiveFamiliesAndEveryOtherFileIsItsOwn() {
        assertThat(Families.of("mmlu_college_physics")).isEqualTo(Families.STEM);
        assertThat(Families.of("mmlu_high_school_statistics")).isEqualTo(Families.STEM); // not in the shared 43
        assertThat(Families.of("mmlu_jurisprudence")).isEqualTo(Families.HUMANITIES);
        assertThat(Families.of("mmlu_sociology")).isEqualTo(Families.SOCIAL);
        assertThat(Families.of("mmlu_professional_law")).isEqualTo(Families.PROFESSIONAL);
        assertThat(Families.of("mmlu_professional_medicine")).isEqualTo(Families.PROFESSIONAL);
        assertThat(Families.of("mmlu_virology")).isEqualTo(Families.OTHER);
        assertThat(Families.of("mmlu_some_new_subject")).isEqualTo(Families.OTHER);
        assertThat(Families.of("llmrouter_mmlu")).isEqualTo("llmrouter_mmlu");
        assertThat(Families.of("arena_bench_v1")).isEqualTo("arena_bench_v1");
    }

    @Test
    void groupingListsEachFamilysFiles() {
        List<RoutingExample> ex = List.of(new RoutingExample("a", true, true, "mmlu_anatomy"),
                new RoutingExample("b", true, true, "mmlu_astronomy"), new RoutingExample("c", true, true, "gsm"));
        assertThat(Families.grouping(ex)).containsOnlyKeys(Families.STEM, "gsm");
        assertThat(Families.grouping(ex).get(Families.STEM)).containsExactly("mmlu_anatomy", "mmlu_astronomy");
    }
}
