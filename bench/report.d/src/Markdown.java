import java.util.Locale;

/** A growing Markdown text. */
final class Markdown {

    private final StringBuilder text = new StringBuilder();

    Markdown line(String s) {
        text.append(s).append('\n');
        return this;
    }

    Markdown blank() {
        text.append('\n');
        return this;
    }

    Markdown h2(String s) {
        return line("## " + s).blank();
    }

    Markdown h3(String s) {
        return line("### " + s).blank();
    }

    Markdown image(String file, String alt) {
        return line("![" + alt + "](figures/" + file + ")").blank();
    }

    Markdown append(Markdown other) {
        text.append(other.text);
        return this;
    }

    /** A Markdown table: header cells, then rows of cells; numbers (all but the first column) right-aligned. */
    Markdown table(String[] header, java.util.List<String[]> rows) {
        return table(header, rows, true);
    }

    Markdown table(String[] header, java.util.List<String[]> rows, boolean numbers) {
        line("| " + String.join(" | ", header) + " |");
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < header.length; i++) {
            sep.append(i == 0 || !numbers ? "---|" : "---:|");
        }
        line(sep.toString());
        for (String[] r : rows) {
            line("| " + String.join(" | ", r) + " |");
        }
        return blank();
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
