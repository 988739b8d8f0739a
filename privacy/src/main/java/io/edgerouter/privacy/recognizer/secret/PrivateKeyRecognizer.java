package io.edgerouter.privacy.recognizer.secret;

import io.edgerouter.privacy.Entities;
import io.edgerouter.privacy.recognizer.AnalysisInput;
import io.edgerouter.privacy.recognizer.PatternRecognizer;
import java.util.List;
import java.util.Set;

/** PEM private-key blocks (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted), from BEGIN to END line inclusive. */
public final class PrivateKeyRecognizer extends PatternRecognizer {

    public PrivateKeyRecognizer() {
        super("PrivateKeyRecognizer", Entities.PRIVATE_KEY, List.of(
                Pattern.jdk("pem private key", "-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----"
                        + "[A-Za-z0-9+/=:,\\-\\s]{0,20000}?-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----", 1.0),
                Pattern.jdk("pem header only (truncated)", "-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----"
                        + "[A-Za-z0-9+/=\\s]{16,20000}+", 0.9)),
                Set.of());
    }

    @Override
    protected boolean mightContain(AnalysisInput input) {
        return input.text().contains("PRIVATE KEY");
    }
}
