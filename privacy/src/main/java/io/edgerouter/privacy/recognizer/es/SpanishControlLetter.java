package io.edgerouter.privacy.recognizer.es;

/** The control letter shared by Spanish DNI/NIF and NIE numbers: the number modulo 23 indexes a fixed alphabet. */
final class SpanishControlLetter {

    private static final String LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private SpanishControlLetter() {
    }

    /** The letter expected after {@code digits} (one to nine decimal digits). */
    static char of(CharSequence digits) {
        int rest = 0;
        for (int i = 0; i < digits.length(); i++) {
            rest = (rest * 10 + digits.charAt(i) - '0') % 23;
        }
        return LETTERS.charAt(rest);
    }
}
