package io.edgerouter.privacy.recognizer.us;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import io.edgerouter.privacy.recognizer.StartGate;
import java.util.List;
import java.util.Set;

/**
 * US bank account numbers (entity {@code US_BANK_NUMBER}), with Presidio's pattern and score: 8 to 17 bare
 * digits at 0.05. There is no checksum and the shape is shared by every long number, so only context makes it
 * usable: Presidio's "check", "account", "acct", "bank", "save", "debit" plus "checking", "savings" and
 * "deposit" add 0.35 (floor 0.4).
 */
public final class UsBankNumberRecognizer extends PatternRecognizer {

    public UsBankNumberRecognizer() {
        super("UsBankNumberRecognizer", Entities.US_BANK_NUMBER, List.of(
                Pattern.jdk("bank account (very weak)", Bounds.NUMBER_START + "\\d{8,17}" + Bounds.NUMBER_END, 0.05,
                        Bounds.DIGIT.withRun(StartGate.Chars.DIGIT, 8))),
                Set.of("check", "checking", "account", "account#", "acct", "bank", "save", "savings", "debit",
                        "deposit"));
    }
}
