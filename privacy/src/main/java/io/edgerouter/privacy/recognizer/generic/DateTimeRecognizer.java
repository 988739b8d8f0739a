package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisExplanation;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.ContextEnhancer;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.RecognizerResult;
import io.edgerouter.privacy.recognizer.datetime.ContextWindow;
import io.edgerouter.privacy.recognizer.datetime.DateTimeRules;
import io.edgerouter.privacy.recognizer.datetime.DateTimeRules.Rule;
import io.edgerouter.privacy.recognizer.datetime.RuleScan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Dates and times ({@code DATE_TIME}), by patterns only: Presidio's {@code DateRecognizer} formats plus the
 * expressions Presidio finds through spaCy's DATE and TIME entities, which this module has no model for.
 *
 * <p>Formats: ISO 8601 dates and date-times ({@code 2024-03-15}, {@code 2024-03-15T14:30:00.123+02:00},
 * {@code 2024-03-15 14:30}, one span); {@code yyyy/mm/dd}, {@code yyyy.mm.dd}, {@code yyyymmdd}; numeric day and month in either
 * order with slashes, dashes or dots and a 2- or 4-digit year; {@code mm/yyyy} and {@code mm/yy}; month names and
 * abbreviations with or without day, year, weekday and ordinal ("Tuesday, 3 March 2026", "March 3rd, 2026",
 * "3rd of March", "5-MAY-2021", "May-21", "June 2024", "mid-March", "Q3 2025", "the 1990s"); clock times with or
 * without seconds, am/pm and zone ("17:30:05", "5 p.m.", "5:30 PM EST", "10:00 UTC+2", "9:00 Europe/Paris");
 * relative days ("today", "tomorrow at 5pm", "next Tuesday", "on Monday", "last week", "in 3 days",
 * "two weeks ago"); years introduced by a word ("born in 1984", "since 2019", "in the year 2000").
 *
 * <p>Checks: a numeric or named date must be a real calendar day (31/02 and 13/13 are dropped); slashed and
 * dashed numbers may be read day-first or month-first, dotted ones day-first only. A dotted or dashed number after
 * "version", "v", "release", "build"... is a version, and "16:9" after "ratio", "scale", "score"... a ratio: both
 * are dropped.
 *
 * <p>Score ladder (base, then +0.35 with a context word, floor 0.4):
 * <ul>
 *   <li>0.8: ISO 8601 date-time; month name with day and year ("March 3, 2026", "3 March 2026").</li>
 *   <li>0.7: ISO date {@code yyyy-mm-dd}; a relative day or weekday with a time ("tomorrow at 5pm").</li>
 *   <li>0.6: other numeric dates with a year ({@code d/m/yyyy}, {@code d.m.yy}, {@code yyyy/mm/dd}); month name
 *       with a day or a year only ("3rd of March", "June 2024", "21-May"); times with am/pm, seconds or zone.</li>
 *   <li>0.5: a bare clock time has 0.45; "next Tuesday", "on Monday"; "since 2019"; "mid-March", "Q3 2025".</li>
 *   <li>0.45: "two weeks ago", "3 days from now".</li>
 *   <li>0.35-0.3 (reported, below the usual 0.4 threshold without context): "today", "last week", "in 3 days",
 *       a weekday alone, "in 2024", {@code d-m-yy}, {@code yyyymmdd}.</li>
 *   <li>0.2 / 0.1: {@code mm/yyyy} / {@code mm/yy} (a card expiry needs "exp", "expires", "valid thru"...).</li>
 * </ul>
 *
 * <p>Context words: "date", "born", "birth", "birthday", "dob", "appointment", "due", "deadline", "expires",
 * "expiry", "valid", "scheduled", "meeting", "signed", "issued", "effective"; for dates and times with a shape of
 * their own also the prepositions "on", "at", "by", "until", "from", "since", "around"; for the weak month/year
 * forms only the expiry words ("exp", "expires", "valid thru", "good thru") and "date".
 */
public final class DateTimeRecognizer extends PatternRecognizer {

    private static final List<Rule> RULES = DateTimeRules.rules();

    public DateTimeRecognizer() {
        super("DateTimeRecognizer", Entities.DATE_TIME, RULES.stream().map(Rule::pattern).toList(),
                DateTimeRules.TEMPORAL_WORDS);
    }

    /** Every rule's matches ({@link RuleScan}: one pass over the tokens), scored, then each expression once. */
    @Override
    public List<RecognizerResult> analyze(AnalysisInput input) {
        String text = input.text();
        ContextWindow[] windows = new ContextWindow[DateTimeRules.Context.values().length];
        List<Hit> found = new ArrayList<>();
        RuleScan.scan(input, (r, s, e) -> {
            Rule rule = RULES.get(r);
            int c = rule.context().ordinal();
            ContextWindow w = windows[c];
            if (w == null) {
                w = new ContextWindow(input, DateTimeRules.contextWords(rule.context()));
                windows[c] = w;
            }
            RecognizerResult result = score(input, w, text, rule, s, e);
            if (result != null) {
                found.add(new Hit(result, r));
            }
        });
        return dropContained(found);
    }

    /** A result and the index of the rule that found it. */
    private record Hit(RecognizerResult result, int rule) {
    }

    /** By start, longest first, best score first, earliest rule first. */
    private static final Comparator<Hit> ORDER = (a, b) -> {
        RecognizerResult x = a.result();
        RecognizerResult y = b.result();
        if (x.start() != y.start()) {
            return Integer.compare(x.start(), y.start());
        }
        if (x.end() != y.end()) {
            return Integer.compare(y.end(), x.end());
        }
        if (x.score() != y.score()) {
            return Double.compare(y.score(), x.score());
        }
        return Integer.compare(a.rule(), b.rule());
    };

    private RecognizerResult score(AnalysisInput input, ContextWindow context, String text, Rule rule, int s, int e) {
        double base = DateTimeRules.score(rule, text, s, e);
        if (base < 0 || vetoedByPreviousWord(input, rule, text, s, e)) {
            return null;
        }
        double score = base;
        String word = context.supportingWord(s, e);
        if (word != null) {
            score = ContextEnhancer.boosted(base);
        }
        AnalysisExplanation why = null;
        if (input.explain()) {
            why = new AnalysisExplanation(name(), rule.pattern().name(), rule.pattern().regex().source(), base, score,
                    "Identified as " + Entities.DATE_TIME + " by " + name(), score - base, word, null);
        }
        return new RecognizerResult(Entities.DATE_TIME, s, e, score, name(), why);
    }

    /** "version 1.12.10" (dotted) is no date, "aspect ratio 16:10" no time. */
    private static boolean vetoedByPreviousWord(AnalysisInput input, Rule rule, String text, int start, int end) {
        boolean clock = rule.check() == DateTimeRules.Check.CLOCK;
        if (!(rule.numeric() && hasDot(text, start, end)) && !clock) {
            return false;
        }
        // the veto words are letters; the last one ends at most 2 characters before the start
        boolean letterBefore = false;
        for (int i = Math.max(0, start - 3); i < start; i++) {
            letterBefore |= Character.isLetter(input.text().charAt(i));
        }
        if (!letterBefore) {
            return false;
        }
        int w = input.lastWordEndingBefore(start);
        if (w < 0 || start - input.wordEnd(w) > 2) {
            return false;
        }
        Set<String> veto = clock ? DateTimeRules.RATIO_WORDS : DateTimeRules.VERSION_WORDS;
        return veto.contains(input.lowerWord(w));
    }

    private static boolean hasDot(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == '.') {
                return true;
            }
        }
        return false;
    }

    /**
     * Reports each expression once: of results with the same span the best-scored one (on equal scores the earlier
     * rule's); a result inside a longer one is dropped ("March 3" inside "March 3, 2026", "today" inside "today at
     * 5pm"), and the longer one takes the inner one's score when that is higher ("Wednesday at 10:15 pm" is as clear
     * a time as "10:15 pm"). A sweep in start order against the kept result reaching furthest; O(n log n), and
     * nearly O(n) since the hits come in almost that order.
     */
    private static List<RecognizerResult> dropContained(List<Hit> found) {
        List<RecognizerResult> kept = new ArrayList<>(found.size());
        if (found.size() < 2) {
            found.forEach(h -> kept.add(h.result()));
            return kept;
        }
        found.sort(ORDER);
        int reach = -1; // index in kept of the result reaching furthest
        for (Hit h : found) {
            RecognizerResult r = h.result();
            RecognizerResult outer = reach < 0 ? null : kept.get(reach);
            if (outer != null && r.end() <= outer.end()) {
                if (r.score() > outer.score()) {
                    kept.set(reach, withScore(outer, r.score()));
                }
                continue;
            }
            kept.add(r);
            reach = kept.size() - 1;
        }
        return kept;
    }

    private static RecognizerResult withScore(RecognizerResult r, double score) {
        AnalysisExplanation e = r.explanation();
        AnalysisExplanation why = e == null ? null : new AnalysisExplanation(e.recognizer(), e.patternName(),
                e.pattern(), e.originalScore(), score, e.textualExplanation() + "; scored as the date or time inside it",
                e.scoreContextImprovement(), e.supportiveContextWord(), e.validationResult());
        return new RecognizerResult(r.entityType(), r.start(), r.end(), score, r.recognizer(), why);
    }
}
