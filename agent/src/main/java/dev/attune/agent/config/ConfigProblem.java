package dev.attune.agent.config;

/**
 * Something wrong in the configuration, found while loading it, for the agent's log to report.
 *
 * @param severity {@code WARN} (ignored, the rest goes on) or {@code ERROR} (that part is skipped or defaulted)
 * @param key the key (or agent argument, or file) concerned
 * @param message what is wrong, what is expected, and what the agent does instead
 */
public record ConfigProblem(Severity severity, String key, String message) {

    /** How bad a problem is. */
    public enum Severity {
        /** Ignored; everything else goes on. */
        WARN,
        /** That part of the configuration is skipped or takes its default. */
        ERROR
    }

    @Override
    public String toString() {
        return severity + " " + message;
    }
}
