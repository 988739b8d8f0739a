package io.edgerouter.privacy;

import java.util.List;

/** Entity type names. The first group are Presidio's names; the secrets are this library's additions. */
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

    /** Cloud-provider and SaaS API keys with a recognisable prefix (AWS, GitHub, Slack, Stripe, Google...). */
    public static final String API_KEY = "API_KEY";
    /** Bearer tokens and JSON Web Tokens. */
    public static final String AUTH_TOKEN = "AUTH_TOKEN";
    /** PEM private-key blocks. */
    public static final String PRIVATE_KEY = "PRIVATE_KEY";
    /** Long random-looking strings next to words such as "secret" or "password". */
    public static final String SECRET = "SECRET";

    /** Identifiers with a fixed shape (and often a checksum), as opposed to names, places and dates. */
    public static final List<String> STRUCTURED = List.of(EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE,
            IP_ADDRESS, MAC_ADDRESS, URL, US_SSN, US_ITIN, US_PASSPORT, US_DRIVER_LICENSE, US_BANK_NUMBER, UK_NHS,
            CRYPTO, API_KEY, AUTH_TOKEN, PRIVATE_KEY, SECRET);

    private Entities() {
    }
}
