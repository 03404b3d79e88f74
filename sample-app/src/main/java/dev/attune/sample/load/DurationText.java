package dev.attune.sample.load;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the short duration syntax used on the command line: {@code 500ms}, {@code 10s}, {@code 1.5m}. */
public final class DurationText {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private DurationText() {
    }

    /** Parses {@code <number><ms|s|m>}; throws {@link IllegalArgumentException} with the offending text otherwise. */
    public static Duration parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + text + "' (expected e.g. 500ms, 10s, 1.5m)");
        }
        double amount = Double.parseDouble(m.group(1));
        double nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 60e9;
        };
        double nanos = amount * nanosPerUnit;
        if (nanos > 24 * 3600e9) {
            throw new IllegalArgumentException("duration '" + text + "' is longer than a day");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Formats a duration back into the shortest exact form of the same syntax. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
