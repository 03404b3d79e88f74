package dev.attune.instrumentation.signals;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes each distinct (source, what) problem on once; repeats are dropped. Any thread.
 *
 * <p>Why: a counter that is missing is missing every interval, and a failing JFR handler fails on every
 * event; the operator needs one line, not a flood. A throwing downstream is swallowed: reporting a
 * problem must never become one.
 */
final class ProblemsOnce implements SignalProblems {

    private final SignalProblems downstream;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    ProblemsOnce(SignalProblems downstream) {
        this.downstream = downstream;
    }

    @Override
    public void skipped(String source, String what, String reason) {
        if (reported.add(source + '\u0000' + what)) {
            try {
                downstream.skipped(source, what, reason);
            } catch (RuntimeException ignored) {
                // the wiring's log failed; nothing better to do from here
            }
        }
    }

    // The error and, when it differs, its root cause: a NoClassDefFoundError alone hides why JNA failed.
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }
}
