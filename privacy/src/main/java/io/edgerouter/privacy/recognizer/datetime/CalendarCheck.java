package io.edgerouter.privacy.recognizer.datetime;

/**
 * Calendar sanity checks on a date candidate: its day must exist in its month (and year, when the year has four
 * digits). Numeric dates whose field order is ambiguous pass when at least one reading is a real day.
 */
public final class CalendarCheck {

    private static final int[] MAX_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private CalendarCheck() {
    }

    /** Whether day/month(/year) names a real calendar day; {@code year < 0} means unknown (29 February allowed). */
    public static boolean realDay(int day, int month, int year) {
        if (month < 1 || month > 12 || day < 1 || day > MAX_DAYS[month - 1]) {
            return false;
        }
        return month != 2 || day < 29 || year < 0 || year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The digit runs of {@code s} as numbers, with their lengths in the low decimal digit (value*10+length). */
    private static int[] numbers(String s, int max) {
        int[] out = new int[max];
        int count = 0;
        int i = 0;
        while (i < s.length() && count < max) {
            if (!Character.isDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            int v = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && i - start < 8) {
                v = v * 10 + (s.charAt(i) - '0');
                i++;
            }
            out[count++] = v * 10 + (i - start);
        }
        return java.util.Arrays.copyOf(out, count);
    }

    private static int fullYear(int packed) {
        return packed % 10 == 4 ? packed / 10 : -1;
    }

    /** a/b/y or a-b-y: a real day read as day-month or as month-day. */
    public static boolean eitherOrder(String candidate) {
        int[] n = numbers(candidate, 3);
        if (n.length != 3) {
            return false;
        }
        int a = n[0] / 10;
        int b = n[1] / 10;
        int y = fullYear(n[2]);
        return realDay(a, b, y) || realDay(b, a, y);
    }

    /** d.m.y: the European order only. */
    public static boolean dayMonthYear(String candidate) {
        int[] n = numbers(candidate, 3);
        return n.length == 3 && realDay(n[0] / 10, n[1] / 10, fullYear(n[2]));
    }

    /** y-m-d with separators, or yyyymmdd (optionally followed by a time). */
    public static boolean yearMonthDay(String candidate) {
        int[] n = numbers(candidate, 3);
        if (n.length >= 1 && n[0] % 10 == 8) { // yyyymmdd
            int v = n[0] / 10;
            return realDay(v % 100, v / 100 % 100, v / 10000);
        }
        return n.length == 3 && realDay(n[2] / 10, n[1] / 10, fullYear(n[0]));
    }

    /**
     * A date written with a month name: the first 1-2 digit number is the day, a 4-digit number the year.
     * Candidates without a day (month and year only) pass.
     */
    public static boolean namedMonth(String candidate) {
        int month = monthOf(candidate);
        if (month < 0) {
            return false;
        }
        int[] n = numbers(candidate, 3);
        int day = -1;
        int year = -1;
        for (int p : n) {
            if (p % 10 <= 2 && day < 0) {
                day = p / 10;
            } else if (p % 10 == 4) {
                year = p / 10;
            }
        }
        return day < 0 || realDay(day, month, year);
    }

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
            "nov", "dec"};

    /** Month number (1-12) of the first letter run in {@code s} that starts like a month name, or -1. */
    static int monthOf(String s) {
        int i = 0;
        while (i < s.length()) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i - start >= 3) {
                String w = s.substring(start, start + 3).toLowerCase(java.util.Locale.ROOT);
                for (int m = 0; m < 12; m++) {
                    if (MONTHS[m].equals(w)) {
                        return m + 1;
                    }
                }
            }
        }
        return -1;
    }
}
