package io.edgerouter.router.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads routing data: a directory of CSVs (one group per file) or one CSV whose first three columns are prompt,
 * local-correct, cloud-correct (a header row, extra columns ignored). Correctness cells accept True/False, 1/0,
 * yes/no. Rows that cannot be read are counted and skipped, never guessed.
 */
public final class RoutingDataset {

    private RoutingDataset() {
    }

    public static List<RoutingExample> load(Path path) {
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(path)) {
                    files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .sorted().toList();
                }
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no *.csv files in " + path);
                }
                List<RoutingExample> all = new ArrayList<>();
                for (Path f : files) {
                    all.addAll(loadFile(f));
                }
                return all;
            }
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
            return loadFile(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routing data at " + path, e);
        }
    }

    static List<RoutingExample> loadFile(Path file) throws IOException {
        String group = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<RoutingExample> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) { // row 0 is the header
            List<String> r = rows.get(i);
            if (r.size() < 3) {
                continue;
            }
            Boolean local = bool(r.get(1));
            Boolean cloud = bool(r.get(2));
            if (local != null && cloud != null) {
                out.add(new RoutingExample(r.get(0), local, cloud, group));
            }
        }
        return out;
    }

    private static Boolean bool(String cell) {
        return switch (cell.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "1.0", "yes", "y" -> Boolean.TRUE;
            case "false", "0", "0.0", "no", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * Prompts listed in RouteLLM's {@code mmlu_contaminated_prompts.jsonl} (field {@code eval_prompt}), normalised
     * by {@link #normalise}; an absent file gives an empty set.
     */
    public static Set<String> contaminated(Path jsonl) {
        Set<String> out = new HashSet<>();
        if (!Files.isRegularFile(jsonl)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    out.add(normalise(node.path("eval_prompt").asText("")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
        return out;
    }

    /** The question part of a prompt with whitespace collapsed: the answer-instruction suffix differs by source. */
    public static String normalise(String prompt) {
        String collapsed = prompt.replaceAll("\\s+", " ").trim();
        return collapsed.substring(0, Math.min(collapsed.length(), 200));
    }
}
