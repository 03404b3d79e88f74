package dev.attune.tuner.act;

import java.util.Locale;

/** How far the tuner goes: nothing, say what it would do, or do it. */
public enum TunerMode {
    /** No decisions are made. */
    OFF,
    /** Decisions are logged and shown, nothing is changed. */
    ADVISE,
    /** Decisions are applied, verified and reverted when they do not help. */
    AUTO;

    /** The mode called {@code text} (any case), or null. */
    public static TunerMode parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The lower-case name used in configuration and log lines. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
