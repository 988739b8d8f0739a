package io.edgerouter.engine.chat.jinja;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's {@code datetime.strftime(format)} in the C locale, for the {@code strftime_now} global ({@code "%d %b %Y"}
 * → {@code 07 Mar 2025}). Directives are C's plus glibc's {@code %-d} (no padding) and {@code %e}; an unknown
 * directive is written as it is, as glibc does.
 */
final class Strftime {

    private Strftime() {
    }

    static String format(LocalDateTime t, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            boolean unpadded = format.charAt(i + 1) == '-' && i + 2 < format.length();
            char directive = format.charAt(unpadded ? i + 2 : i + 1);
            String value = directive(t, directive);
            if (value == null) {
                out.append(format, i, i + (unpadded ? 3 : 2));
            } else {
                out.append(unpadded ? stripZeros(value) : value);
            }
            i += unpadded ? 2 : 1;
        }
        return out.toString();
    }

    private static String stripZeros(String value) {
        String s = value.replaceFirst("^[0 ]+(?=.)", "");
        return s.isEmpty() ? value : s;
    }

    private static String directive(LocalDateTime t, char d) {
        return switch (d) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case 'd' -> two(t.getDayOfMonth());
            case 'e' -> String.format("%2d", t.getDayOfMonth());
            case 'm' -> two(t.getMonthValue());
            case 'y' -> two(t.getYear() % 100);
            case 'Y' -> Integer.toString(t.getYear());
            case 'C' -> two(t.getYear() / 100);
            case 'H' -> two(t.getHour());
            case 'k' -> String.format("%2d", t.getHour());
            case 'I' -> two(hour12(t));
            case 'l' -> String.format("%2d", hour12(t));
            case 'M' -> two(t.getMinute());
            case 'S' -> two(t.getSecond());
            case 'f' -> String.format("%06d", t.getNano() / 1000);
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'j' -> String.format("%03d", t.getDayOfYear());
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
            case 'U' -> two(week(t, DayOfWeek.SUNDAY));
            case 'W' -> two(week(t, DayOfWeek.MONDAY));
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'F' -> format(t, "%Y-%m-%d");
            case 'D', 'x' -> format(t, "%m/%d/%y");
            case 'T', 'X' -> format(t, "%H:%M:%S");
            case 'R' -> format(t, "%H:%M");
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 'z', 'Z' -> ""; // a naive datetime, as datetime.now() is
            case 'n' -> "\n";
            case 't' -> "\t";
            case '%' -> "%";
            default -> null;
        };
    }

    private static String two(int n) {
        return String.format("%02d", n);
    }

    private static int hour12(LocalDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    /** C's %U / %W: weeks of the year starting on {@code first}; days before the first such day are week 0. */
    private static int week(LocalDateTime t, DayOfWeek first) {
        int dayOfYear = t.get(ChronoField.DAY_OF_YEAR) - 1;
        int weekday = (t.getDayOfWeek().getValue() - first.getValue() + 7) % 7; // days since the week began
        return (dayOfYear + 7 - weekday) / 7;
    }
}
