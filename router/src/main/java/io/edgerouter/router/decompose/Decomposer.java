package io.edgerouter.router.decompose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a multi-part request into subtasks, in this order of evidence:
 * <ol>
 *   <li>a numbered ({@code 1.}, {@code 2)}) or bulleted ({@code -}, {@code *}, {@code •}) list of two or more
 *       items — the text before the list is a shared preamble prepended to each item;</li>
 *   <li>two or more questions (sentences ending in ?);</li>
 *   <li>sentences chained by sequencing words ({@code Then}, {@code Also}, {@code Additionally}, {@code After that},
 *       {@code Finally}).</li>
 * </ol>
 * A subtask that refers back ("then", "the result", "above", "that", "it" at its start…) depends on the one
 * before it. A multiple-choice question (lettered options A./B./…) and any single-intent prompt stay one subtask.
 */
public final class Decomposer {

    private static final Pattern LIST_ITEM = Pattern.compile("(?m)^[ \\t]*(?:\\d{1,2}[.)]|[-*•])[ \\t]+(\\S.*)$");
    private static final Pattern SENTENCE = Pattern.compile("[^.?!。？！]+(?:[.?!。？！]+|$)");
    private static final Pattern SEQUENCER = Pattern.compile(
            "(?i)^(?:then|also|additionally|after that|afterwards|finally|next|and then)\\b[,:]?\\s*");
    /** Prefixes of every {@link #SEQUENCER} alternative: a cheap superset test before any regex runs. */
    private static final List<String> SEQUENCER_PREFIXES = List.of("then", "also", "additionally", "after", "finally",
            "next", "and then");
    private static final Pattern BACK_REFERENCE = Pattern.compile(
            "(?i)^(?:then|next|after that|afterwards|finally|and then)\\b|\\b(?:the result|the above|above|previous"
                    + "|that answer|the answer|from step|from (?:the )?(?:first|second|previous))\\b|^(?:it|that|this|them)\\b");
    private static final char[] QUESTION_MARKS = {'?', '？'};
    /** Sentence terminators, as {@link #SENTENCE} ends sentences. */
    private static final char[] TERMINATORS = {'.', '?', '!', '。', '？', '！'};
    /** Requests longer than this are not split: a long document with a list is usually one task about it. */
    private static final int MAX_SPLIT_CHARS = 20_000;
    private static final int MAX_SUBTASKS = 16;

    public List<Subtask> split(String text) {
        String t = unixLines(text == null ? "" : text).strip();
        if (t.isEmpty() || t.length() > MAX_SPLIT_CHARS || letterOptions(t) >= 2) {
            return single(t);
        }
        // cheap character checks first: each regex pass below costs tens of microseconds on a long prompt
        List<Part> parts = t.indexOf('\n') >= 0 ? listItems(t) : List.of();
        if (parts.size() < 2 && hasTwoQuestionMarks(t)) parts = questions(t);
        if (parts.size() < 2 && laterSentenceMaySequence(t)) parts = sequenced(t);
        if (parts.size() < 2 || parts.size() > MAX_SUBTASKS) {
            return single(t);
        }
        List<Subtask> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            boolean dependent = i > 0 && BACK_REFERENCE.matcher(p.body()).find();
            String full = p.context().isEmpty() ? p.body() : p.context() + " " + p.body();
            out.add(new Subtask(i, full, dependent ? List.of(i - 1) : List.of()));
        }
        return out;
    }

    /** Every line break ("\r\n", '\r', U+0085, U+2028, U+2029) as '\n', so lists split whatever the client sent. */
    private static String unixLines(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return t.replace("\r\n", "\n").replace('\r', '\n').replace('\u0085', '\n').replace('\u2028', '\n')
                        .replace('\u2029', '\n');
            }
        }
        return t;
    }

    /** Lines that look like lettered answer options ("A. …", "b) …"), counted up to 2, in one pass without regex. */
    private static int letterOptions(String t) {
        int n = 0;
        for (int start = 0; start < t.length() && n < 2; ) {
            int i = start;
            while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) i++;
            if (isOptionLabel(t, i)) n++;
            int nl = t.indexOf('\n', i);
            if (nl < 0) break;
            start = nl + 1;
        }
        return n;
    }

    /** At {@code i}: a letter A–H (either case), '.' or ')', one or more spaces or tabs, then a non-space. */
    private static boolean isOptionLabel(String t, int i) {
        if (i + 2 >= t.length()) return false;
        char label = Character.toUpperCase(t.charAt(i)), mark = t.charAt(i + 1);
        if (label < 'A' || label > 'H' || (mark != '.' && mark != ')')) return false;
        int j = i + 2;
        while (j < t.length() && (t.charAt(j) == ' ' || t.charAt(j) == '\t')) j++;
        return j > i + 2 && j < t.length() && !Character.isWhitespace(t.charAt(j));
    }

    /**
     * Whether t holds two or more question marks (ASCII or full-width). This scan and the next use
     * String.indexOf(char), which the JVM vectorizes and which returns at once for a char a Latin-1 string cannot hold
     * (the full-width ones).
     */
    private static boolean hasTwoQuestionMarks(String t) {
        int n = 0;
        for (char mark : QUESTION_MARKS) {
            for (int i = t.indexOf(mark); i >= 0; i = t.indexOf(mark, i + 1)) {
                if (++n >= 2) return true;
            }
        }
        return false;
    }

    /**
     * Whether a sentence after the first starts with a sequencing word's prefix: the only case in which
     * {@link #sequenced} can find two parts. Looks only after each sentence terminator, found by indexOf; no
     * allocation, before the sentence regex runs.
     */
    private static boolean laterSentenceMaySequence(String t) {
        for (char terminator : TERMINATORS) {
            for (int i = t.indexOf(terminator); i >= 0 && i + 1 < t.length(); i = t.indexOf(terminator, i + 1)) {
                if (!isTerminator(t.charAt(i + 1)) && startsWithSequencerPrefix(t, i + 1)) return true;
            }
        }
        return false;
    }

    /** Whether, after any whitespace from {@code from}, t goes on with one of {@link #SEQUENCER_PREFIXES}. */
    private static boolean startsWithSequencerPrefix(String t, int from) {
        int j = from;
        while (j < t.length() && Character.isWhitespace(t.charAt(j))) j++;
        for (String w : SEQUENCER_PREFIXES) {
            if (t.regionMatches(true, j, w, 0, w.length())) return true;
        }
        return false;
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '?' || c == '!' || c == '。' || c == '？' || c == '！';
    }

    /** A subtask's own words and the shared context it needs to stand alone. */
    private record Part(String context, String body) {
    }

    private static List<Subtask> single(String t) {
        return List.of(new Subtask(0, t, List.of()));
    }

    private static List<Part> listItems(String t) {
        Matcher m = LIST_ITEM.matcher(t);
        List<Part> items = new ArrayList<>();
        int first = -1;
        int[] starts = new int[MAX_SUBTASKS * 4];
        int count = 0;
        while (m.find() && count < starts.length) {
            if (first < 0) first = m.start();
            starts[count++] = m.start(1);
        }
        if (count < 2) {
            return items;
        }
        String preamble = t.substring(0, first).strip();
        for (int i = 0; i < count; i++) {
            int end = i + 1 < count ? lineStartBefore(t, starts[i + 1]) : t.length();
            items.add(new Part(preamble, t.substring(starts[i], end).strip()));
        }
        return items;
    }

    /** The line break before the list item starting at {@code pos} ({@link #unixLines} left only '\n'). */
    private static int lineStartBefore(String t, int pos) {
        int nl = t.lastIndexOf('\n', pos);
        return nl < 0 ? pos : nl;
    }

    private static List<Part> questions(String t) {
        List<String> sentences = sentences(t);
        int q = 0;
        for (String s : sentences) {
            if (isQuestion(s)) q++;
        }
        if (q < 2) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        StringBuilder context = new StringBuilder();
        for (String s : sentences) {
            if (isQuestion(s)) {
                parts.add(new Part(context.toString().strip(), s));
                context.setLength(0);
            } else {
                context.append(s).append(' ');
            }
        }
        if (context.length() > 0 && !parts.isEmpty()) {
            int last = parts.size() - 1;
            Part p = parts.get(last);
            parts.set(last, new Part(p.context(), p.body() + " " + context.toString().strip()));
        }
        return parts;
    }

    private static boolean isQuestion(String sentence) {
        return sentence.endsWith("?") || sentence.endsWith("？");
    }

    private static List<Part> sequenced(String t) {
        List<Part> parts = new ArrayList<>();
        for (String s : sentences(t)) {
            if (!parts.isEmpty() && !SEQUENCER.matcher(s).find()) {
                int last = parts.size() - 1;
                parts.set(last, new Part("", parts.get(last).body() + " " + s));
            } else {
                parts.add(new Part("", s));
            }
        }
        return parts;
    }

    private static List<String> sentences(String t) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(t);
        while (m.find()) {
            String s = m.group().strip();
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    /** Joins the subtask answers in subtask order, one paragraph each. */
    public static String compose(List<Subtask> subtasks, java.util.Map<Integer, String> answers) {
        StringBuilder sb = new StringBuilder();
        for (Subtask s : subtasks) {
            String a = answers.get(s.index());
            if (a == null) {
                throw new IllegalArgumentException("no answer for subtask " + s.index());
            }
            if (sb.length() > 0) sb.append("\n\n");
            sb.append(subtasks.size() > 1 ? (s.index() + 1) + ". " : "").append(a.strip());
        }
        return sb.toString();
    }
}
