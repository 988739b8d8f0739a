package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/** US bank account numbers: 8 to 17 digits, meaningful only next to words such as "account" or "checking". */
public final class UsBankNumberRecognizer extends PatternRecognizer {

    public UsBankNumberRecognizer() {
        super("UsBankNumberRecognizer", Entities.US_BANK_NUMBER, List.of(
                Pattern.jdk("bank account (very weak)", "(?<![\\w-])\\d{8,17}(?![\\w-])", 0.05, StartGate.DIGIT_WORD_START)),
                Set.of("account", "acct", "bank", "checking", "savings", "deposit", "a/c"));
    }
}
