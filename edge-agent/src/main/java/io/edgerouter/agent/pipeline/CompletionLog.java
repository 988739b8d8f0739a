package io.edgerouter.agent.pipeline;

import io.edgerouter.protocol.openai.RouteSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recent completions (id → app and route), so feedback can be tied to how they were answered. */
@ApplicationScoped
public class CompletionLog {

    static final int CAPACITY = 10_000;

    /**
     * What is remembered of one completion.
     *
     * @param rawScore the router's score before online calibration, null when nothing was scored
     */
    public record Entry(String app, RouteSummary route, Double rawScore) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public synchronized void remember(String id, String app, RouteSummary route, Double rawScore) {
        entries.put(id, new Entry(app, route, rawScore));
    }

    public synchronized Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }
}
