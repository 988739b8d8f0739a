package io.edgerouter.privacy.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled evaluation corpus: one text per line, entities marked inline as {@code [[TYPE|value]]},
 * a literal {@code \n} standing for a line break inside a text.
 */
public final class LabelledCorpus {

    /** A gold entity: {@code text.substring(start, end)} is an {@code entityType}. */
    public record Gold(String entityType, int start, int end) {
    }

    /** One text with its gold entities. */
    public record Sample(String text, List<Gold> gold) {
    }

    public static final String RESOURCE = "/io/edgerouter/privacy/corpus/pii-corpus.txt";

    private LabelledCorpus() {
    }

    public static List<Sample> load() {
        List<Sample> out = new ArrayList<>();
        try (InputStream in = LabelledCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("corpus " + RESOURCE + " not on the test classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(parse(line.replace("\\n", "\n")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static Sample parse(String marked) {
        StringBuilder text = new StringBuilder();
        List<Gold> gold = new ArrayList<>();
        int i = 0;
        while (i < marked.length()) {
            int open = marked.indexOf("[[", i);
            if (open < 0) {
                text.append(marked, i, marked.length());
                break;
            }
            text.append(marked, i, open);
            int bar = marked.indexOf('|', open);
            int close = marked.indexOf("]]", bar);
            String type = marked.substring(open + 2, bar);
            String value = marked.substring(bar + 1, close);
            gold.add(new Gold(type, text.length(), text.length() + value.length()));
            text.append(value);
            i = close + 2;
        }
        return new Sample(text.toString(), gold);
    }
}
