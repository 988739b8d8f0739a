package io.edgerouter.router.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Training targets from more than two models. Where the data has a "wide" file ({@code *all_models*.jsonl}: one JSON
 * object per prompt with {@code prompt}, an optional {@code task} and {@code scores: {model: score}}), each prompt
 * gets the mean quality gain of a stronger over a weaker model across every pair of models whose mean quality on
 * that task differs by at least {@value #MIN_GAP}: which prompts separate strong models from weak ones in general,
 * not only for the one pair of the CSV, whose gain on a single prompt is mostly noise. Scores above 1 are read as
 * 1-10 ratings ((r − 1) / 9). A model whose mean on a task is below half the task's median model mean is left out of
 * that task (the source data has answer-extraction failures near 0; see the data README). Used only as a training
 * target; evaluation always uses the CSV's own pair.
 */
public final class ManyModelGains {

    static final double MIN_GAP = 0.02;

    private ManyModelGains() {
    }

    /** Normalised prompt ({@link RoutingDataset#normalise}) → mean pairwise gain, for every wide file under root. */
    public static Map<String, Double> load(Path root) {
        Map<String, Double> out = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.getFileName().toString().contains("all_models") && p.toString().endsWith(".jsonl"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        ObjectMapper json = new ObjectMapper();
        for (Path f : files) {
            Map<String, List<Map<String, Double>>> byTask = new HashMap<>();
            Map<String, List<String>> prompts = new HashMap<>();
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    JsonNode row = json.readTree(line);
                    String task = row.path("task").asText(f.getFileName().toString());
                    Map<String, Double> scores = new HashMap<>();
                    for (Iterator<Map.Entry<String, JsonNode>> it = row.path("scores").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (e.getValue().isNumber()) {
                            double v = e.getValue().asDouble();
                            if (v >= 0) scores.put(e.getKey(), v);
                        }
                    }
                    byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(scores);
                    prompts.computeIfAbsent(task, k -> new ArrayList<>()).add(row.path("prompt").asText(""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
            byTask.forEach((task, rows) -> gains(rows, prompts.get(task), out));
        }
        return out;
    }

    private static void gains(List<Map<String, Double>> rows, List<String> prompts, Map<String, Double> out) {
        boolean rating = rows.stream().anyMatch(r -> r.values().stream().anyMatch(v -> v > 1));
        Map<String, double[]> sums = new HashMap<>();
        for (Map<String, Double> r : rows) {
            r.replaceAll((m, v) -> rating ? Math.max(0, (v - 1) / 9) : Math.min(1, v));
            r.forEach((m, v) -> {
                double[] s = sums.computeIfAbsent(m, k -> new double[2]);
                s[0] += v;
                s[1]++;
            });
        }
        Map<String, Double> mean = new HashMap<>();
        sums.forEach((m, s) -> mean.put(m, s[0] / s[1]));
        double[] sorted = mean.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length < 2) return;
        double median = sorted[sorted.length / 2];
        List<String> models = mean.keySet().stream().filter(m -> mean.get(m) >= 0.5 * median).sorted().toList();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Double> r = rows.get(i);
            double sum = 0;
            int pairs = 0;
            for (String a : models) {
                for (String b : models) {
                    if (mean.get(a) >= mean.get(b) + MIN_GAP && r.containsKey(a) && r.containsKey(b)) {
                        sum += r.get(a) - r.get(b);
                        pairs++;
                    }
                }
            }
            if (pairs > 0) out.put(RoutingDataset.normalise(prompts.get(i)), sum / pairs);
        }
    }
}
