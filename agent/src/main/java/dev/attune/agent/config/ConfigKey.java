package dev.attune.agent.config;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One known configuration key: its name, kind of value, default, bounds and meaning.
 *
 * <p>Values parse to: Boolean, Long (durations in nanoseconds, sizes in bytes, whole numbers), Double (ratios,
 * written {@code 0.9} or {@code 90%}; their bounds are given in percent), String (enum values in lower case,
 * paths), or {@code List<String>} (comma-separated, items trimmed, empty items dropped).
 */
public final class ConfigKey {

    /** The kind of a key's value. */
    public enum Kind { BOOLEAN, DURATION, SIZE, ENUM, STRING, LIST, INTEGER, RATIO }

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|ms|s|m|h)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(b|kb|mb|gb)?");

    private final String name;
    private final Kind kind;
    private final String defaultText;
    private final long min;
    private final long max;
    private final List<String> choices;
    private final String meaning;

    ConfigKey(String name, Kind kind, String defaultText, long min, long max, List<String> choices, String meaning) {
        this.name = name;
        this.kind = kind;
        this.defaultText = defaultText;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.meaning = meaning;
    }

    /** The key, e.g. {@code attune.interval}. */
    public String name() {
        return name;
    }

    /** The kind of value. */
    public Kind kind() {
        return kind;
    }

    /** The default as written in the documentation. */
    public String defaultText() {
        return defaultText;
    }

    /** One-line meaning, for the documentation. */
    public String meaning() {
        return meaning;
    }

    /** The environment variable for this key: upper case, {@code .} and {@code -} become {@code _}. */
    public String envName() {
        return envName(name);
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The parsed default. */
    Object defaultValue() {
        return parse(defaultText);
    }

    /** Parses {@code text}; null when it is not a valid value for this key. */
    Object parse(String text) {
        String t = text.trim();
        switch (kind) {
            case BOOLEAN:
                return t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case DURATION:
                return inRange(scaled(DURATION.matcher(t.toLowerCase(Locale.ROOT))));
            case SIZE:
                return inRange(scaled(SIZE.matcher(t.toLowerCase(Locale.ROOT))));
            case INTEGER:
                try {
                    return inRange(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    return null;
                }
            case RATIO:
                return ratio(t);
            case ENUM:
                String lower = t.toLowerCase(Locale.ROOT);
                return choices.contains(lower) ? lower : null;
            case LIST:
                List<String> items = t.isEmpty() ? List.of() : List.of(t.split("\\s*,\\s*")).stream()
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
                // A list with choices (names of a fixed set) is valid only when every item is one of them, exactly.
                return choices.isEmpty() || choices.containsAll(items) ? items : null;
            default:
                return t;
        }
    }

    private Double ratio(String t) {
        boolean percent = t.endsWith("%");
        try {
            double value = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
            double hundredths = percent ? value : value * 100;
            return hundredths >= min && hundredths <= max && !Double.isNaN(value) ? hundredths / 100 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Long inRange(Long value) {
        return value != null && value >= min && value <= max ? value : null;
    }

    private static Long scaled(Matcher m) {
        if (!m.matches()) {
            return null;
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long scale;
        switch (unit) {
            case "ns": case "b": scale = 1L; break;
            case "us": scale = 1_000L; break;
            case "ms": scale = 1_000_000L; break;
            case "s": scale = 1_000_000_000L; break;
            case "m": scale = 60_000_000_000L; break;
            case "h": scale = 3_600_000_000_000L; break;
            case "kb": scale = 1L << 10; break;
            case "mb": scale = 1L << 20; break;
            default: scale = 1L << 30; break; // gb
        }
        double value = number * scale;
        return value > Long.MAX_VALUE ? null : (long) value;
    }

    /** What a valid value looks like, for error messages. */
    String expected() {
        switch (kind) {
            case BOOLEAN:
                return "true or false";
            case DURATION:
                return "a duration such as 500ms, 10s or 1m (units ns, us, ms, s, m, h) from "
                        + DurationText.of(min) + " to " + DurationText.of(max);
            case SIZE:
                return "a size such as 64KB, 4MB or 1GB from " + SizeText.of(min) + " to " + SizeText.of(max);
            case ENUM:
                return "one of " + String.join(", ", choices);
            case LIST:
                return choices.isEmpty() ? "a comma-separated list"
                        : "a comma-separated list of " + String.join(", ", choices);
            case INTEGER:
                return "a whole number from " + min + " to " + max;
            case RATIO:
                return "a ratio such as 0.9 or 90% from " + min / 100.0 + " to " + max / 100.0;
            default:
                return "a value";
        }
    }

    /** Durations written back for messages. */
    static final class DurationText {
        private DurationText() {
        }

        static String of(long nanos) {
            if (nanos % 3_600_000_000_000L == 0 && nanos > 0) {
                return nanos / 3_600_000_000_000L + "h";
            }
            if (nanos % 60_000_000_000L == 0 && nanos > 0) {
                return nanos / 60_000_000_000L + "m";
            }
            if (nanos % 1_000_000_000L == 0) {
                return nanos / 1_000_000_000L + "s";
            }
            return nanos / 1_000_000L + "ms";
        }
    }

    /** Sizes written back for messages. */
    static final class SizeText {
        private SizeText() {
        }

        static String of(long bytes) {
            if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
                return (bytes >> 30) + "GB";
            }
            if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
                return (bytes >> 20) + "MB";
            }
            if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
                return (bytes >> 10) + "KB";
            }
            return bytes + "B";
        }
    }
}
