package io.edgerouter.router.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns whole groups (subject files) to k folds: groups sorted by size, largest first, each to the currently
 * smallest fold (ties by group name), so folds are balanced and no group is split. Deterministic.
 */
public final class GroupFolds {

    private GroupFolds() {
    }

    /** @return fold index per example */
    public static int[] assign(List<RoutingExample> examples, int k) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (RoutingExample e : examples) sizes.merge(e.group(), 1, Integer::sum);
        if (sizes.size() < k) {
            throw new IllegalArgumentException("need at least " + k + " groups for " + k + "-fold CV, have " + sizes.size());
        }
        List<Map.Entry<String, Integer>> groups = new ArrayList<>(sizes.entrySet());
        groups.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        long[] load = new long[k];
        Map<String, Integer> foldOf = new HashMap<>();
        for (Map.Entry<String, Integer> g : groups) {
            int best = 0;
            for (int f = 1; f < k; f++) if (load[f] < load[best]) best = f;
            foldOf.put(g.getKey(), best);
            load[best] += g.getValue();
        }
        int[] fold = new int[examples.size()];
        for (int i = 0; i < fold.length; i++) fold[i] = foldOf.get(examples.get(i).group());
        return fold;
    }

    static int[] rowsWhere(int[] fold, int f, boolean equal) {
        int count = 0;
        for (int v : fold) if ((v == f) == equal) count++;
        int[] rows = new int[count];
        int c = 0;
        for (int i = 0; i < fold.length; i++) if ((fold[i] == f) == equal) rows[c++] = i;
        return rows;
    }
}
