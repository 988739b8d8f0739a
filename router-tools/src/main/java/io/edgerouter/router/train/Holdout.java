package io.edgerouter.router.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subject files kept out of the committed model's training and out of model selection, so tests can measure
 * it on unseen subjects: every {@value #EVERY}th group in name order, starting at index {@value #OFFSET}.
 * Fixed before any model was trained.
 */
public final class Holdout {

    public static final int EVERY = 8;
    public static final int OFFSET = 4;

    private Holdout() {
    }

    public static Set<String> groups(List<RoutingExample> examples) {
        List<String> names = new ArrayList<>(new TreeSet<>(examples.stream().map(RoutingExample::group).toList()));
        Set<String> held = new TreeSet<>();
        for (int i = OFFSET; i < names.size(); i += EVERY) {
            held.add(names.get(i));
        }
        return held;
    }

    /** Examples whose group is (inHoldout = true) or is not (false) held out, minus contaminated prompts. */
    public static List<RoutingExample> select(List<RoutingExample> all, Set<String> held, Set<String> contaminated,
                                              boolean inHoldout) {
        List<RoutingExample> out = new ArrayList<>();
        for (RoutingExample e : all) {
            if (held.contains(e.group()) == inHoldout && !contaminated.contains(RoutingDataset.normalise(e.prompt()))) {
                out.add(e);
            }
        }
        return out;
    }
}
