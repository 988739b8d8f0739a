package io.edgerouter.privacy.recognizer.generic;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import java.util.List;
import java.util.Set;

/** E-mail addresses: a loose pattern (0.5) confirmed by a local-part and domain shape check (1.0). */
public final class EmailRecognizer extends PatternRecognizer {

    private static final String REGEX = "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}+"
            + "@[A-Za-z0-9][A-Za-z0-9-]{0,62}+(?:\\.[A-Za-z0-9-]{1,63}+){0,8}\\.[A-Za-z]{2,24}+(?![\\w-]|\\.\\w)";

    public EmailRecognizer() {
        super("EmailRecognizer", Entities.EMAIL_ADDRESS, List.of(Pattern.jdk("email (medium)", REGEX, 0.5)),
                Set.of("email", "e-mail", "mail", "contact"));
    }

    @Override
    protected boolean mightContain(AnalysisInput input) {
        return input.text().indexOf('@') >= 0;
    }

    @Override
    protected Validation validate(String candidate) {
        int at = candidate.indexOf('@');
        String local = candidate.substring(0, at);
        String domain = candidate.substring(at + 1);
        if (local.endsWith(".") || local.contains("..")) {
            return Validation.INVALID;
        }
        for (String label : domain.split("\\.")) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
                return Validation.INVALID;
            }
        }
        return Validation.VALID;
    }
}
