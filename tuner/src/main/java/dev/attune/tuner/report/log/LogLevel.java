package dev.attune.tuner.report.log;

import java.util.Locale;

/** Severity of a log event; a log writes the events at or above its threshold. */
public enum LogLevel {
    /** A part of the agent could not work. */
    ERROR,
    /** Something was skipped or looks wrong, and the agent runs on. */
    WARN,
    /** What the agent saw and did. */
    INFO,
    /** Detail for troubleshooting the agent itself. */
    DEBUG;

    /** The lower-case name used in log lines and configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level named {@code name} (any case), or null. */
    public static LogLevel named(String name) {
        for (LogLevel l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        return null;
    }
}
