package dev.attune.tuner.control;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last changes and switches of every tuned resource, as their log lines, newest last, bounded; published as one
 * immutable list for JMX readers. A change is also sent as a notification. Written on the agent thread only.
 */
public final class AuditTrail {

    private final int size;
    private final Consumer<String> notifier;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private volatile List<String> snapshot = List.of();

    /**
     * Creates the trail.
     *
     * @param size     lines kept
     * @param notifier sends one change notification (to JMX listeners)
     */
    public AuditTrail(int size, Consumer<String> notifier) {
        this.size = size;
        this.notifier = notifier;
    }

    /** Keeps {@code line} and, for a change, sends it as a notification. */
    public void add(String line, boolean notify) {
        lines.addLast(line);
        while (lines.size() > size) {
            lines.removeFirst();
        }
        snapshot = List.copyOf(lines);
        if (notify) {
            notifier.accept(line);
        }
    }

    /** The lines kept, oldest first; any thread. */
    public List<String> lines() {
        return snapshot;
    }
}
