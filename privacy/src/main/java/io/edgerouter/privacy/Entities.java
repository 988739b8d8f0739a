package io.edgerouter.privacy;

import java.util.List;

/**
 * Entity type names. All but the four secrets are Presidio's names (its generic, US, UK and other country
 * recognizers); the secrets are this library's additions.
 */
public final class Entities {

    public static final String EMAIL_ADDRESS = "EMAIL_ADDRESS";
    public static final String PHONE_NUMBER = "PHONE_NUMBER";
    public static final String CREDIT_CARD = "CREDIT_CARD";
    public static final String IBAN_CODE = "IBAN_CODE";
    public static final String IP_ADDRESS = "IP_ADDRESS";
    public static final String MAC_ADDRESS = "MAC_ADDRESS";
    public static final String URL = "URL";
    public static final String US_SSN = "US_SSN";
    public static final String US_ITIN = "US_ITIN";
    public static final String US_PASSPORT = "US_PASSPORT";
    public static final String US_DRIVER_LICENSE = "US_DRIVER_LICENSE";
    public static final String US_BANK_NUMBER = "US_BANK_NUMBER";
    public static final String UK_NHS = "UK_NHS";
    public static final String CRYPTO = "CRYPTO";
    public static final String DATE_TIME = "DATE_TIME";
    public static final String PERSON = "PERSON";
    public static final String LOCATION = "LOCATION";
    public static final String MEDICAL_LICENSE = "MEDICAL_LICENSE";
    public static final String US_MBI = "US_MBI";
    public static final String US_NPI = "US_NPI";
    public static final String ABA_ROUTING_NUMBER = "ABA_ROUTING_NUMBER";
    public static final String UK_NINO = "UK_NINO";
    public static final String ES_NIF = "ES_NIF";
    public static final String ES_NIE = "ES_NIE";
    public static final String IT_FISCAL_CODE = "IT_FISCAL_CODE";
    public static final String IT_DRIVER_LICENSE = "IT_DRIVER_LICENSE";
    public static final String IT_VAT_CODE = "IT_VAT_CODE";
    public static final String IT_PASSPORT = "IT_PASSPORT";
    public static final String IT_IDENTITY_CARD = "IT_IDENTITY_CARD";
    public static final String PL_PESEL = "PL_PESEL";
    public static final String FI_PERSONAL_IDENTITY_CODE = "FI_PERSONAL_IDENTITY_CODE";
    public static final String SE_PERSONNUMMER = "SE_PERSONNUMMER";
    public static final String SG_NRIC_FIN = "SG_NRIC_FIN";
    public static final String AU_ABN = "AU_ABN";
    public static final String AU_ACN = "AU_ACN";
    public static final String AU_TFN = "AU_TFN";
    public static final String AU_MEDICARE = "AU_MEDICARE";
    public static final String IN_PAN = "IN_PAN";
    public static final String IN_AADHAAR = "IN_AADHAAR";
    public static final String IN_VEHICLE_REGISTRATION = "IN_VEHICLE_REGISTRATION";
    public static final String IN_VOTER = "IN_VOTER";
    public static final String IN_PASSPORT = "IN_PASSPORT";
    public static final String KR_RRN = "KR_RRN";
    public static final String TH_TNIN = "TH_TNIN";

    /** Cloud-provider and SaaS API keys with a recognisable prefix (AWS, GitHub, Slack, Stripe, Google...). */
    public static final String API_KEY = "API_KEY";
    /** Bearer tokens and JSON Web Tokens. */
    public static final String AUTH_TOKEN = "AUTH_TOKEN";
    /** PEM private-key blocks. */
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    /** Long random-looking strings next to words such as "secret" or "password". */
    public static final String SECRET = "SECRET";

    /**
     * Identifiers with a fixed shape (and often a checksum), as opposed to names, places and dates. Not listed: the
     * shape-only identifiers that need a context word close by (IN_PASSPORT: a letter and seven digits).
     */
    public static final List<String> STRUCTURED = List.of(EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE,
            IP_ADDRESS, MAC_ADDRESS, URL, US_SSN, US_ITIN, US_PASSPORT, US_DRIVER_LICENSE, US_BANK_NUMBER, UK_NHS,
            CRYPTO, API_KEY, AUTH_TOKEN, PRIVATE_KEY, SECRET, MEDICAL_LICENSE, US_MBI, US_NPI, ABA_ROUTING_NUMBER,
            UK_NINO, ES_NIF, ES_NIE, IT_FISCAL_CODE, IT_DRIVER_LICENSE, IT_VAT_CODE, IT_PASSPORT, IT_IDENTITY_CARD,
            PL_PESEL, FI_PERSONAL_IDENTITY_CODE, SE_PERSONNUMMER, SG_NRIC_FIN, AU_ABN, AU_ACN, AU_TFN, AU_MEDICARE,
            IN_PAN, IN_AADHAAR, IN_VEHICLE_REGISTRATION, IN_VOTER, KR_RRN, TH_TNIN);

    private Entities() {
    }
}
