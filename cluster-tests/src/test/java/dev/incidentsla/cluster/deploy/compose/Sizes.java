package dev.incidentsla.cluster.deploy.compose;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as compose ({@code 512m}) and the JVM ({@code -Xmx256m}) write them. */
final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)([bkmg]?)b?");
    private static final Pattern MAX_HEAP = Pattern.compile("(?:^|\\s)-Xmx(\\S+)");

    private Sizes() {
    }

    static long bytes(String size) {
        Matcher matcher = SIZE.matcher(size.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        long number = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "k" -> number << 10;
            case "m" -> number << 20;
            case "g" -> number << 30;
            default -> number;
        };
    }

    /** The last {@code -Xmx} of JVM options (the one the JVM takes), in bytes. */
    static Optional<Long> maxHeap(String jvmOptions) {
        Matcher matcher = MAX_HEAP.matcher(jvmOptions);
        Long last = null;
        while (matcher.find()) {
            last = bytes(matcher.group(1));
        }
        return Optional.ofNullable(last);
    }
}
