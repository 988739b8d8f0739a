package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.ArrayList;

/**
 * Presidio's {@code deny_list}: literal words or phrases reported whenever they occur exactly, starting and ending
 * on word boundaries (score 1.0).
 * Matched on the shared word tokenisation with a hash set, never as a regex alternation, so a list of thousands of
 * names costs one lookup per word and phrase length instead of a huge matcher program.
 */
public final class DenyListRecognizer implements Recognizer {

    private final String name;
    private final String entityType;
    private final Set<String> entries; // stripped entries, lower case when ignoring case
    private final int longestWords;
    private final boolean ignoreCase;

    public DenyListRecognizer(String name, String entityType, List<String> denyList, boolean ignoreCase) {
        if (!RecognizerResult.isEntityName(entityType)) {
            throw new InvalidInputException("entity_type", "must be upper case letters, digits and '_' (e.g."
                    + " CODENAME), got '" + entityType + "'");
        }
        this.name = name;
        this.entityType = entityType;
        this.ignoreCase = ignoreCase;
        Set<String> set = new HashSet<>();
        int longest = 1;
        for (int i = 0; i < denyList.size(); i++) {
            List<String> words = words(denyList.get(i));
            if (words.isEmpty()) {
                throw new InvalidInputException("deny_list[" + i + "]", "must contain at least one letter or digit");
            }
            longest = Math.max(longest, words.size());
            set.add(key(denyList.get(i).strip()));
        }
        this.entries = Set.copyOf(set);
        this.longestWords = longest;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> supportedEntities() {
        return Set.of(entityType);
    }

    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        List<RecognizerResult> out = new ArrayList<>();
        int n = input.wordCount();
        int i = 0;
        while (i < n) {
            int matchedLast = -1;
            for (int k = i; k < n && k < i + longestWords; k++) {
                if (entries.contains(key(input.text().substring(input.wordStart(i), input.wordEnd(k))))) {
                    matchedLast = k;
                }
            }
            if (matchedLast >= 0) {
                out.add(new RecognizerResult(entityType, input.wordStart(i), input.wordEnd(matchedLast), 1.0, name));
                i = matchedLast + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    private String key(String phrase) {
        return ignoreCase ? phrase.toLowerCase(Locale.ROOT) : phrase;
    }

    /** The entry split the way {@link AnalysisInput} splits text into words. */
    private static List<String> words(String entry) {
        AnalysisInput tokens = new AnalysisInput(entry);
        List<String> words = new ArrayList<>(tokens.wordCount());
        for (int i = 0; i < tokens.wordCount(); i++) {
            words.add(tokens.word(i));
        }
        return words;
    }
}
