import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** A tab-separated table with a header row, as the bench programs write them; missing file = absent table. */
record Tsv(List<String> header, List<String[]> rows) {

    static Tsv read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return null;
            }
            List<String[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                rows.add(line.split("\t", -1));
            }
            return new Tsv(Arrays.asList(lines.get(0).split("\t", -1)), rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    int index(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + header);
        }
        return i;
    }

    double[] col(String column) {
        int i = index(column);
        return rows.stream().mapToDouble(r -> Double.parseDouble(r[i])).toArray();
    }

    String[] text(String column) {
        int i = index(column);
        return rows.stream().map(r -> r[i]).toArray(String[]::new);
    }

    /** The rows whose {@code column} equals {@code value}. */
    Tsv where(String column, String value) {
        int i = index(column);
        Predicate<String[]> keep = r -> r[i].equals(value);
        return new Tsv(header, rows.stream().filter(keep).toList());
    }

    /** The value in {@code column} of the first row whose {@code key} column equals {@code value}, or NaN. */
    double get(String key, String value, String column) {
        Tsv t = where(key, value);
        return t.rows.isEmpty() ? Double.NaN : t.col(column)[0];
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }
}
