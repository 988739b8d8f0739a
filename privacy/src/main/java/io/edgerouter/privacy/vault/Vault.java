package io.edgerouter.privacy.vault;

import io.edgerouter.privacy.PrivacyException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One conversation's placeholder ↔ value mapping. The same (entity type, value) always gets the same
 * placeholder, so the cloud model sees a consistent pseudonym across turns. Thread-safe.
 *
 * <p>The vault never leaves the process: it is not {@link java.io.Serializable}, exposes no bulk view of its
 * contents, and {@link #toString()} prints only its size.
 */
public final class Vault {

    private final int maxEntries;
    private final Map<String, String> placeholderByKey = new HashMap<>(); // "TYPE\u0000value" -> placeholder
    private final Map<String, String> valueByPlaceholder = new HashMap<>();
    private final Map<String, Integer> counterByType = new HashMap<>();

    public Vault(int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    public Vault() {
        this(10_000);
    }

    /** The placeholder for this value, creating {@code <TYPE_N>} with the next counter for TYPE if new. */
    public synchronized String placeholderFor(String entityType, String value) {
        String key = entityType + '\u0000' + value;
        String existing = placeholderByKey.get(key);
        if (existing != null) {
            return existing;
        }
        if (placeholderByKey.size() >= maxEntries) {
            throw new PrivacyException("vault is full (" + maxEntries + " entries); start a new conversation", false);
        }
        String placeholder;
        do { // skip placeholders the user's own text already contains (see reserveLiteral)
            placeholder = Placeholders.format(entityType, counterByType.merge(entityType, 1, Integer::sum));
        } while (valueByPlaceholder.containsKey(placeholder));
        placeholderByKey.put(key, placeholder);
        valueByPlaceholder.put(placeholder, value);
        return placeholder;
    }

    /**
     * Records that the text being anonymized already contains {@code placeholder} literally (a user quoting
     * "&lt;PERSON_1&gt;"): it is never handed out for a value and restores to itself, so de-anonymizing gives the
     * user's text back unchanged. Reservations do not count towards the entry limit.
     */
    public synchronized void reserveLiteral(String placeholder) {
        valueByPlaceholder.putIfAbsent(placeholder, placeholder);
    }

    public synchronized Optional<String> valueOf(String placeholder) {
        return Optional.ofNullable(valueByPlaceholder.get(placeholder));
    }

    public synchronized int size() {
        return placeholderByKey.size();
    }

    /** Forgets every mapping (end of conversation). */
    public synchronized void clear() {
        placeholderByKey.clear();
        valueByPlaceholder.clear();
        counterByType.clear();
    }

    @Override
    public synchronized String toString() {
        return "Vault[entries=" + placeholderByKey.size() + "]";
    }
}
