package dev.attune.tuner.report.log;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's own log: one event a line, each with {@code ts}, {@code level}, {@code logger=attune}
 * and {@code event}, in logfmt or JSON, to standard error or a bounded file.
 *
 * <p>Used from agent threads (and premain) only, never from application threads: building a line allocates.
 */
public final class AgentLog {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LogFormat format;
    private final LogLevel threshold;
    private final LogOutput output;

    /** Creates a log writing {@code format} lines at or above {@code threshold} to {@code output}. */
    public AgentLog(LogFormat format, LogLevel threshold, LogOutput output) {
        this.format = format;
        this.threshold = threshold;
        this.output = output;
    }

    /** A line for {@code event} at {@code level}; add fields with {@code kv} and finish with {@code emit}. */
    public Line at(LogLevel level, String event) {
        return new Line(level, event);
    }

    /** Shorthand for {@code at(LogLevel.ERROR, event)}. */
    public Line error(String event) {
        return at(LogLevel.ERROR, event);
    }

    /** Shorthand for {@code at(LogLevel.WARN, event)}. */
    public Line warn(String event) {
        return at(LogLevel.WARN, event);
    }

    /** Shorthand for {@code at(LogLevel.INFO, event)}. */
    public Line info(String event) {
        return at(LogLevel.INFO, event);
    }

    /** Shorthand for {@code at(LogLevel.DEBUG, event)}. */
    public Line debug(String event) {
        return at(LogLevel.DEBUG, event);
    }

    /** True when lines at {@code level} are written. */
    public boolean enabled(LogLevel level) {
        return level.ordinal() <= threshold.ordinal();
    }

    /** Closes a file output; standard error stays open. */
    public void close() {
        output.close();
    }

    /** One event being built. */
    public final class Line {
        private final LogLevel level;
        private final List<Object> fields = new ArrayList<>(16);

        private Line(LogLevel level, String event) {
            this.level = level;
            fields.add("ts");
            fields.add(TIMESTAMP.format(Instant.now()));
            fields.add("level");
            fields.add(level.label());
            fields.add("logger");
            fields.add("attune");
            fields.add("event");
            fields.add(event);
        }

        /** Adds a text field. */
        public Line kv(String key, String value) {
            return field(key, value == null ? "" : value);
        }

        /** Adds a whole-number field. */
        public Line kv(String key, long value) {
            return field(key, value);
        }

        /** Adds a decimal field (rounded to three decimals). */
        public Line kv(String key, double value) {
            return field(key, value);
        }

        /** Adds a yes/no field. */
        public Line kv(String key, boolean value) {
            return field(key, value);
        }

        private Line field(String key, Object value) {
            fields.add(key);
            fields.add(value);
            return this;
        }

        /**
         * Adds each {@code key=value} of a space-separated list as its own field (a number when it reads as one),
         * so evidence written once as text is structured in JSON too. Values must not contain spaces.
         */
        public Line pairs(String keyValues) {
            for (String pair : keyValues.trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = pair.substring(eq + 1);
                try {
                    field(pair.substring(0, eq), value.contains(".") ? (Object) Double.parseDouble(value)
                            : (Object) Long.parseLong(value));
                } catch (NumberFormatException notANumber) {
                    field(pair.substring(0, eq), value);
                }
            }
            return this;
        }

        /** Writes the line if its level is enabled. */
        public void emit() {
            emitAndReturn();
        }

        /** Writes the line if its level is enabled, and returns it as rendered either way (for audit trails). */
        public String emitAndReturn() {
            StringBuilder out = new StringBuilder(160);
            format.render(out, fields);
            String line = out.toString();
            if (enabled(level)) {
                output.write(line);
            }
            return line;
        }
    }
}
