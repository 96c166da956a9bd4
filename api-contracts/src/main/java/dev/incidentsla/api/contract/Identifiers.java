package dev.incidentsla.api.contract;

import java.util.regex.Pattern;

/** What ids clients may choose: short, printable, path-safe. */
public final class Identifiers {

    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,99}");

    private Identifiers() {
    }

    public static void requireUsable(String value, String what) {
        if (value == null || !USABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 100 letters, digits, '.', '_', '~' or '-', "
                    + "starting with a letter or digit; got '" + value + "'");
        }
    }
}
