package dev.attune.tuner.decide;

/** What an alert rule decided for one interval. */
public enum AlertTransition {
    /** Nothing to report: the alert stays as it was. */
    NONE,
    /** The condition has held for the required intervals: the alert starts firing. */
    FIRING,
    /** The condition has been clear for the required intervals: the alert is resolved. */
    RESOLVED
}
