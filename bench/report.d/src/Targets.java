import java.util.ArrayList;
import java.util.List;

/** The DESIGN.md targets, each with the value this run measured and whether it was met. */
final class Targets {

    private final List<String[]> rows = new ArrayList<>();

    /** A target "value ≤ limit" (atMost) or "value ≥ limit". */
    void add(String target, String measured, double value, double limit, boolean atMost, String where) {
        String status;
        if (Double.isNaN(value)) {
            status = "not measured";
        } else if (atMost ? value <= limit : value >= limit) {
            status = "met";
        } else {
            status = "**not met**";
        }
        rows.add(new String[] {target, Double.isNaN(value) ? "not measured in this run" : measured, status, where});
    }

    void addText(String target, String measured, String status, String where) {
        rows.add(new String[] {target, measured, status, where});
    }

    void table(Markdown md) {
        md.table(new String[] {"target", "measured", "status", "from"}, rows, false);
    }
}
