package io.edgerouter.privacy.recognizer;

import io.edgerouter.privacy.InvalidInputException;
import io.edgerouter.privacy.recognizer.au.AuAbnRecognizer;
import io.edgerouter.privacy.recognizer.au.AuAcnRecognizer;
import io.edgerouter.privacy.recognizer.au.AuMedicareRecognizer;
import io.edgerouter.privacy.recognizer.au.AuTfnRecognizer;
import io.edgerouter.privacy.recognizer.es.EsNieRecognizer;
import io.edgerouter.privacy.recognizer.es.EsNifRecognizer;
import io.edgerouter.privacy.recognizer.fi.FiPersonalIdentityCodeRecognizer;
import io.edgerouter.privacy.recognizer.generic.CreditCardRecognizer;
import io.edgerouter.privacy.recognizer.generic.CryptoRecognizer;
import io.edgerouter.privacy.recognizer.generic.DateTimeRecognizer;
import io.edgerouter.privacy.recognizer.generic.EmailRecognizer;
import io.edgerouter.privacy.recognizer.generic.IbanRecognizer;
import io.edgerouter.privacy.recognizer.generic.IpAddressRecognizer;
import io.edgerouter.privacy.recognizer.generic.MacAddressRecognizer;
import io.edgerouter.privacy.recognizer.generic.PhoneRecognizer;
import io.edgerouter.privacy.recognizer.generic.UrlRecognizer;
import io.edgerouter.privacy.recognizer.india.InAadhaarRecognizer;
import io.edgerouter.privacy.recognizer.india.InPanRecognizer;
import io.edgerouter.privacy.recognizer.india.InPassportRecognizer;
import io.edgerouter.privacy.recognizer.india.InVehicleRegistrationRecognizer;
import io.edgerouter.privacy.recognizer.india.InVoterRecognizer;
import io.edgerouter.privacy.recognizer.kr.KrRrnRecognizer;
import io.edgerouter.privacy.recognizer.it.ItDriverLicenseRecognizer;
import io.edgerouter.privacy.recognizer.it.ItFiscalCodeRecognizer;
import io.edgerouter.privacy.recognizer.it.ItIdentityCardRecognizer;
import io.edgerouter.privacy.recognizer.it.ItPassportRecognizer;
import io.edgerouter.privacy.recognizer.it.ItVatCodeRecognizer;
import io.edgerouter.privacy.recognizer.ner.NameFinderRecognizer;
import io.edgerouter.privacy.recognizer.ner.StreetAddressRecognizer;
import io.edgerouter.privacy.recognizer.pl.PlPeselRecognizer;
import io.edgerouter.privacy.recognizer.se.SePersonnummerRecognizer;
import io.edgerouter.privacy.recognizer.secret.ApiKeyRecognizer;
import io.edgerouter.privacy.recognizer.secret.AuthTokenRecognizer;
import io.edgerouter.privacy.recognizer.secret.HighEntropySecretRecognizer;
import io.edgerouter.privacy.recognizer.secret.PrivateKeyRecognizer;
import io.edgerouter.privacy.recognizer.sg.SgFinRecognizer;
import io.edgerouter.privacy.recognizer.th.ThTninRecognizer;
import io.edgerouter.privacy.recognizer.uk.UkNhsRecognizer;
import io.edgerouter.privacy.recognizer.uk.UkNinoRecognizer;
import io.edgerouter.privacy.recognizer.us.AbaRoutingRecognizer;
import io.edgerouter.privacy.recognizer.us.MedicalLicenseRecognizer;
import io.edgerouter.privacy.recognizer.us.UsBankNumberRecognizer;
import io.edgerouter.privacy.recognizer.us.UsDriverLicenseRecognizer;
import io.edgerouter.privacy.recognizer.us.UsItinRecognizer;
import io.edgerouter.privacy.recognizer.us.UsMbiRecognizer;
import io.edgerouter.privacy.recognizer.us.UsNpiRecognizer;
import io.edgerouter.privacy.recognizer.us.UsPassportRecognizer;
import io.edgerouter.privacy.recognizer.us.UsSsnRecognizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The set of recognizers an analyzer runs: the built-in ones plus custom recognizers from policy. */
public final class RecognizerRegistry {

    private final List<Recognizer> recognizers = new ArrayList<>();

    /** Every built-in recognizer. Order matters only for ties (equal span, equal score): earlier wins. */
    public static RecognizerRegistry builtIn() {
        RecognizerRegistry r = new RecognizerRegistry();
        r.add(new PrivateKeyRecognizer());
        r.add(new ApiKeyRecognizer());
        r.add(new AuthTokenRecognizer());
        r.add(new EmailRecognizer());
        r.add(new CreditCardRecognizer());
        r.add(new IbanRecognizer());
        r.add(new CryptoRecognizer());
        r.add(new IpAddressRecognizer());
        r.add(new MacAddressRecognizer());
        r.add(new UrlRecognizer());
        // US and UK identifiers (Presidio's country_specific/us and uk recognizers)
        r.add(new UsSsnRecognizer());
        r.add(new UsItinRecognizer());
        r.add(new UsPassportRecognizer());
        r.add(new UsDriverLicenseRecognizer());
        r.add(new UsBankNumberRecognizer());
        r.add(new AbaRoutingRecognizer());
        r.add(new UsNpiRecognizer());
        r.add(new UsMbiRecognizer());
        r.add(new MedicalLicenseRecognizer());
        r.add(new UkNhsRecognizer());
        r.add(new UkNinoRecognizer());
        r.add(new PhoneRecognizer());
        // Asia-Pacific: Australia, Singapore, Korea, Thailand, India
        r.add(new AuAbnRecognizer());
        r.add(new AuAcnRecognizer());
        r.add(new AuTfnRecognizer());
        r.add(new AuMedicareRecognizer());
        r.add(new SgFinRecognizer());
        r.add(new KrRrnRecognizer());
        r.add(new ThTninRecognizer());
        r.add(new InAadhaarRecognizer());
        r.add(new InPanRecognizer());
        r.add(new InVehicleRegistrationRecognizer());
        r.add(new InVoterRecognizer());
        r.add(new InPassportRecognizer());
        // European country packs (Spain, Italy, Poland, Finland, Sweden)
        r.add(new EsNifRecognizer());
        r.add(new EsNieRecognizer());
        r.add(new ItFiscalCodeRecognizer());
        r.add(new ItVatCodeRecognizer());
        r.add(new ItDriverLicenseRecognizer());
        r.add(new ItPassportRecognizer());
        r.add(new ItIdentityCardRecognizer());
        r.add(new PlPeselRecognizer());
        r.add(new FiPersonalIdentityCodeRecognizer());
        r.add(new SePersonnummerRecognizer());
        r.add(new DateTimeRecognizer());
        r.add(new NameFinderRecognizer());
        r.add(new StreetAddressRecognizer());
        r.add(new HighEntropySecretRecognizer());
        return r;
    }

    public static RecognizerRegistry empty() {
        return new RecognizerRegistry();
    }

    /** Adds a recognizer; names must be unique so that results can be traced to their source. */
    public RecognizerRegistry add(Recognizer recognizer) {
        for (Recognizer r : recognizers) {
            if (r.name().equals(recognizer.name())) {
                throw new InvalidInputException("name", "a recognizer named '" + recognizer.name()
                        + "' is already registered");
            }
        }
        recognizers.add(recognizer);
        return this;
    }

    /**
     * Compiles each spec with RE2/J and adds it; the first invalid one aborts with an {@link InvalidInputException}
     * whose field is its path as in policy JSON ({@code custom_recognizers[2].regex}).
     */
    public RecognizerRegistry addCustom(List<CustomRecognizerSpec> specs) {
        for (int i = 0; i < specs.size(); i++) {
            try {
                add(specs.get(i).compile());
            } catch (InvalidInputException e) {
                throw e.under("custom_recognizers[" + i + "]");
            }
        }
        return this;
    }

    /** Removes built-ins by name (e.g. a deployment that never sees US documents). */
    public RecognizerRegistry remove(String name) {
        if (!recognizers.removeIf(r -> r.name().equals(name))) {
            throw new InvalidInputException("name", "no recognizer named '" + name + "'; registered: " + names());
        }
        return this;
    }

    public List<String> names() {
        return recognizers.stream().map(Recognizer::name).toList();
    }

    public Set<String> supportedEntities() {
        Set<String> s = new HashSet<>();
        recognizers.forEach(r -> s.addAll(r.supportedEntities()));
        return s;
    }

    public List<Recognizer> recognizers() {
        return List.copyOf(recognizers);
    }

    public AnalyzerEngine toAnalyzer(Set<String> languages, int maxTextLength) {
        return new AnalyzerEngine(recognizers, languages, maxTextLength);
    }
}
