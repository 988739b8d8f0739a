package io.edgerouter.privacy.recognizer.ner;

import java.util.Set;

/** Context words for the name finder: what tends to precede a person's or a place's name. */
final class NerCues {

    static final Set<String> TITLES = words("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir",
            "dame", "lady", "lord", "herr", "frau", "monsieur", "madame", "mme", "mlle", "señor", "señora", "senor",
            "senora", "sr", "sra", "signor", "signora", "dott", "doctor", "judge", "officer", "captain", "nurse");

    /** One word right before a name that makes a person likely ("dear Anna", "colleague Tom"). */
    static final Set<String> PERSON_CUES = words("named", "called", "dear", "hi", "hello", "hey", "regards",
            "sincerely", "cheers", "thanks", "contact", "ask", "signed", "meet", "met", "patient", "customer",
            "employee", "colleague", "manager", "wife", "husband", "son", "daughter", "mother", "father", "brother",
            "sister", "friend", "cc", "tell", "user", "client", "tenant", "applicant", "candidate", "by", "with",
            "from", "for", "and", "to", "name", "is", "am", "i'm", "said", "says", "asked", "emailed", "told");

    /** Words right before a run of unknown capitalised words that make it a person ("my colleague Xiomara Eze"). */
    static final Set<String> STRONG_PERSON_CUES = words("is", "named", "called", "dear", "regards", "colleague",
            "patient", "customer", "employee", "tenant", "holder", "record", "appelle", "llamo", "chiamo", "heiße",
            "heisse", "é", "signed", "sincerely", "cheers", "contact", "ask", "met", "meet", "mr", "mrs", "ms",
            // roles right before a name ("our CTO Dimitri Papadakis", "my landlord Anders Lund")
            "ceo", "cto", "cfo", "coo", "founder", "director", "president", "engineer", "lawyer", "attorney",
            "accountant", "teacher", "landlord", "landlady", "neighbour", "neighbor", "boss", "partner", "agent",
            "recruiter", "supervisor", "assistant", "intern", "coach");

    /** Prepositions and verbs before a place ("in Berlin", "from Lagos", "visiting Kyoto"). */
    static final Set<String> PLACE_PREPOSITIONS = words("in", "from", "to", "at", "near", "visit", "visiting",
            "visited", "around", "via", "across", "outside", "into", "towards", "toward", "of", "between", "through",
            "aus", "nach", "en", "em");

    /** Words that introduce an unknown place strongly enough to accept any capitalised name after them. */
    static final Set<String> PLACE_VERBS = words("lives", "live", "living", "moved", "based", "born", "located",
            "relocated", "relocating", "flying", "flew", "travelling", "traveling", "headquartered", "resides", "vivo",
            "wohne", "habite", "issued", "lived");

    /** Capitalised words that start sentences or name things, never people or places on their own. */
    static final Set<String> NOT_NAMES = words("the", "a", "an", "i", "we", "you", "he", "she", "it", "they",
            "my", "our", "your", "his", "her", "their", "this", "that", "these", "those", "please", "thanks", "thank",
            "hi", "hello", "dear", "call", "send", "email", "contact", "ask", "tell", "meet", "visit", "from", "to",
            "in", "on", "at", "for", "with", "by", "and", "or", "but", "if", "when", "where", "what", "who", "why",
            "how", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
            "february", "march", "july", "september", "october", "november", "december", "street", "road",
            "avenue", "lane", "inc", "ltd", "llc", "gmbh", "corp", "company", "bank", "university", "hospital",
            "hotel", "airport", "station", "team", "support", "account", "order", "invoice", "ticket", "re", "fwd",
            "subject", "note", "yes", "no", "ok", "okay", "also", "then", "now", "today", "tomorrow", "yesterday",
            "let", "can", "could", "would", "should", "is", "are", "was", "my", "new", "card", "phone", "ssn",
            "iban", "nhs", "passport", "license", "driver", "mac", "ip", "server", "wallet", "url", "api", "key",
            "token", "password", "regards", "best", "kind", "sincerely", "cheers", "after", "before", "since",
            "until", "about", "as", "so", "there", "here", "just", "ceo", "cto", "cfo", "hr", "it's", "i'm",
            "reach", "book", "check", "use", "write", "text", "pay", "transfer", "patient", "customer", "user",
            "north", "south", "east", "west", "central", "mount", "lake", "river", "saint", "st", "san", "santa");

    /** Lower-case particles inside family names ("van der Berg", "de Luca", "bin Salman"). */
    static final Set<String> PARTICLES = words("van", "von", "der", "den", "de", "da", "di", "del", "della",
            "dos", "das", "du", "le", "la", "bin", "ibn", "al", "el", "ter", "ten");

    private NerCues() {
    }

    /** Like Set.of but tolerant of repeated words, which are easy to introduce when editing these lists. */
    private static Set<String> words(String... words) {
        return Set.copyOf(java.util.Arrays.asList(words));
    }
}
