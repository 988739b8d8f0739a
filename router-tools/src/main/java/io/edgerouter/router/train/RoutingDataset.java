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
 * local (weaker model) label, cloud (stronger model) label; a header row, extra columns ignored. A label is a
 * correctness boolean (True/False, 1/0, yes/no), a score in [0, 1], or a rating from 1 to 10 (RouteLLM's MT-Bench
 * style). The scale is decided per file from its values: all within [0, 1] is a score (booleans are 0 and 1), else
 * every value must lie in [1, 10] and is mapped to (r − 1) / 9; anything else is refused, naming the file, the row
 * and the rule. Rows with an empty or unreadable label are counted and skipped, never guessed.
 */
public final class RoutingDataset {

    private RoutingDataset() {
    }

    /**
     * Every {@code *.csv} under {@code path} (a directory, searched recursively in name order, or one file). File
     * names must be unique: the file name is the group.
     */
    public static List<RoutingExample> load(Path path) {
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(path)) {
                    files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                            .filter(Files::isRegularFile)
                            .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString())).toList();
                }
                if (files.isEmpty()) {
                    throw new IllegalArgumentException("no *.csv files in " + path);
                }
                Set<String> names = new HashSet<>();
                List<RoutingExample> all = new ArrayList<>();
                for (Path f : files) {
                    if (!names.add(f.getFileName().toString())) {
                        throw new IllegalArgumentException("two data files are named " + f.getFileName()
                                + " under " + path + ": the file name is the group, it must be unique");
                    }
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

    /**
     * What training and evaluation read: {@link #load} minus the prompts listed in any
     * {@code *contaminated_prompts.jsonl} under {@code path} or beside it, and minus prompts that occur in two
     * families ({@link Families}; e.g. LLMRouter's MMLU rows that are also RouteLLM MMLU rows): a family left out
     * must not be seen through another. Rows whose prompt is in a wide file under {@code path} carry the other
     * models' mean pairwise gain ({@link ManyModelGains}).
     */
    public static List<RoutingExample> loadClean(Path path) {
        List<RoutingExample> all = load(path);
        Set<String> dirty = new HashSet<>();
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        for (Path d : new Path[] {dir, dir.getParent()}) {
            if (d == null) {
                continue;
            }
            try (Stream<Path> s = d.equals(dir) ? Files.walk(d) : Files.list(d)) {
                s.filter(p -> p.getFileName().toString().endsWith("contaminated_prompts.jsonl"))
                        .forEach(p -> dirty.addAll(contaminated(p)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + d, e);
            }
        }
        java.util.Map<String, Set<String>> familiesOf = new java.util.HashMap<>();
        for (RoutingExample e : all) {
            familiesOf.computeIfAbsent(normalise(e.prompt()), k -> new HashSet<>()).add(Families.of(e.group()));
        }
        java.util.Map<String, Double> many = ManyModelGains.load(dir);
        List<RoutingExample> out = new ArrayList<>(all.size());
        for (RoutingExample e : all) {
            String key = normalise(e.prompt());
            if (!dirty.contains(key) && familiesOf.get(key).size() == 1) {
                Double g = many.get(key);
                out.add(g == null ? e : e.withManyModelGain(g));
            }
        }
        return out;
    }

    static List<RoutingExample> loadFile(Path file) throws IOException {
        String group = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        List<List<String>> rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> prompts = new ArrayList<>();
        List<double[]> labels = new ArrayList<>();
        boolean rating = false;
        for (int i = 1; i < rows.size(); i++) { // row 0 is the header
            List<String> r = rows.get(i);
            if (r.size() < 3) {
                continue;
            }
            double local = label(r.get(1)), cloud = label(r.get(2));
            if (Double.isNaN(local) || Double.isNaN(cloud)) {
                continue;
            }
            for (double v : new double[] {local, cloud}) {
                if (v > 1) {
                    rating = true;
                }
                if (v < 0 || v > 10) {
                    throw new IllegalArgumentException(file + " row " + (i + 1) + ": label " + v + " is neither a"
                            + " correctness boolean, a score in [0, 1] nor a rating in [1, 10]");
                }
            }
            prompts.add(r.get(0));
            labels.add(new double[] {local, cloud, i + 1});
        }
        List<RoutingExample> out = new ArrayList<>(prompts.size());
        for (int k = 0; k < prompts.size(); k++) {
            double[] l = labels.get(k);
            if (rating) {
                if (l[0] < 1 || l[1] < 1) {
                    throw new IllegalArgumentException(file + " row " + (int) l[2] + ": labels above 1 make this file"
                            + " a 1-10 rating, but this row has " + Math.min(l[0], l[1]));
                }
                out.add(new RoutingExample(prompts.get(k), (l[0] - 1) / 9, (l[1] - 1) / 9, group));
            } else {
                out.add(new RoutingExample(prompts.get(k), l[0], l[1], group));
            }
        }
        return out;
    }

    /** A label cell as a number (booleans as 1 and 0); NaN when empty or unreadable. */
    static double label(String cell) {
        String c = cell.trim().toLowerCase(Locale.ROOT);
        switch (c) {
            case "true", "yes", "y" -> {
                return 1;
            }
            case "false", "no", "n" -> {
                return 0;
            }
            default -> {
                try {
                    double v = Double.parseDouble(c);
                    return Double.isFinite(v) ? v : Double.NaN;
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
        }
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
