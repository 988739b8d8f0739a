package io.edgerouter.privacy.operator;

import io.edgerouter.privacy.recognizer.RecognizerResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Applies a {@link ConflictResolution} and returns non-overlapping spans sorted by start. */
public final class ConflictResolver {

    static final Comparator<RecognizerResult> STRONGEST_FIRST = Comparator
            .comparingDouble(RecognizerResult::score).reversed()
            .thenComparing(Comparator.comparingInt(RecognizerResult::length).reversed())
            .thenComparingInt(RecognizerResult::start);

    private ConflictResolver() {
    }

    public static List<RecognizerResult> resolve(List<RecognizerResult> results, ConflictResolution policy) {
        return policy == ConflictResolution.MERGE_OVERLAPS ? merge(results) : strongestOnly(results);
    }

    private static List<RecognizerResult> strongestOnly(List<RecognizerResult> results) {
        List<RecognizerResult> sorted = new ArrayList<>(results);
        sorted.sort(STRONGEST_FIRST);
        // kept spans are disjoint, so the one starting last before r ends is the only candidate for an overlap
        TreeMap<Integer, RecognizerResult> kept = new TreeMap<>();
        for (RecognizerResult r : sorted) {
            Map.Entry<Integer, RecognizerResult> before = kept.lowerEntry(r.end());
            if (before == null || before.getValue().end() <= r.start()) {
                kept.put(r.start(), r);
            }
        }
        return new ArrayList<>(kept.values());
    }

    private static List<RecognizerResult> merge(List<RecognizerResult> results) {
        List<RecognizerResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingInt(RecognizerResult::start).thenComparingInt(RecognizerResult::end));
        List<RecognizerResult> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            RecognizerResult best = sorted.get(i);
            int start = best.start();
            int end = best.end();
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).start() < end) {
                RecognizerResult r = sorted.get(j);
                end = Math.max(end, r.end());
                if (STRONGEST_FIRST.compare(r, best) < 0) {
                    best = r;
                }
                j++;
            }
            out.add(new RecognizerResult(best.entityType(), start, end, best.score(), best.recognizer()));
            i = j;
        }
        return out;
    }
}
