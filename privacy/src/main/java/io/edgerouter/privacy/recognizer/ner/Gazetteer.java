package io.edgerouter.privacy.recognizer.ner;

import io.edgerouter.privacy.PrivacyException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Word lists behind the PERSON/LOCATION recognizer: given names, family names, places (multi-word entries
 * allowed) and ambiguous words that need supporting evidence. All entries are lower-cased and tokenised the
 * way {@link io.edgerouter.privacy.recognizer.AnalysisInput} tokenises text, words joined by one space.
 */
public record Gazetteer(Set<String> firstNames, Set<String> surnames, Set<String> places, Set<String> ambiguous,
                        int longestPlaceWords) {

    private static final String BASE = "/io/edgerouter/privacy/ner/";
    private static volatile Gazetteer builtIn;

    public Gazetteer {
        firstNames = Set.copyOf(firstNames);
        surnames = Set.copyOf(surnames);
        places = Set.copyOf(places);
        ambiguous = Set.copyOf(ambiguous);
        if (longestPlaceWords < 1) {
            throw new IllegalArgumentException("longestPlaceWords must be >= 1, got " + longestPlaceWords);
        }
    }

    /** The lists shipped in this library's resources, loaded once. */
    public static Gazetteer builtIn() {
        Gazetteer g = builtIn;
        if (g == null) {
            synchronized (Gazetteer.class) {
                g = builtIn;
                if (g == null) {
                    Set<String> places = load("locations.txt");
                    int longest = places.stream().mapToInt(p -> p.split(" ").length).max().orElse(1);
                    g = new Gazetteer(load("first-names.txt"), load("surnames.txt"), places, load("ambiguous.txt"), longest);
                    builtIn = g;
                }
            }
        }
        return g;
    }

    /** Lower-cases and splits an entry into words separated by single spaces ("St. Petersburg" → "st petersburg"). */
    public static String normalize(String entry) {
        StringBuilder sb = new StringBuilder();
        for (String w : entry.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}'\u2019-]+")) {
            if (!w.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : " ").append(w);
            }
        }
        return sb.toString();
    }

    private static Set<String> load(String file) {
        Set<String> out = new HashSet<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new PrivacyException("gazetteer resource " + BASE + file + " is missing from the classpath", false);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    out.add(normalize(t));
                }
            }
        } catch (IOException e) {
            throw new PrivacyException("cannot read gazetteer resource " + file, false, e);
        }
        return out;
    }
}
