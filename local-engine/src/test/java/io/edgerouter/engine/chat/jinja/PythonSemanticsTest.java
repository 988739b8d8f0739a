package io.edgerouter.engine.chat.jinja;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Python behaviours the templates rely on, one table each; every expected value was printed by CPython 3.11
 * ({@code datetime.strftime}, {@code repr(float)}, {@code str.split} ...), not by this code.
 */
class PythonSemanticsTest {

    @Test
    void strftimeMatchesPythonInTheCLocale() {
        LocalDateTime t = LocalDateTime.of(2025, 3, 7, 14, 5, 9);
        String[][] rows = {
            {"%d %b %Y", "07 Mar 2025"}, // Llama 3.1's "Today Date"
            {"%Y-%m-%d", "2025-03-07"},
            {"%d %B %Y", "07 March 2025"}, // SmolLM3's
            {"%A %a %j %U %W %u %w", "Friday Fri 066 09 09 5 5"},
            {"%I:%M %p %H %y %C", "02:05 PM 14 25 20"},
            {"%e|%-d|%-m|%F|%D|%T|%c", " 7|7|3|2025-03-07|03/07/25|14:05:09|Fri Mar  7 14:05:09 2025"},
            {"%G-W%V %%|%Q", "2025-W10 %|%Q"}, // an unknown directive stays as written
        };
        for (String[] row : rows) {
            assertThat(Strftime.format(t, row[0])).as(row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void floatsPrintAsPythonsRepr() {
        Object[][] rows = {{0.5, "0.5"}, {1e-05, "1e-05"}, {1.0, "1.0"}, {100.0, "100.0"}, {1e16, "1e+16"},
            {1.5e16, "1.5e+16"}, {123456789.123, "123456789.123"}, {0.0001, "0.0001"}, {-2.5, "-2.5"},
            {1e22, "1e+22"}, {3.14159, "3.14159"}};
        for (Object[] row : rows) {
            assertThat(PyValues.floatRepr((Double) row[0])).as("%s", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void valuesPrintAsPythonsStrAndRepr() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("name", "it's");
        dict.put("n", 7L);
        dict.put("ok", true);
        dict.put("none", null);
        dict.put("list", List.of("a\nb", 1.5));
        // str({'name': "it's", 'n': 7, 'ok': True, 'none': None, 'list': ['a\nb', 1.5]})
        assertThat(PyValues.str(dict)).isEqualTo("{'name': \"it's\", 'n': 7, 'ok': True, 'none': None,"
                + " 'list': ['a\\nb', 1.5]}");
        assertThat(PyValues.repr("tab\there \u00a0 \u200d")).isEqualTo("'tab\\there \\xa0 \\u200d'");
    }

    @Test
    void jsonIsPythonsJsonDumps() {
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("b", List.of(1L, 2.0, "é\"\\\n\u0001"));
        dict.put("a", Map.of());
        // json.dumps(d, ensure_ascii=False) and with indent=2, sort_keys=True
        assertThat(PyJson.of(null, null, null, false).dumps(dict))
                .isEqualTo("{\"b\": [1, 2.0, \"é\\\"\\\\\\n\\u0001\"], \"a\": {}}");
        assertThat(PyJson.of("  ", null, null, true).dumps(dict))
                .isEqualTo("{\n  \"a\": {},\n  \"b\": [\n    1,\n    2.0,\n    \"é\\\"\\\\\\n\\u0001\"\n  ]\n}");
    }

    @Test
    void stringMethodsCountCodePointsAndPythonWhitespace() {
        assertThat(PyStrings.split("  a  b\u3000c ", null, -1)).containsExactly("a", "b", "c");
        assertThat(PyStrings.split("a b c", null, 1)).containsExactly("a", "b c");
        assertThat(PyStrings.split("a,,b", ",", -1)).containsExactly("a", "", "b");
        assertThat(PyStrings.strip("\u00a0 x \u2007", null, true, true)).isEqualTo("x");
        assertThat(PyStrings.strip("xxhixx", "x", true, false)).isEqualTo("hixx");
        assertThat(PyStrings.title("they're 1st ÉLAN")).isEqualTo("They'Re 1St Élan");
        assertThat(PyStrings.capitalize("hELLO")).isEqualTo("Hello");
        assertThat(PyStrings.slice("a🙂b", null, null, -1L)).isEqualTo("b🙂a");
        assertThat(PyStrings.charAt("a🙂", -1)).isEqualTo("🙂");
        assertThat(PyStrings.length("a🙂")).isEqualTo(2);
        assertThat(PyStrings.replace("aaa", "a", "b", 2)).isEqualTo("bba");
        assertThat(Slices.indices(5, -2L, null, null)).containsExactly(3, 4);
        assertThat(Slices.indices(5, null, null, -2L)).containsExactly(4, 2, 0);
        assertThat(Slices.indices(5, 10L, 1L, -1L)).containsExactly(4, 3, 2);
        assertThatThrownBy(() -> PyStrings.charAt("ab", 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
