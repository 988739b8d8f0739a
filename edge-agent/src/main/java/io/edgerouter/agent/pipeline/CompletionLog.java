package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.RouteSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent completions (id → app and route), so feedback can be tied to how they were answered, and rated
 * once: a completion is rated as a whole (its subtasks are not rated one by one), and a second rating is refused.
 */
@ApplicationScoped
public class CompletionLog {

    static final int CAPACITY = 10_000;

    /**
     * What is remembered of one completion.
     *
     * @param rawScore the router's score before online calibration, null when nothing was scored
     * @param rated    whether feedback was already given for it
     */
    public record Entry(String app, RouteSummary route, Double rawScore, boolean rated) {

        /** Whether the router's score chose the route: only then is feedback on it evidence about the score. */
        public boolean scored() {
            return ScoreEvidence.scoreChoseRoute(rawScore, route.reasons());
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void remember(String id, String app, RouteSummary route, Double rawScore) {
        entries.put(id, new Entry(app, route, rawScore, false));
    }

    public synchronized Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /**
     * Marks a remembered completion rated. Returns the entry as it was when this call rated it; empty when it is
     * unknown (or no longer remembered) or already rated: check {@link #find} to tell the two apart.
     */
    public synchronized Optional<Entry> markRated(String id) {
        Entry e = entries.get(id);
        if (e == null || e.rated()) {
            return Optional.empty();
        }
        entries.put(id, new Entry(e.app(), e.route(), e.rawScore(), true)); // same key: its place in the log is kept
        return Optional.of(e);
    }
}
