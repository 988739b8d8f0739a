package io.edgerouter.engine.chat.jinja;

import java.util.ArrayList;
import java.util.List;

/** Python's {@code seq[start:stop:step]}: which indices of a sequence of a given length a slice takes, in order. */
final class Slices {

    private Slices() {
    }

    /**
     * @param start null = from the start (or the end, for a negative step)
     * @param stop  null = to the end (or the start, for a negative step)
     * @param step  null = 1
     * @throws IllegalArgumentException for a step of 0
     */
    static int[] indices(int length, Long start, Long stop, Long step) {
        long by = step == null ? 1 : step;
        if (by == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        long from;
        long to;
        if (by > 0) {
            from = start == null ? 0 : clamp(start, length, 0, length);
            to = stop == null ? length : clamp(stop, length, 0, length);
        } else {
            from = start == null ? length - 1 : clamp(start, length, -1, length - 1);
            to = stop == null ? -1 : clamp(stop, length, -1, length - 1);
        }
        List<Integer> out = new ArrayList<>();
        for (long i = from; by > 0 ? i < to : i > to; i += by) {
            out.add((int) i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A bound counted from the end when negative, then kept within [low, high]. */
    private static long clamp(long bound, int length, long low, long high) {
        long b = bound < 0 ? bound + length : bound;
        return Math.max(low, Math.min(high, b));
    }

    /** {@code list[start:stop:step]}. */
    static <T> List<T> of(List<T> list, Long start, Long stop, Long step) {
        List<T> out = new ArrayList<>();
        for (int i : indices(list.size(), start, stop, step)) {
            out.add(list.get(i));
        }
        return out;
    }
}
