package dev.attune.sample;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The thread-pool changes the Attune agent made (or advised), read from its audit trail over JMX
 * ({@code dev.attune:type=Tuner}, attribute {@code AuditTrail}): by ObjectName only, no compile-time dependency on
 * the agent. Each audit line is one log line (logfmt or JSON); only the fields shown here are read from it.
 */
final class AgentActions {

    /** One change or advice of one pool. */
    record Action(long epochMillis, String pool, String event, String action, String oldCore, String newCore,
                  String mode, String reason) {

        /** Short form for a table cell, e.g. {@code grow 2>6}, or {@code advise grow 2>6} for advice. */
        String brief() {
            return (event.equals("pool_advice") ? "advise " : "") + action + " " + oldCore + ">" + newCore;
        }
    }

    private static final String TUNER = "dev.attune:type=Tuner";

    private AgentActions() {
    }

    /** The pool actions of the audit trail, oldest first; empty when the agent (or its tuner) is absent. */
    static List<Action> read(MBeanServer server) {
        List<Action> actions = new ArrayList<>();
        try {
            ObjectName tuner = new ObjectName(TUNER);
            if (!server.isRegistered(tuner)) {
                return actions;
            }
            for (String line : (String[]) server.getAttribute(tuner, "AuditTrail")) {
                Action a = parse(line);
                if (a != null) {
                    actions.add(a);
                }
            }
        } catch (Exception | LinkageError e) {
            // The agent's set of attributes may evolve: no trail is shown as no actions.
        }
        return actions;
    }

    /** Reads from the platform MBeanServer. */
    static List<Action> read() {
        return read(ManagementFactory.getPlatformMBeanServer());
    }

    /** One audit line as an action, or null when it is not about a pool's size. */
    static Action parse(String line) {
        String event = field(line, "event");
        String pool = field(line, "pool");
        String ts = field(line, "ts");
        if (pool == null || ts == null || !("pool_resize".equals(event) || "pool_advice".equals(event))) {
            return null;
        }
        try {
            return new Action(Instant.parse(ts).toEpochMilli(), pool, event, field(line, "action"),
                    field(line, "old_core"), field(line, "new_core"), field(line, "mode"), field(line, "reason"));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The value of {@code key} in a logfmt ({@code key=value}, {@code key="a b"}) or JSON line, or null. */
    static String field(String line, String key) {
        Matcher m = Pattern.compile("(?:^|[ ,{])\"?" + Pattern.quote(key) + "\"?[=:](\"((?:[^\"\\\\]|\\\\.)*)\"|[^ ,}]*)")
                .matcher(line);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2).replace("\\\"", "\"").replace("\\\\", "\\") : m.group(1);
    }
}
