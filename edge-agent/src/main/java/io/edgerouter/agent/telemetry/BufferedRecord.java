package io.edgerouter.agent.telemetry;

import io.edgerouter.protocol.Topics;

import java.util.Objects;

/**
 * One telemetry record as a line of the {@link DiskBuffer}: its topic, a tab, its JSON value. A line that starts with
 * {@code {} is a bare decision, as agents buffered them before ratings got a topic of their own, so a buffer left
 * by an older agent still ships after an upgrade. JSON never holds a raw tab (Jackson escapes it), nor does a topic.
 *
 * @param topic where the record goes
 * @param value its JSON
 */
record BufferedRecord(String topic, String value) {

    BufferedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        if (topic.isEmpty() || topic.indexOf('\t') >= 0 || topic.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("topic must be non-empty without tabs or newlines, got '" + topic + "'");
        }
    }

    String line() {
        return topic + '\t' + value;
    }

    static BufferedRecord parse(String line) {
        int tab = line.indexOf('\t');
        if (line.startsWith("{") || tab <= 0) {
            return new BufferedRecord(Topics.DECISIONS, line);
        }
        return new BufferedRecord(line.substring(0, tab), line.substring(tab + 1));
    }
}
